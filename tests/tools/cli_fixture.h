// Shared by the CLI tests: run the real `ladder` binary in a temporary
// folder and capture its exit code, stdout and stderr.
#ifndef LADDER_TESTS_TOOLS_CLI_FIXTURE_H_
#define LADDER_TESTS_TOOLS_CLI_FIXTURE_H_

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ladder::testing {

struct CliRun {
  int exit_code = -1;  // -1: did not exit normally (a signal)
  std::string out;
  std::string err;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Single-quotes `s` for the shell.
inline std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// A fresh folder per test (dir_), removed afterwards.
class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ladder_cli_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_ + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return path;
  }

  // Runs `ladder <args>` (args already shell-quoted); stdout and stderr are
  // captured in files. `stdout_to` redirects stdout elsewhere if not empty.
  CliRun Ladder(const std::string& args, const std::string& stdout_to = "") {
    std::string out_path = stdout_to.empty() ? dir_ + "/stdout" : stdout_to;
    std::string err_path = dir_ + "/stderr";
    std::string cmd = Quote(LADDER_BINARY) + " " + args + " >" + Quote(out_path) +
                      " 2>" + Quote(err_path) + " </dev/null";
    int status = std::system(cmd.c_str());
    CliRun r;
    if (status != -1 && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (stdout_to.empty()) r.out = ReadFile(out_path);
    r.err = ReadFile(err_path);
    return r;
  }

  std::string dir_;
};

}  // namespace ladder::testing

#endif  // LADDER_TESTS_TOOLS_CLI_FIXTURE_H_
