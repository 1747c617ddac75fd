// Command-line parsing shared by the subcommands (CLI11).
#ifndef LADDER_TOOLS_CLI_ARGS_H_
#define LADDER_TOOLS_CLI_ARGS_H_

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "commands.h"

namespace ladder::tools {

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
