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

TEST(CommandLine, QueueList) {
  auto cl = parse({"queue", "list", "--connector", "dvcqg", "--state", "dead", "--limit", "5",
                   "--json", "--config", "q.json"});
  ASSERT_TRUE(cl) << cl.error();
  EXPECT_EQ(cl->command, CommandLine::Command::kQueue);
  EXPECT_EQ(cl->queue.action, QueueCommand::Action::kList);
  EXPECT_EQ(cl->queue.connector, "dvcqg");
  EXPECT_EQ(cl->queue.state, "dead");
  EXPECT_EQ(cl->queue.limit, 5);
  EXPECT_TRUE(cl->queue.json);
  EXPECT_EQ(cl->config, "q.json");
  auto plain = parse({"queue", "list"});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->queue.limit, 50);
  EXPECT_FALSE(plain->queue.json);
  EXPECT_EQ(plain->config, "config/hub.json");
}

TEST(CommandLine, QueueShowAndReplayTakeOneId) {
  auto show = parse({"queue", "show", "0190-abc"});
  ASSERT_TRUE(show);
  EXPECT_EQ(show->queue.action, QueueCommand::Action::kShow);
  EXPECT_EQ(show->queue.id, "0190-abc");
  auto replay = parse({"queue", "replay", "0190-abc"});
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->queue.action, QueueCommand::Action::kReplay);
  EXPECT_EQ(replay->queue.id, "0190-abc");
  EXPECT_EQ(parse({"queue", "show"}).error(), "queue show needs one message ID");
  EXPECT_FALSE(parse({"queue", "replay", "a", "b"}));
}

TEST(CommandLine, QueueReplayAllDeadNeedsAConnector) {
  auto cl = parse({"queue", "replay", "--all-dead", "--connector", "dvcqg"});
  ASSERT_TRUE(cl);
  EXPECT_EQ(cl->queue.action, QueueCommand::Action::kReplayAllDead);
  EXPECT_EQ(cl->queue.connector, "dvcqg");
  EXPECT_EQ(parse({"queue", "replay", "--all-dead"}).error(),
            "queue replay --all-dead needs --connector X");
  EXPECT_FALSE(parse({"queue", "replay", "--all-dead", "--connector", "x", "some-id"}));
}

TEST(CommandLine, QueuePurgeDeadTakesAnAge) {
  auto cl = parse({"queue", "purge-dead", "--older-than", "7d"});
  ASSERT_TRUE(cl);
  EXPECT_EQ(cl->queue.action, QueueCommand::Action::kPurgeDead);
  EXPECT_EQ(cl->queue.older_than, std::chrono::hours(24 * 7));
  EXPECT_EQ(parse({"queue", "purge-dead", "--older-than", "30m"})->queue.older_than,
            std::chrono::minutes(30));
  EXPECT_EQ(parse({"queue", "purge-dead"}).error(),
            "queue purge-dead needs --older-than D (e.g. 7d)");
  EXPECT_EQ(parse({"queue", "purge-dead", "--older-than", "soon"}).error(),
            "--older-than must be an age like 7d, 12h or 30m, not soon");
}

TEST(CommandLine, QueueErrorsSayWhatIsWrong) {
  EXPECT_EQ(parse({"queue"}).error(), "queue needs list, show, replay or purge-dead");
  EXPECT_EQ(parse({"queue", "frob"}).error(),
            "unknown queue command frob (list, show, replay, purge-dead)");
  EXPECT_EQ(parse({"queue", "list", "--limit", "0"}).error(),
            "--limit must be a number from 1 to 10000, not 0");
  EXPECT_EQ(parse({"queue", "list", "--limit"}).error(), "--limit needs a number");
  EXPECT_EQ(parse({"queue", "show", "x", "--all-dead"}).error(),
            "unknown option --all-dead for queue show");
}

}  // namespace
}  // namespace lienthong::app

namespace lienthong::app {
namespace {

TEST(CommandLine, PaymentsListAndShow) {
  auto list = parse_command_line(std::vector<std::string_view>{"payments", "list", "--state",
                                                               "paid", "--limit", "5", "--json"});
  ASSERT_TRUE(list) << list.error();
  EXPECT_EQ(list->command, CommandLine::Command::kPayments);
  EXPECT_FALSE(list->payments.show);
  EXPECT_EQ(list->payments.state, "paid");
  EXPECT_EQ(list->payments.limit, 5);
  EXPECT_TRUE(list->payments.json);
  auto show = parse_command_line(std::vector<std::string_view>{"payments", "show", "REF-1"});
  ASSERT_TRUE(show) << show.error();
  EXPECT_TRUE(show->payments.show);
  EXPECT_EQ(show->payments.id, "REF-1");
  EXPECT_FALSE(parse_command_line(std::vector<std::string_view>{"payments", "show"}));
  EXPECT_FALSE(parse_command_line(std::vector<std::string_view>{"payments", "list", "x"}));
  EXPECT_FALSE(
      parse_command_line(std::vector<std::string_view>{"payments", "list", "--limit", "0"}));
  EXPECT_FALSE(parse_command_line(std::vector<std::string_view>{"payments"}));
}

TEST(CommandLine, AConnectorsActionTakesNamedParameters) {
  auto cl = parse_command_line(std::vector<std::string_view>{
      "paygov", "reconcile", "--date", "2026-12-06", "--json", "--config", "c.json"});
  ASSERT_TRUE(cl) << cl.error();
  EXPECT_EQ(cl->command, CommandLine::Command::kAction);
  EXPECT_EQ(cl->action.connector, "paygov");
  EXPECT_EQ(cl->action.action, "reconcile");
  EXPECT_EQ(cl->action.params, (std::map<std::string, std::string>{{"date", "2026-12-06"}}));
  EXPECT_TRUE(cl->action.json);
  EXPECT_EQ(cl->config, "c.json");
  EXPECT_FALSE(parse_command_line(std::vector<std::string_view>{"paygov", "reconcile", "--date"}));
  EXPECT_FALSE(parse_command_line(std::vector<std::string_view>{"paygov", "reconcile", "x"}));
  EXPECT_FALSE(parse_command_line(std::vector<std::string_view>{"nothing"}));
}

TEST(CommandLine, AdminPasswd) {
  auto cl = parse({"admin", "passwd", "lan", "--role", "operator", "--config", "c/hub.json"});
  ASSERT_TRUE(cl) << cl.error();
  EXPECT_EQ(cl->command, CommandLine::Command::kAdmin);
  EXPECT_EQ(cl->admin.name, "lan");
  EXPECT_EQ(cl->admin.role, "operator");
  EXPECT_EQ(cl->config, "c/hub.json");
  EXPECT_EQ(parse({"admin", "passwd", "minh", "--file", "ops.json"})->admin.file, "ops.json");
  EXPECT_EQ(parse({"admin"}).error(), "admin needs passwd NAME");
  EXPECT_EQ(parse({"admin", "passwd"}).error(), "admin passwd needs the operator's NAME");
  EXPECT_EQ(parse({"admin", "passwd", "lan", "--role", "root"}).error(),
            "--role must be viewer or operator, not root");
  EXPECT_EQ(parse({"admin", "passwd", "lan", "minh"}).error(), "unexpected argument minh");
  EXPECT_EQ(parse({"admin", "passwd", "lan", "--role"}).error(), "--role needs viewer or operator");
  EXPECT_EQ(parse({"admin", "passwd", "lan", "--password", "x"}).error(),
            "unknown option --password for admin passwd");
}

}  // namespace
}  // namespace lienthong::app
