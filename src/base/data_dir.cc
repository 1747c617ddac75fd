// The data root (ladder/data.h): $LADDER_DATA or share/ladder near the binary.
#include <unistd.h>

#include <sys/stat.h>
#include <cstdlib>
#include <string>

#include "ladder/data.h"

namespace ladder {
namespace {

bool IsFile(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The folder of the running binary ("" if /proc/self/exe is unreadable).
std::string BinaryDir() {
  std::string path(4096, '\0');
  ssize_t n = readlink("/proc/self/exe", path.data(), path.size() - 1);
  if (n <= 0) return "";
  path.resize(static_cast<size_t>(n));
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

Result<std::string> FindRoot() {
  if (const char* env = std::getenv("LADDER_DATA"); env != nullptr && *env != '\0') {
    std::string root = env;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    if (!IsFile(root + "/data/codes.txt")) {
      return NotFound("LADDER_DATA=" + root +
                      ": not a ladder data root (no data/codes.txt in it; it should be "
                      "laid out as an install's share/ladder)");
    }
    return root;
  }
  std::string dir = BinaryDir();
  std::string looked;
  // The binary's folder and up to three parents: <prefix>/bin,
  // build/, build/tests/<module>/.
  for (int up = 0; up <= 3 && !dir.empty(); ++up) {
    std::string root = dir + "/share/ladder";
    if (IsFile(root + "/data/codes.txt")) return root;
    looked += (looked.empty() ? "" : ", ") + root;
    size_t slash = dir.find_last_of('/');
    if (slash == std::string::npos || slash == 0) break;
    dir.resize(slash);
  }
  return NotFound(
      "ladder's data not found (looked in " +
      (looked.empty() ? std::string("nothing: the binary's folder is unknown") : looked) +
      "); set LADDER_DATA to the folder that holds data/codes.txt");
}

}  // namespace

Result<std::string> DataRoot() {
  static const Result<std::string> root = FindRoot();
  return root;
}

Result<std::string> DataDir() {
  ASSIGN_OR_RETURN(std::string root, DataRoot());
  return root + "/data";
}

Result<std::string> DataFile(const std::string& relative) {
  ASSIGN_OR_RETURN(std::string root, DataRoot());
  return root + "/" + relative;
}

}  // namespace ladder
