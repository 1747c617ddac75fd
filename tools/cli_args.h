// Command-line parsing shared by the subcommands (CLI11).
#ifndef LADDER_TOOLS_CLI_ARGS_H_
#define LADDER_TOOLS_CLI_ARGS_H_

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "ladder/status.h"

namespace ladder::tools {

// The CLI's one vocabulary (README, "Command-line conventions"):
//   --format F     the output format, where there is a choice
//   -o, --output   write the output to FILE instead of stdout
//   --db FILE      the store, ladder.db in the current folder by default
//   -q, --quiet    no progress display
//   --threads N    worker threads, checked against kThreadsRange

inline constexpr const char* kDefaultDb = "ladder.db";
inline constexpr int kMaxThreads = 256;

// --db FILE (default ladder.db).
inline CLI::Option* AddDbOption(CLI::App* app, std::string* db, const std::string& help) {
  *db = kDefaultDb;
  return app->add_option("--db", *db, help)->capture_default_str();
}

// --format F, one of `choices` (the first is the default unless *format is set).
inline CLI::Option* AddFormatOption(CLI::App* app, std::string* format,
                                    const std::vector<std::string>& choices,
                                    const std::string& help) {
  if (format->empty()) *format = choices.front();
  return app->add_option("--format", *format, help)
      ->capture_default_str()
      ->check(CLI::IsMember(choices));
}

// -o, --output FILE.
inline CLI::Option* AddOutputOption(CLI::App* app, std::string* output, const std::string& help) {
  return app->add_option("-o,--output", *output, help);
}

// --threads N, 1..kMaxThreads (or 0..kMaxThreads when 0 means all cores).
inline CLI::Option* AddThreadsOption(CLI::App* app, int* threads, const std::string& help,
                                     bool zero_is_all = false) {
  return app->add_option("--threads", *threads, help)
      ->capture_default_str()
      ->check(CLI::Range(zero_is_all ? 0 : 1, kMaxThreads));
}

// Sends stdout to `path` (nothing to do for "" or "-"). An error names it.
inline Status RedirectStdout(const std::string& path) {
  if (path.empty() || path == "-") return Status::Ok();
  std::cout.flush();
  if (std::freopen(path.c_str(), "wb", stdout) == nullptr) {
    return IoError(path + ": cannot open for writing");
  }
  return Status::Ok();
}

// The exit code for a command that stops on `status`: a bad argument
// (kInvalidArgument) is a usage error, 2; a record over a size limit is bad
// input, 3; anything else (a missing or unreadable file, a damaged store) a
// failure, 1.
inline int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kResourceExhausted:
      return kExitInput;
    default:
      return kExitFailure;
  }
}

// Parses argv into `app`. Returns -1 to go on, or the exit code to return:
// kExitOk after --help (printed on stdout), kExitUsage after a bad command
// line (one line on stderr naming the command).
inline int ParseArgs(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    PrintError(app.get_name() + ": " + e.what());
    return kExitUsage;
  }
  return -1;
}

}  // namespace ladder::tools

#endif  // LADDER_TOOLS_CLI_ARGS_H_
