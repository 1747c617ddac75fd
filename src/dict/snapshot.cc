// Dictionary snapshots (dict/snapshot.h): a compiled dictionary's image
// (dict/image.h) followed by its XXH64, memory-mapped and used in place.
#include "dict/snapshot.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

namespace ladder::dict {
namespace {

inline uint32_t Load32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

inline uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// ---- XXH64 (Yann Collet's xxHash, 64-bit, seed 0), written from its spec ----

constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kP3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kP4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t kP5 = 0x27D4EB2F165667C5ULL;

inline uint64_t XxRound(uint64_t acc, uint64_t input) {
  acc += input * kP2;
  acc = std::rotl(acc, 31);
  return acc * kP1;
}

inline uint64_t XxMerge(uint64_t acc, uint64_t v) {
  acc ^= XxRound(0, v);
  return acc * kP1 + kP4;
}

std::string Errno(const std::string& path) { return path + ": " + std::strerror(errno); }

// Writes all of `bytes` to `fd`.
bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Closes a descriptor on scope exit.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// A read-only mapping of a whole file, unmapped when the last Dictionary
// using it goes.
struct Mapping {
  void* data = nullptr;
  size_t size = 0;
  Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (data != nullptr) ::munmap(data, size);
  }
};

// Splits the bytes after a snapshot's image and checksum into sections
// (dict/snapshot.h); false if they are not whole sections.
bool SplitSections(std::span<const unsigned char> rest, std::vector<SnapshotSection>* out) {
  while (!rest.empty()) {
    if (rest.size() < kSnapshotSectionHeader) return false;
    uint64_t size = Load64(rest.data() + 8);
    if (size > rest.size() - kSnapshotSectionHeader) return false;
    if (out != nullptr) {
      out->push_back({std::string(reinterpret_cast<const char*>(rest.data()), 8),
                      std::string(reinterpret_cast<const char*>(rest.data()) +
                                      kSnapshotSectionHeader, size)});
    }
    rest = rest.subspan(kSnapshotSectionHeader + size);
  }
  return true;
}

// Checks the checksum trailer of a snapshot's bytes and opens its image.
Result<std::shared_ptr<const Dictionary>> OpenBytes(std::shared_ptr<const void> storage,
                                                    std::span<const unsigned char> bytes,
                                                    const std::string& name) {
  if (!HasSnapshotMagic(std::string_view(reinterpret_cast<const char*>(bytes.data()),
                                         bytes.size()))) {
    return InvalidArgument(name + ": not a ladder dictionary snapshot (no magic bytes)");
  }
  if (bytes.size() < kSnapshotHeaderSize + kSnapshotTrailerSize) {
    return InvalidArgument(name + ": truncated snapshot (" + std::to_string(bytes.size()) +
                           " bytes)");
  }
  uint64_t expected = ImageFileSize(bytes);
  if (expected < bytes.size() && expected >= kSnapshotHeaderSize + kSnapshotTrailerSize &&
      SplitSections(bytes.subspan(expected), nullptr)) {
    bytes = bytes.first(expected);  // sections follow the image
  }
  if (expected != bytes.size()) {
    return InvalidArgument(name + ": " + (expected > bytes.size() ? "truncated" : "oversized") +
                           " snapshot: header says " + std::to_string(expected) +
                           " bytes, file has " + std::to_string(bytes.size()));
  }
  size_t body = bytes.size() - kSnapshotTrailerSize;
  uint64_t stored = Load64(bytes.data() + body);
  uint64_t computed = SnapshotChecksum(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), body));
  if (stored != computed) {
    return InvalidArgument(name + ": checksum mismatch at offset " + std::to_string(body) +
                           " (corrupted snapshot)");
  }
  return Dictionary::FromImage(std::move(storage), bytes.first(body), name);
}

