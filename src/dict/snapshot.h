// Dictionary snapshots: a compiled Dictionary saved in one file and used in
// place by memory-mapping it (format: doc/formats/dictionaries.md,
// "Compiled snapshots").
//
//   DictionaryBuilder b;  LoadDictionaryPath("data", &b);   // text: slow
//   auto d = b.Compile();
//   SaveSnapshot(**d, "ladder.ldict");
//   auto e = OpenSnapshot("ladder.ldict");   // instant: mapped, checked
//
// A snapshot is the dictionary's image (dict/image.h: header with magic
// number, kDictionaryFormatVersion and kSnapshotLayoutVersion, then flat
// tables) followed by the XXH64 of the image. Opening it checks the size,
// the checksum and every offset and index in the tables, then uses the
// mapped pages as they are: nothing is parsed or copied, and pages are read
// as lookups touch them. A file of another version, truncated, corrupted or
// crafted is an error naming the file and the place.
//
// To combine a snapshot with other dictionaries, LoadSnapshot adds its
// entries to a builder (they are compiled again with the rest). Lists in an
// image may share entries, so a crafted file could describe a huge
// dictionary: that expansion stops past kEntriesPerByte entries per byte of
// image (plus kBaseEntries).
//
// Thread-safety: the functions are thread-safe. A snapshot file must not be
// truncated or rewritten in place while a Dictionary maps it (SaveSnapshot
// writes a new file and renames it, which is safe).
#ifndef LADDER_DICT_SNAPSHOT_H_
#define LADDER_DICT_SNAPSHOT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "dict/dictionary.h"
#include "dict/image.h"
#include "ladder/status.h"

namespace ladder::dict {

inline constexpr uint64_t kEntriesPerByte = 16;
inline constexpr uint64_t kBaseEntries = uint64_t{1} << 20;

// Writes `dictionary` to `path` (through a temporary file renamed into
// place, so a failed save leaves no partial snapshot). Errors name the path.
// Other parts of the state a snapshot carries, saved after the image and its
// checksum: an 8-byte tag (shorter tags are padded with NULs), a u64 length
// and the bytes, which check themselves (the gazetteer's places: "PLACES").
// A dictionary reader skips them; ReadSnapshotSection finds one.
struct SnapshotSection {
  std::string tag;
  std::string bytes;
};
inline constexpr size_t kSnapshotSectionHeader = 16;

Status SaveSnapshot(const Dictionary& dictionary, const std::string& path,
                    std::span<const SnapshotSection> sections = {});
// The bytes of the section tagged `tag`, or nullopt if the snapshot has none.
Result<std::optional<std::string>> ReadSnapshotSection(const std::string& path,
                                                      std::string_view tag);

// The bytes SaveSnapshot writes.
std::string SerializeSnapshot(const Dictionary& dictionary);

// Memory-maps `path` read-only and opens the dictionary in it.
Result<std::shared_ptr<const Dictionary>> OpenSnapshot(const std::string& path);

// The same on bytes in memory (copied once, for alignment); `name` names
// them in errors.
Result<std::shared_ptr<const Dictionary>> ParseSnapshot(std::string_view bytes,
                                                        const std::string& name);

// Opens `path` and adds its entries to `builder`, after any it already
// holds. On error the builder is unchanged.
Status LoadSnapshot(const std::string& path, DictionaryBuilder* builder);

// Adds a snapshot's entries to `builder` within the expansion budget above.
Status AddSnapshotEntries(const Dictionary& dictionary, const std::string& name,
                          DictionaryBuilder* builder);

// True if `bytes` starts with kSnapshotMagic.
bool HasSnapshotMagic(std::string_view bytes);
// True if `path` is a readable regular file starting with kSnapshotMagic
// (reads only those bytes).
bool IsSnapshotFile(const std::string& path);

// XXH64 (seed 0) of `bytes`: the snapshot checksum.
uint64_t SnapshotChecksum(std::string_view bytes);

}  // namespace ladder::dict

#endif  // LADDER_DICT_SNAPSHOT_H_
