// Dictionary snapshots: a DictionaryBuilder's entries saved in one binary
// file and loaded back by memory-mapping it, without parsing dictionary text
// (format: doc/formats/dictionaries.md, "Compiled snapshots").
//
//   DictionaryBuilder b;  LoadDictionaryPath("data", &b);   // text: slow
//   SaveSnapshot(b, "ladder.ldict");
//   DictionaryBuilder c;  LoadSnapshot("ladder.ldict", &c);  // fast
//   c.Compile();          // the same Dictionary as b.Compile()
//
// A snapshot holds the builder's entries (actors, agents, patterns with their
// origins, discards, issues, codes, problems), not the compiled matchers, so
// it stays valid whatever Compile() builds from them. It carries a magic
// number, kDictionaryFormatVersion, kSnapshotLayoutVersion and an XXH64
// checksum: a file of another version, truncated or corrupted is an error
// naming the file and the offset or section, and the builder is left as it
// was (LoadSnapshot parses everything before it adds anything). Since equal
// strings and word lists are stored once, a crafted file could describe a
// huge dictionary: loading stops past 16 entries per byte of file (plus
// 2^20), and saving refuses a builder that would need more.
//
// Thread-safety: the functions are thread-safe; a builder is used by one
// thread at a time. A snapshot file must not be truncated by another process
// while it is being loaded (the mapping would fault).
#ifndef LADDER_DICT_SNAPSHOT_H_
#define LADDER_DICT_SNAPSHOT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dict/dictionary.h"
#include "ladder/status.h"

namespace ladder::dict {

// The first bytes of every snapshot file: "LADDERDICT" and two NUL bytes.
inline constexpr char kSnapshotMagic[12] = {'L', 'A', 'D', 'D', 'E',  'R',
                                            'D', 'I', 'C', 'T', '\0', '\0'};
// The binary layout; bumped when the layout changes (the entries' meaning is
// versioned by kDictionaryFormatVersion).
inline constexpr uint32_t kSnapshotLayoutVersion = 2;
// The fixed header: magic, format version, layout version, section count,
// file size (u64 at kSnapshotSizeOffset). The file ends with an 8-byte XXH64
// checksum of all the bytes before it.
inline constexpr size_t kSnapshotHeaderSize = 32;
inline constexpr size_t kSnapshotSizeOffset = 24;
inline constexpr size_t kSnapshotTrailerSize = 8;

// Writes the builder's entries to `path` (through a temporary file renamed
// into place, so a failed save leaves no partial snapshot). Errors name the
// path.
Status SaveSnapshot(const DictionaryBuilder& builder, const std::string& path);

// The bytes SaveSnapshot writes. An error if an index would not fit in 32
// bits or the entry budget above would be passed.
Result<std::string> SerializeSnapshot(const DictionaryBuilder& builder);

// Memory-maps `path` (read-only), parses it and appends its entries to
// `builder`, after any it already holds. On error the builder is unchanged.
Status LoadSnapshot(const std::string& path, DictionaryBuilder* builder);

// LoadSnapshot on bytes already in memory; `name` names them in errors.
Status ParseSnapshot(std::string_view bytes, const std::string& name,
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