// How many words, phrases and codes AddAll would create: lists in an image
// may overlap, so a small crafted file could describe a huge dictionary.
uint64_t ExpandedSize(const Dictionary& d) {
  uint64_t n = 0;
  auto phrases = [&](const PhraseList& list) {
    n += list.size();
    for (size_t i = 0; i < list.size(); ++i) n += list[i].size();
  };
  for (uint32_t i = 0; i < d.actor_count(); ++i) {
    phrases(d.actor(i).names());
    n += d.actor(i).code_count();
  }
  for (uint32_t i = 0; i < d.agent_count(); ++i) phrases(d.agent(i).names());
  for (uint32_t i = 0; i < d.pattern_count(); ++i) {
    PatternView p = d.pattern(i);
    n += p.verb_words().size() + p.elements().size();
    for (size_t e = 0; e < p.elements().size(); ++e) n += p.elements()[e].words().size();
  }
  for (uint32_t i = 0; i < d.discard_count(); ++i) n += d.discard_phrase(i).size();
  for (uint32_t i = 0; i < d.issue_count(); ++i) n += d.issue(i).phrase().size();
  return n;
}

}  // namespace

uint64_t SnapshotChecksum(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const end = p + bytes.size();
  uint64_t h;
  if (bytes.size() >= 32) {
    uint64_t v1 = kP1 + kP2, v2 = kP2, v3 = 0, v4 = 0 - kP1;
    const unsigned char* const limit = end - 32;
    do {
      v1 = XxRound(v1, Load64(p));
      v2 = XxRound(v2, Load64(p + 8));
      v3 = XxRound(v3, Load64(p + 16));
      v4 = XxRound(v4, Load64(p + 24));
      p += 32;
    } while (p <= limit);
    h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
    h = XxMerge(h, v1);
    h = XxMerge(h, v2);
    h = XxMerge(h, v3);
    h = XxMerge(h, v4);
  } else {
    h = kP5;
  }
  h += bytes.size();
  for (; end - p >= 8; p += 8) {
    h ^= XxRound(0, Load64(p));
    h = std::rotl(h, 27) * kP1 + kP4;
  }
  if (end - p >= 4) {
    h ^= uint64_t{Load32(p)} * kP1;
    h = std::rotl(h, 23) * kP2 + kP3;
    p += 4;
  }
  for (; p < end; ++p) {
    h ^= *p * kP5;
    h = std::rotl(h, 11) * kP1;
  }
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return h;
}

bool HasSnapshotMagic(std::string_view bytes) {
  return bytes.size() >= sizeof kSnapshotMagic &&
         std::memcmp(bytes.data(), kSnapshotMagic, sizeof kSnapshotMagic) == 0;
}

bool IsSnapshotFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  FdCloser closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
  char head[sizeof kSnapshotMagic];
  size_t got = 0;
  while (got < sizeof head) {
    ssize_t n = ::read(fd, head + got, sizeof head - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  return HasSnapshotMagic(std::string_view(head, got));
}

std::string SerializeSnapshot(const Dictionary& dictionary) {
  std::span<const unsigned char> image = dictionary.image();
  std::string bytes(reinterpret_cast<const char*>(image.data()), image.size());
  uint64_t sum = SnapshotChecksum(bytes);
  bytes.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  return bytes;
}

Status SaveSnapshot(const Dictionary& dictionary, const std::string& path,
                    std::span<const SnapshotSection> sections) {
  std::string bytes = SerializeSnapshot(dictionary);
  for (const SnapshotSection& section : sections) {
    std::string tag = section.tag;
    tag.resize(8, '\0');
    bytes += tag;
    uint64_t size = section.bytes.size();
    bytes.append(reinterpret_cast<const char*>(&size), sizeof size);
    bytes += section.bytes;
  }
  static std::atomic<unsigned> counter{0};
  std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(counter.fetch_add(1));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return IoError(Errno(path));
  bool written = WriteAll(fd, bytes);
  int saved_errno = errno;
  if (::close(fd) != 0 && written) {
    written = false;
    saved_errno = errno;
  }
  if (!written || ::rename(tmp.c_str(), path.c_str()) != 0) {
    if (written) saved_errno = errno;
    ::unlink(tmp.c_str());
    return IoError(path + ": " + std::strerror(saved_errno));
  }
  return Status::Ok();
}

Result<std::shared_ptr<const Dictionary>> OpenSnapshot(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(Errno(path));
  FdCloser closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return IoError(Errno(path));
  if (!S_ISREG(st.st_mode)) return InvalidArgument(path + ": not a regular file");
  size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) return InvalidArgument(path + ": empty file, not a dictionary snapshot");
  auto mapping = std::make_shared<Mapping>();
  mapping->data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (mapping->data == MAP_FAILED) {
    mapping->data = nullptr;
    return IoError(Errno(path));
  }
  mapping->size = size;
  std::span<const unsigned char> bytes(static_cast<const unsigned char*>(mapping->data), size);
  return OpenBytes(std::move(mapping), bytes, path);
}

