#include "app/command_line.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace lienthong::app {
namespace {

Result<CommandLine, std::string> parse(std::vector<std::string_view> args) {
  return parse_command_line(args);
}

TEST(CommandLine, Serve) {
  auto cl = parse({"serve"});
  ASSERT_TRUE(cl);
  EXPECT_EQ(cl->command, CommandLine::Command::kServe);
  EXPECT_EQ(cl->config, "config/hub.json");
  auto custom = parse({"serve", "--config", "x.json", "--no-sandbox"});
  ASSERT_TRUE(custom);
  EXPECT_EQ(custom->config, "x.json");
  EXPECT_TRUE(custom->no_sandbox);
}

TEST(CommandLine, CheckConfigTakesAnOptionalFile) {
  EXPECT_EQ(parse({"check-config"})->config, "config/hub.json");
  EXPECT_EQ(parse({"check-config", "other.json"})->config, "other.json");
  EXPECT_FALSE(parse({"check-config", "a", "b"}));
}

TEST(CommandLine, Map) {
  auto cl = parse({"map", "dkdn", "lookup-enterprise", "--response", "sample.json"});
  ASSERT_TRUE(cl);
  EXPECT_EQ(cl->command, CommandLine::Command::kMap);
  EXPECT_EQ(cl->connector, "dkdn");
  EXPECT_EQ(cl->operation, "lookup-enterprise");
  EXPECT_FALSE(cl->request);
  EXPECT_EQ(cl->file, "sample.json");
  EXPECT_FALSE(parse({"map", "dkdn", "lookup-enterprise", "sample.json"}));
  EXPECT_FALSE(parse({"map", "dkdn", "x", "--request", "--response", "f"}));
}

TEST(CommandLine, ErrorsSayWhatIsWrong) {
  EXPECT_EQ(parse({}).error(), "no command given");
  EXPECT_EQ(parse({"frobnicate"}).error(), "unknown command frobnicate");
  EXPECT_EQ(parse({"serve", "--bogus"}).error(), "unknown option --bogus for serve");
  EXPECT_EQ(parse({"serve", "--config"}).error(), "--config needs a file");
  EXPECT_EQ(parse({"sandbox", "--no-sandbox"}).error(), "unknown option --no-sandbox for sandbox");
}

}  // namespace
}  // namespace lienthong::app
