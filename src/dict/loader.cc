#include "dict/loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "base/strings.h"
#include "dict/own_format.h"
#include "dict/snapshot.h"
#if __has_include("dict/legacy.h")
#include "dict/legacy.h"
#define LADDER_HAVE_LEGACY 1
#endif

namespace ladder::dict {

Result<std::string> ReadFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return IoError(path + ": " + std::strerror(errno));
  std::string content;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) content.append(buf, n);
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return IoError(path + ": read error");
  return content;
}

namespace {

Status LoadFile(const std::string& path, DictionaryBuilder* builder) {
  // A compiled snapshot is recognised by its magic bytes and memory-mapped.
  if (IsSnapshotFile(path)) return LoadSnapshot(path, builder);
  ASSIGN_OR_RETURN(std::string content, ReadFile(path));
  OwnKind kind;
  if (SniffOwnFormat(content, &kind)) {
    return ReadOwnDictionary(content, path, builder);
  }
#ifdef LADDER_HAVE_LEGACY
  return ReadLegacyDictionary(path, builder);
#else
  return InvalidArgument(path + ":1: unrecognised dictionary format");
#endif
}

bool Skipped(const std::filesystem::path& p) {
  std::string name = p.filename().string();
  // confidence.txt: the confidence model's weights (doc/formats/
  // confidence.md), which the engine reads itself; not a dictionary.
  return name.empty() || name[0] == '.' || base::StartsWith(name, "README") ||
         base::EndsWith(name, ".md") || name == "confidence.txt";
}

}  // namespace

Status LoadDictionaryPath(const std::string& path, DictionaryBuilder* builder) {
  std::error_code ec;
  std::filesystem::file_status st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) {
    return NotFound(path + ": no such file or folder");
  }
  if (!std::filesystem::is_directory(st)) return LoadFile(path, builder);
  std::vector<std::string> files;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
       !ec && it != std::filesystem::recursive_directory_iterator();
       it.increment(ec)) {
    // data/import/ holds the importers' tables (ICEWS names -> CAMEO) and
    // data/places/ the gazetteer's places (src/geo/), not dictionaries.
    if (it->is_directory() &&
        (it->path().filename() == "import" || it->path().filename() == "places")) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && !Skipped(it->path())) {
      files.push_back(it->path().string());
    }
  }
  if (ec) return IoError(path + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) RETURN_IF_ERROR(LoadFile(file, builder));
  return Status::Ok();
}

}  // namespace ladder::dict