Result<std::optional<std::string>> ReadSnapshotSection(const std::string& path,
                                                      std::string_view tag) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(Errno(path));
  FdCloser closer{fd};
  unsigned char header[kSnapshotHeaderSize];
  if (::pread(fd, header, sizeof header, 0) != static_cast<ssize_t>(sizeof header)) {
    return InvalidArgument(path + ": truncated snapshot");
  }
  uint64_t image = ImageFileSize(std::span<const unsigned char>(header, sizeof header));
  struct stat st;
  if (::fstat(fd, &st) != 0) return IoError(Errno(path));
  uint64_t size = static_cast<uint64_t>(st.st_size);
  if (image > size) return InvalidArgument(path + ": truncated snapshot");
  std::vector<unsigned char> rest(size - image);
  if (!rest.empty() &&
      ::pread(fd, rest.data(), rest.size(), static_cast<off_t>(image)) !=
          static_cast<ssize_t>(rest.size())) {
    return IoError(Errno(path));
  }
  std::vector<SnapshotSection> sections;
  if (!SplitSections(rest, &sections)) {
    return InvalidArgument(path + ": offset " + std::to_string(image) +
                           ": bytes after the image are not sections");
  }
  std::string want(tag);
  want.resize(8, '\0');
  for (SnapshotSection& s : sections) {
    if (s.tag == want) return std::optional<std::string>(std::move(s.bytes));
  }
  return std::optional<std::string>();
}

Result<std::shared_ptr<const Dictionary>> ParseSnapshot(std::string_view bytes,
                                                        const std::string& name) {
  // Copied into 8-byte aligned memory: the image is used in place.
  auto storage = std::make_shared<std::vector<uint64_t>>((bytes.size() + 7) / 8, 0);
  if (!bytes.empty()) std::memcpy(storage->data(), bytes.data(), bytes.size());
  std::span<const unsigned char> view(reinterpret_cast<const unsigned char*>(storage->data()),
                                      bytes.size());
  return OpenBytes(std::move(storage), view, name);
}

Status AddSnapshotEntries(const Dictionary& d, const std::string& name,
                          DictionaryBuilder* builder) {
  uint64_t budget = kEntriesPerByte * d.image().size() + kBaseEntries;
  uint64_t expanded = ExpandedSize(d);
  if (expanded > budget) {
    return InvalidArgument(name + ": snapshot describes more entries than its size allows (" +
                           std::to_string(expanded) + " > " + std::to_string(budget) +
                           "); refusing to expand it");
  }
  builder->AddAll(d);
  return Status::Ok();
}

Status LoadSnapshot(const std::string& path, DictionaryBuilder* builder) {
  ASSIGN_OR_RETURN(std::shared_ptr<const Dictionary> d, OpenSnapshot(path));
  return AddSnapshotEntries(*d, path, builder);
}

}  // namespace ladder::dict
