// One function per subcommand; main.cc dispatches on argv[1].
// Each receives argv with the subcommand as argv[0] and returns the exit code.
#ifndef LADDER_TOOLS_COMMANDS_H_
#define LADDER_TOOLS_COMMANDS_H_

namespace ladder::tools {

// Exit codes (documented in README.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;      // bad command line
inline constexpr int kExitInput = 3;      // some input records were bad (the rest processed)
inline constexpr int kExitFailure = 1;    // could not run at all (missing file, bad dictionary)

int RunCode(int argc, char** argv);
int RunExplain(int argc, char** argv);
int RunDict(int argc, char** argv);

}  // namespace ladder::tools

#endif  // LADDER_TOOLS_COMMANDS_H_
