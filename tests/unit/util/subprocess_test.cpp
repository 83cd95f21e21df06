// run_process: output and error captured, exit codes, and a large input pumped while the child writes as much
// back (a child that echoes its input must not deadlock with us).
#include "strata/util/subprocess.hpp"

#include <gtest/gtest.h>

#include <system_error>

namespace strata::util {
namespace {

TEST(Subprocess, CapturesOutputErrorAndExitCode) {
  const auto result = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"}, {});
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
  EXPECT_EQ(result.exit_code, 3);
}

TEST(Subprocess, ALargeInputEchoedBackDoesNotDeadlock) {
  std::string input;
  for (int i = 0; i < 200000; ++i) input += "line " + std::to_string(i) + "\n";  // about 2.5 MB
  const auto result = run_process({"cat"}, {}, input);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.size(), input.size());
  EXPECT_TRUE(result.out == input);
}

TEST(Subprocess, RunsInTheGivenFolder) {
  const auto result = run_process({"pwd"}, "/");
  EXPECT_EQ(result.out, "/\n");
}

TEST(Subprocess, AMissingProgramThrows) {
  EXPECT_THROW(run_process({"strata-no-such-program"}, {}), std::system_error);
}

TEST(Subprocess, ASignalIsReportedAs128PlusItsNumber) {
  EXPECT_EQ(run_process({"sh", "-c", "kill -9 $$"}, {}).exit_code, 128 + 9);
}

}  // namespace
}  // namespace strata::util
