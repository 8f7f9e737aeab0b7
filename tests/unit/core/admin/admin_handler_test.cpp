#include "core/admin/admin_handler.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace lienthong::admin {
namespace {

http::Response get(const AdminHandler& handler, const std::string& target) {
  boost::asio::io_context ioc;
  http::Incoming in{http::Request{boost::beast::http::verb::get, target, 11}, {}, {}, {}};
  const auth::Principal who{"lan", auth::Role::kOperator};
  auto future = boost::asio::co_spawn(ioc, handler.handle(in, who), boost::asio::use_future);
  ioc.run();
  return *future.get();
}

TEST(AdminHandler, HealthAndReadiness) {
  auto ready = std::make_shared<std::atomic<bool>>(false);
  AdminHandler handler(ready);
  EXPECT_EQ(get(handler, "/healthz").result_int(), 200);
  EXPECT_EQ(get(handler, "/readyz").result_int(), 503);
  ready->store(true);
  EXPECT_EQ(get(handler, "/readyz").result_int(), 200);
  auto other = get(handler, "/nope");
  EXPECT_EQ(other.result_int(), 404);
  EXPECT_EQ(other[boost::beast::http::field::content_type], "application/problem+json");
}

}  // namespace
}  // namespace lienthong::admin
