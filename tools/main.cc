// ladder: one binary, subcommands registered by tools/cmd_*.cc.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"

namespace ladder::tools {

std::vector<Command>& Commands() {
  static std::vector<Command> commands;
  return commands;
}

void PrintError(const std::string& message) {
  std::fprintf(stderr, "ladder: %s\n", message.c_str());
}

namespace {
long record_errors = 0;
}  // namespace

void PrintRecordError(const std::string& message) {
  if (++record_errors <= kShownRecordErrors) PrintError(message);
}

void FinishRecordErrors() {
  if (record_errors > kShownRecordErrors) {
    PrintError("... and " + std::to_string(record_errors - kShownRecordErrors) +
               " more bad records not shown (" + std::to_string(record_errors) +
               " in all; the first " + std::to_string(kShownRecordErrors) + " are above)");
  }
}

namespace {

void PrintUsage(std::FILE* out) {
  std::fprintf(out,
               "ladder: political event coding and escalation analytics\n\n"
               "usage: ladder <command> [options]   (ladder <command> --help)\n\n"
               "commands:\n");
  auto commands = Commands();
  std::sort(commands.begin(), commands.end(),
            [](const Command& a, const Command& b) { return a.name < b.name; });
  for (const Command& c : commands) {
    std::fprintf(out, "  %-12s %s\n", c.name.c_str(), c.help.c_str());
  }
  std::fprintf(out,
               "\nexit codes: 0 ok, 1 failure, 2 usage error, 3 some input "
               "records were bad (the rest processed)\n");
}

}  // namespace
}  // namespace ladder::tools

int main(int argc, char** argv) {
  using namespace ladder::tools;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "help") == 0) {
    PrintUsage(argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitUsage : kExitOk;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::printf("ladder 0.1.0\n");
    return kExitOk;
  }
  for (const Command& c : Commands()) {
    if (c.name == argv[1]) {
      int rc = c.run(argc - 1, argv + 1);
      FinishRecordErrors();
      return rc;
    }
  }
  PrintError(std::string("unknown command '") + argv[1] +
             "' (try 'ladder --help')");
  return kExitUsage;
}
