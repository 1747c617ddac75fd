// A compiled dictionary as one block of bytes (an "image"): what Compile()
// builds and what a snapshot file holds, used in place either way.
//
// Layout (little-endian; doc/formats/dictionaries.md, "Compiled
// snapshots"): a 32-byte header (magic, format version, layout version,
// section count, total size), a directory of kImageSections (offset, bytes)
// pairs, then the sections, each 8-byte aligned, each an array of one
// record type of dict/flat.h. A snapshot file is an image followed by the
// XXH64 of the image.
//
// OpenImage checks everything a lookup will rely on before anything uses
// it: the header, that each section lies inside the bytes and holds whole
// records, and that every Str, Range and index in every record points
// inside its table (hash tables: a power-of-two size with an empty slot).
// So a corrupted or crafted image is an error naming the place, never a
// read outside the bytes or a lookup that does not end.
#ifndef LADDER_DICT_IMAGE_H_
#define LADDER_DICT_IMAGE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dict/flat.h"
#include "ladder/status.h"

namespace ladder::dict {

// The first bytes of every image and snapshot file: "LADDERDICT" and two
// NUL bytes.
inline constexpr char kSnapshotMagic[12] = {'L', 'A', 'D', 'D', 'E',  'R',
                                            'D', 'I', 'C', 'T', '\0', '\0'};
// The binary layout; bumped whenever a record or what Compile() computes
// changes (an older snapshot is then refused: compile it again).
inline constexpr uint32_t kSnapshotLayoutVersion = 6;
// The fixed header: magic, format version, layout version, section count,
// total file size (u64 at kSnapshotSizeOffset: image plus checksum).
inline constexpr size_t kSnapshotHeaderSize = 32;
inline constexpr size_t kSnapshotSizeOffset = 24;
inline constexpr size_t kSnapshotTrailerSize = 8;

// The tables of an image. Views (dict/dictionary.h) read them.
struct ImageTables {
  std::span<const char> chars;
  std::span<const flat::Str> strs;       // words of lists and phrases
  std::span<const flat::Range> phrases;  // ranges of strs
  std::span<const uint32_t> u32;
  std::span<const uint64_t> u64;
  std::span<const flat::Origin> origins;
  std::span<const flat::DatedCode> dated;
  std::span<const flat::Actor> actors;
  std::span<const flat::Agent> agents;
  std::span<const flat::Element> elements;
  std::span<const flat::Pattern> patterns;
  std::span<const flat::Issue> issues;
  std::span<const flat::Discard> discards;
  std::span<const flat::Code> codes;
  std::span<const flat::Str> problems;
  std::span<const flat::VocabSlot> vocab_slots;
  std::span<const flat::Str> vocab_words;
  std::span<const flat::EdgeSlot> edges;
  std::span<const flat::Node> nodes;
  std::span<const flat::Stem> stems;
  std::span<const flat::Trie> tries;  // kActorTrie .. kIssueTrie
  std::span<const flat::Anchor> anchors;  // by word id
  std::span<const flat::Needs> needs;
  std::span<const flat::Keyed> keyed;
  std::span<const uint64_t> anchor_bits;  // ids with a non-empty Anchor
  std::span<const uint64_t> key_bits;  // ids keying a pattern of some Anchor

  std::string_view str(flat::Str s) const { return {chars.data() + s.offset, s.size}; }
  WordList words(flat::Range r) const {
    return {chars.data(), strs.data() + r.begin, r.count};
  }
  std::span<const uint32_t> u32s(flat::Range r) const {
    return u32.subspan(r.begin, r.count);
  }
};
inline constexpr uint32_t kImageSections = 26;
enum TrieId : uint32_t { kActorTrie = 0, kAgentTrie, kDiscardTrie, kIssueTrie };

// Frees an ImageBuffer's memory (AllocateImage in image.cc).
struct ImageMemoryDeleter {
  void operator()(uint64_t* p) const;
};

// An image in memory: 8-byte aligned bytes.
struct ImageBuffer {
  std::unique_ptr<uint64_t[], ImageMemoryDeleter> words;
  size_t size = 0;  // bytes
  std::span<const unsigned char> bytes() const {
    return {reinterpret_cast<const unsigned char*>(words.get()), size};
  }
};

// Writes tables into a new image. `tables` may point anywhere; the image
// copies them. Every byte is written (padding is zero), so equal tables
// give equal images.
ImageBuffer WriteImage(const ImageTables& tables, uint32_t format_version);

// Checks `bytes` (an image, without a checksum trailer; 8-byte aligned) and
// sets `tables` to point into them. `name` names the bytes in errors.
Status OpenImage(std::span<const unsigned char> bytes, uint32_t format_version,
                 const std::string& name, ImageTables* tables);

// The image's size from its header (0 if the header is too short).
uint64_t ImageFileSize(std::span<const unsigned char> bytes);

}  // namespace ladder::dict

#endif  // LADDER_DICT_IMAGE_H_
