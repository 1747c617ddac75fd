// Subcommand registry. Each tools/cmd_*.cc file registers its subcommands:
//
//   static const ladder::tools::CommandRegistrar kReg(
//       "ingest", "write events into the store", RunIngest);
//
// A command receives argv with the subcommand name as argv[0] and returns the
// process exit code. Commands see only include/ladder/ (and tools/ helpers).
#ifndef LADDER_TOOLS_COMMANDS_H_
#define LADDER_TOOLS_COMMANDS_H_

#include <string>
#include <vector>

namespace ladder::tools {

// Exit codes (documented in README.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // could not run (missing file, bad dictionary, I/O error)
inline constexpr int kExitUsage = 2;    // bad command line
inline constexpr int kExitInput = 3;    // some input records were bad; the good ones were processed

using CommandFn = int (*)(int argc, char** argv);

struct Command {
  std::string name;
  std::string help;
  CommandFn run;
};

std::vector<Command>& Commands();

struct CommandRegistrar {
  CommandRegistrar(const char* name, const char* help, CommandFn run) {
    Commands().push_back({name, help, run});
  }
};

// Prints "ladder: <message>" on stderr (one line).
void PrintError(const std::string& message);

// Errors about single input records (a bad line, a bad document): the first
// kShownRecordErrors are printed as PrintError does, the rest only counted;
// FinishRecordErrors (main, after the command) then prints how many were not
// shown. Called from one thread at a time.
inline constexpr int kShownRecordErrors = 20;
void PrintRecordError(const std::string& message);
void FinishRecordErrors();

}  // namespace ladder::tools

#endif  // LADDER_TOOLS_COMMANDS_H_
