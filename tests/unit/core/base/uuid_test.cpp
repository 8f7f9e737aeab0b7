#include "core/base/uuid.hpp"

#include <gtest/gtest.h>

#include <set>

namespace lienthong {
namespace {

TEST(UuidV7, HasVersionVariantAndLayout) {
  auto id = uuid_v7();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[8], '-');
  EXPECT_EQ(id[13], '-');
  EXPECT_EQ(id[18], '-');
  EXPECT_EQ(id[23], '-');
  EXPECT_EQ(id[14], '7');
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
}

TEST(UuidV7, IsUniqueAndSortsByTime) {
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    auto id = uuid_v7();
    EXPECT_TRUE(seen.insert(id).second);
    // The first 48 bits are milliseconds: never go backwards.
    EXPECT_GE(id.substr(0, 13), previous.substr(0, previous.empty() ? 0 : 13));
    previous = id;
  }
}

}  // namespace
}  // namespace lienthong
