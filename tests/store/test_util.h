// Helpers shared by the store tests: scratch folders and sample events.
#ifndef LADDER_TESTS_STORE_TEST_UTIL_H_
#define LADDER_TESTS_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include <filesystem>
#include <fstream>
#include <string>

#include "ladder/event.h"

namespace ladder::store::testing {

// A fresh folder for one test, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("ladder_store_" + std::to_string(getpid()) + "_" +
             info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const {
    return (path_ / name).string();
  }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream out(File(name), std::ios::binary);
    out << text;
    return File(name);
  }

 private:
  std::filesystem::path path_;
};

inline Actor MakeActor(const std::string& country, const std::string& agent) {
  Actor a;
  a.country = country;
  a.agent = agent;
  a.code = country + agent;
  a.text = country;
  return a;
}

// An event from `doc` about `source` doing `cameo` to `target` on `date`.
inline Event MakeEvent(const std::string& id, const std::string& doc,
                       const std::string& date, const std::string& source,
                       const std::string& target, const std::string& cameo,
                       const std::string& source_agent = "",
                       const std::string& target_agent = "") {
  Event e;
  e.event_id = id;
  e.doc_id = doc;
  e.sentence = 1;
  e.date = date;
  if (!source.empty()) e.source = MakeActor(source, source_agent);
  if (!target.empty()) e.target = MakeActor(target, target_agent);
  e.cameo = cameo;
  e.root = cameo.substr(0, 2);
  e.quad_class = 4;
  e.goldstein = -9.0;
  e.verb = "did";
  e.evidence_text = "A sentence.";
  return e;
}

inline std::string SharedDir() { return LADDER_SHARED_DIR; }
inline bool HaveShared(const std::string& sub) {
  return std::filesystem::exists(SharedDir() + "/" + sub);
}

// The outcome of running the `ladder` binary (LADDER_BINARY).
struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs `ladder ARGS` through the shell and collects its output.
inline RunResult RunLadder(const std::string& args) {
  RunResult result;
  std::string command = std::string("'") + LADDER_BINARY + "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace ladder::store::testing

#endif  // LADDER_TESTS_STORE_TEST_UTIL_H_
