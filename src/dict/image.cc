// Writing and checking dictionary images (dict/image.h).
#include "dict/image.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "dict/dictionary.h"

namespace ladder::dict {
namespace {

static_assert(std::endian::native == std::endian::little,
              "dictionary images are little-endian and used in place");

constexpr size_t kDirectoryOffset = kSnapshotHeaderSize;
constexpr size_t kDirectoryEntry = 16;  // u64 offset, u64 bytes
constexpr size_t kFirstSection = kDirectoryOffset + kImageSections * kDirectoryEntry;

// Calls f(name, span) for every table, in section order.
template <typename Tables, typename F>
void ForEachSection(Tables& t, F&& f) {
  f("chars", t.chars);
  f("strs", t.strs);
  f("phrases", t.phrases);
  f("u32", t.u32);
  f("u64", t.u64);
  f("origins", t.origins);
  f("dated codes", t.dated);
  f("actors", t.actors);
  f("agents", t.agents);
  f("elements", t.elements);
  f("patterns", t.patterns);
  f("issues", t.issues);
  f("discards", t.discards);
  f("codes", t.codes);
  f("problems", t.problems);
  f("vocabulary slots", t.vocab_slots);
  f("vocabulary words", t.vocab_words);
  f("edges", t.edges);
  f("nodes", t.nodes);
  f("stems", t.stems);
  f("tries", t.tries);
  f("anchors", t.anchors);
  f("needs", t.needs);
  f("keyed", t.keyed);
  f("anchor bits", t.anchor_bits);
  f("key bits", t.key_bits);
}

size_t Align8(size_t n) { return (n + 7) & ~size_t{7}; }

void Store32(unsigned char* p, uint32_t v) { std::memcpy(p, &v, 4); }
void Store64(unsigned char* p, uint64_t v) { std::memcpy(p, &v, 8); }
uint32_t Load32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Checks the records of an opened image. Every method returns false with
// `error_` set at the first problem.
class Checker {
 public:
  explicit Checker(const ImageTables& t) : t_(t) {}
  Status Run(const std::string& name);

 private:
  bool Fail(std::string what) {
    if (error_.empty()) error_ = std::move(what);
    return false;
  }
  bool StrOk(flat::Str s) const {
    return uint64_t{s.offset} + s.size <= t_.chars.size();
  }
  static bool RangeOk(flat::Range r, size_t n) { return uint64_t{r.begin} + r.count <= n; }
  // An open-addressing table: empty, or a power of two with an empty slot.
  template <typename Slot, typename Empty>
  static bool TableOk(std::span<const Slot> slots, Empty empty) {
    if (slots.empty()) return true;
    if (!std::has_single_bit(slots.size())) return false;
    for (const Slot& s : slots) {
      if (empty(s)) return true;
    }
    return false;
  }
  bool Strings();
  bool Entries();
  bool Patterns();
  bool Vocabulary();
  bool Tries();
  bool Anchors();
  bool WordIdOk(uint32_t id) const { return id <= t_.vocab_words.size(); }

  const ImageTables& t_;
  std::string error_;
};

bool Checker::Strings() {
  for (size_t i = 0; i < t_.strs.size(); ++i) {
    if (!StrOk(t_.strs[i])) return Fail("strs[" + std::to_string(i) + "] is out of bounds");
  }
  for (size_t i = 0; i < t_.phrases.size(); ++i) {
    if (!RangeOk(t_.phrases[i], t_.strs.size())) {
      return Fail("phrases[" + std::to_string(i) + "] is out of bounds");
    }
  }
  for (size_t i = 0; i < t_.origins.size(); ++i) {
    if (!StrOk(t_.origins[i].file)) return Fail("origins[" + std::to_string(i) + "]");
  }
  for (size_t i = 0; i < t_.dated.size(); ++i) {
    if (!StrOk(t_.dated[i].code) || !StrOk(t_.dated[i].note)) {
      return Fail("dated codes[" + std::to_string(i) + "]");
    }
  }
  for (size_t i = 0; i < t_.codes.size(); ++i) {
    const flat::Code& c = t_.codes[i];
    if (!StrOk(c.code) || !StrOk(c.label) || !StrOk(c.plover_event) ||
        !StrOk(c.plover_mode)) {
      return Fail("codes[" + std::to_string(i) + "]");
    }
  }
  for (size_t i = 0; i < t_.problems.size(); ++i) {
    if (!StrOk(t_.problems[i])) return Fail("problems[" + std::to_string(i) + "]");
  }
  return true;
}

bool Checker::Entries() {
  for (size_t i = 0; i < t_.actors.size(); ++i) {
    const flat::Actor& a = t_.actors[i];
    if (!RangeOk(a.names, t_.phrases.size()) || !RangeOk(a.codes, t_.dated.size()) ||
        a.origin >= t_.origins.size()) {
      return Fail("actors[" + std::to_string(i) + "]");
    }
  }
  for (size_t i = 0; i < t_.agents.size(); ++i) {
    const flat::Agent& a = t_.agents[i];
    if (!RangeOk(a.names, t_.phrases.size()) || !StrOk(a.code) ||
        a.origin >= t_.origins.size() || a.prefix > 1 || a.exact_forms > 1) {
      return Fail("agents[" + std::to_string(i) + "]");
    }
  }
  for (size_t i = 0; i < t_.issues.size(); ++i) {
    const flat::Issue& is = t_.issues[i];
    if (!RangeOk(is.phrase, t_.strs.size()) || !StrOk(is.code) || is.ignore > 1) {
      return Fail("issues[" + std::to_string(i) + "]");
    }
  }
  for (size_t i = 0; i < t_.discards.size(); ++i) {
    const flat::Discard& d = t_.discards[i];
    if (!RangeOk(d.phrase, t_.strs.size()) || !StrOk(d.topic) ||
        d.kind > static_cast<uint32_t>(DiscardKind::kAnchor)) {
      return Fail("discards[" + std::to_string(i) + "]");
    }
  }
  return true;
}

bool Checker::Patterns() {
  for (size_t i = 0; i < t_.elements.size(); ++i) {
    const flat::Element& e = t_.elements[i];
    bool ok = e.kind <= kMaxElementKind && e.has_stem <= 1 &&
              RangeOk(e.words, t_.strs.size()) && RangeOk(e.ids, t_.u32.size());
    for (uint32_t k = 0; ok && k < e.ids.count; ++k) {
      uint32_t id = t_.u32[e.ids.begin + k];
      ok = id != kNoWord && WordIdOk(id);
    }
    if (!ok) return Fail("elements[" + std::to_string(i) + "]");
  }
  for (size_t i = 0; i < t_.patterns.size(); ++i) {
    const flat::Pattern& p = t_.patterns[i];
    bool ok = RangeOk(p.elements, t_.u32.size()) &&
              RangeOk(p.verb_words, t_.strs.size()) && RangeOk(p.required, t_.u32.size()) &&
              StrOk(p.code) && StrOk(p.reverse_code) && p.origin < t_.origins.size() &&
              p.needs_complete <= 1 && p.exact_words <= 1;
    for (uint32_t k = 0; ok && k < p.elements.count; ++k) {
      ok = t_.u32[p.elements.begin + k] < t_.elements.size();
    }
    for (uint32_t k = 0; ok && k < p.required.count; ++k) {
      ok = t_.u32[p.required.begin + k] < p.elements.count;
    }
    if (!ok) return Fail("patterns[" + std::to_string(i) + "]");
  }
  return true;
}

bool Checker::Vocabulary() {
  for (size_t i = 0; i < t_.vocab_words.size(); ++i) {
    if (!StrOk(t_.vocab_words[i])) return Fail("vocabulary words[" + std::to_string(i) + "]");
  }
  for (const flat::VocabSlot& s : t_.vocab_slots) {
    if (!WordIdOk(s.id)) return Fail("a vocabulary slot names no word");
  }
  if (!TableOk(t_.vocab_slots, [](const flat::VocabSlot& s) { return s.id == kNoWord; })) {
    return Fail("the vocabulary table is not a power of two with an empty slot");
  }
  return true;
}

bool Checker::Tries() {
  if (t_.tries.size() != 4) return Fail("expected 4 tries");
  const size_t entries[4] = {t_.actors.size(), t_.agents.size(), t_.discards.size(),
                             t_.issues.size()};
  for (size_t k = 0; k < 4; ++k) {
    const flat::Trie& r = t_.tries[k];
    std::string where = "tries[" + std::to_string(k) + "]";
    if (!RangeOk(r.nodes, t_.nodes.size()) || r.nodes.count == 0 ||
        !RangeOk(r.stems, t_.stems.size()) || !RangeOk(r.edges, t_.edges.size()) ||
        !RangeOk(r.first_words, t_.u64.size()) || !RangeOk(r.parents, t_.u64.size())) {
      return Fail(where + " is out of bounds");
    }
    auto edges = t_.edges.subspan(r.edges.begin, r.edges.count);
    if (!TableOk(edges, [](const flat::EdgeSlot& s) { return s.value == 0; })) {
      return Fail(where + ": the edge table is not a power of two with an empty slot");
    }
    for (const flat::EdgeSlot& s : edges) {
      if (s.value >= r.nodes.count) return Fail(where + ": an edge leads outside the trie");
    }
    for (uint32_t n = 0; n < r.nodes.count; ++n) {
      const flat::Node& node = t_.nodes[r.nodes.begin + n];
      if (node.entry < -1 || (node.entry >= 0 && static_cast<size_t>(node.entry) >= entries[k]) ||
          node.first_stem > r.stems.count) {
        return Fail(where + ": node " + std::to_string(n) + " is out of bounds");
      }
    }
    for (uint32_t s = 0; s < r.stems.count; ++s) {
      const flat::Stem& stem = t_.stems[r.stems.begin + s];
      // Links only go forward, so a node's stem list ends.
      if (!StrOk(stem.stem) || stem.child >= r.nodes.count ||
          (stem.next != 0 && (stem.next <= s + 1 || stem.next > r.stems.count))) {
        return Fail(where + ": stem " + std::to_string(s) + " is out of bounds");
      }
    }
  }
  return true;
}

bool Checker::Anchors() {
  for (const flat::Needs& n : t_.needs) {
    for (uint32_t id : n.ids) {
      if (!WordIdOk(id)) return Fail("needs name a word outside the vocabulary");
    }
  }
  for (size_t i = 0; i < t_.keyed.size(); ++i) {
    if (!RangeOk(t_.keyed[i].positions, t_.u32.size())) {
      return Fail("keyed[" + std::to_string(i) + "] is out of bounds");
    }
  }
  // The forms of one verb share one anchor record (Compile): an exact copy
  // of a record already checked is not checked again.
  std::unordered_map<uint32_t, size_t> checked;  // all.begin -> anchor index
  for (size_t i = 0; i < t_.anchors.size(); ++i) {
    const flat::Anchor& a = t_.anchors[i];
    if (a.all.count > 0) {
      auto [it, added] = checked.try_emplace(a.all.begin, i);
      if (!added && std::memcmp(&t_.anchors[it->second], &a, sizeof a) == 0) continue;
    }
    auto where = [&] { return "anchors[" + std::to_string(i) + "]"; };  // on failure only
    if (!RangeOk(a.all, t_.u32.size()) || !RangeOk({a.needs, a.all.count}, t_.needs.size()) ||
        !RangeOk(a.unkeyed, t_.u32.size()) || !RangeOk(a.keyed, t_.keyed.size()) ||
        !RangeOk(a.key_table, t_.edges.size())) {
      return Fail(where() + " is out of bounds");
    }
    for (uint32_t k = 0; k < a.all.count; ++k) {
      uint32_t p = t_.u32[a.all.begin + k];
      if (p >= t_.patterns.size()) return Fail(where() + " names no pattern");
      const flat::Pattern& pattern = t_.patterns[p];
      // The coder starts matching at the anchor element.
      if (pattern.anchor < 0 || static_cast<uint32_t>(pattern.anchor) >= pattern.elements.count) {
        return Fail(where() + ": pattern " + std::to_string(p) + " has no anchor element");
      }
    }
    // Positions lie in the list and ascend: the coder merges these lists.
    auto positions_ok = [&](flat::Range r) {
      for (uint32_t j = 0; j < r.count; ++j) {
        uint32_t pos = t_.u32[r.begin + j];
        if (pos >= a.all.count || (j > 0 && pos <= t_.u32[r.begin + j - 1])) return false;
      }
      return true;
    };
    if (!positions_ok(a.unkeyed)) return Fail(where() + ": bad position");
    for (uint32_t k = 0; k < a.keyed.count; ++k) {
      if (!positions_ok(t_.keyed[a.keyed.begin + k].positions)) {
        return Fail(where() + ": bad position");
      }
    }
    auto table = t_.edges.subspan(a.key_table.begin, a.key_table.count);
    if (!TableOk(table, [](const flat::EdgeSlot& s) { return s.value == 0; })) {
      return Fail(where() + ": the key table is not a power of two with an empty slot");
    }
    for (const flat::EdgeSlot& s : table) {
      if (s.value > a.keyed.count) return Fail(where() + ": the key table leads nowhere");
    }
  }
  for (size_t w = 0; w < t_.anchor_bits.size(); ++w) {
    uint64_t bits = t_.anchor_bits[w];
    if (bits != 0 && w * 64 + (63 - std::countl_zero(bits)) >= t_.anchors.size()) {
      return Fail("anchor bits name a word without an anchor entry");
    }
  }
  return true;
}

Status Checker::Run(const std::string& name) {
  if (Strings() && Entries() && Patterns() && Vocabulary() && Tries() && Anchors()) {
    return Status::Ok();
  }
  return InvalidArgument(name + ": corrupt dictionary image: " + error_);
}

}  // namespace

void ImageMemoryDeleter::operator()(uint64_t* p) const { std::free(p); }

namespace {

// Memory for an image of `size` bytes (a multiple of 8). A large one is
// aligned to 2 MiB and asks for transparent huge pages: lookups jump all
// over tens of megabytes, and with 4 KiB pages most jumps would also miss
// the TLB.
uint64_t* AllocateImage(size_t size) {
  constexpr size_t kHugePage = size_t{2} << 20;
  if (size < kHugePage) return static_cast<uint64_t*>(std::malloc(std::max<size_t>(size, 8)));
  size_t rounded = (size + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p != nullptr) ::madvise(p, rounded, MADV_HUGEPAGE);  // only a hint
  return static_cast<uint64_t*>(p);
}

}  // namespace

ImageBuffer WriteImage(const ImageTables& tables, uint32_t format_version) {
  size_t size = kFirstSection;
  ForEachSection(tables, [&](const char*, const auto& span) {
    size = Align8(size + span.size_bytes());
  });
  // Not zero-filled first: each byte is written once below (a large
  // dictionary's image is tens of megabytes of fresh pages).
  uint64_t* memory = AllocateImage(size);
  if (memory == nullptr) throw std::bad_alloc();
  ImageBuffer image{std::unique_ptr<uint64_t[], ImageMemoryDeleter>(memory), size};
  auto* out = reinterpret_cast<unsigned char*>(image.words.get());
  std::memset(out, 0, kFirstSection);
  std::memcpy(out, kSnapshotMagic, sizeof kSnapshotMagic);
  Store32(out + 12, format_version);
  Store32(out + 16, kSnapshotLayoutVersion);
  Store32(out + 20, kImageSections);
  Store64(out + kSnapshotSizeOffset, size + kSnapshotTrailerSize);
  size_t pos = kFirstSection, index = 0;
  ForEachSection(tables, [&](const char*, const auto& span) {
    unsigned char* entry = out + kDirectoryOffset + index++ * kDirectoryEntry;
    Store64(entry, pos);
    Store64(entry + 8, span.size_bytes());
    if (!span.empty()) std::memcpy(out + pos, span.data(), span.size_bytes());
    size_t end = Align8(pos + span.size_bytes());
    std::memset(out + pos + span.size_bytes(), 0, end - pos - span.size_bytes());
    pos = end;
  });
  return image;
}

uint64_t ImageFileSize(std::span<const unsigned char> bytes) {
  return bytes.size() < kSnapshotHeaderSize ? 0 : Load64(bytes.data() + kSnapshotSizeOffset);
}

Status OpenImage(std::span<const unsigned char> bytes, uint32_t format_version,
                 const std::string& name, ImageTables* tables) {
  if (bytes.size() < kFirstSection) {
    return InvalidArgument(name + ": dictionary image too short (" +
                           std::to_string(bytes.size()) + " bytes)");
  }
  if (std::memcmp(bytes.data(), kSnapshotMagic, sizeof kSnapshotMagic) != 0) {
    return InvalidArgument(name + ": not a ladder dictionary image");
  }
  if (reinterpret_cast<uintptr_t>(bytes.data()) % 8 != 0) {
    return InvalidArgument(name + ": dictionary image is not 8-byte aligned in memory");
  }
  uint32_t format = Load32(bytes.data() + 12), layout = Load32(bytes.data() + 16);
  if (format != format_version || layout != kSnapshotLayoutVersion) {
    return InvalidArgument(name + ": compiled for dictionary format " + std::to_string(format) +
                           ", layout " + std::to_string(layout) + "; this ladder reads format " +
                           std::to_string(format_version) + ", layout " +
                           std::to_string(kSnapshotLayoutVersion) +
                           " (compile it again with `ladder dict compile`)");
  }
  if (Load32(bytes.data() + 20) != kImageSections) {
    return InvalidArgument(name + ": expected " + std::to_string(kImageSections) +
                           " sections, header says " + std::to_string(Load32(bytes.data() + 20)));
  }
  if (ImageFileSize(bytes) != bytes.size() + kSnapshotTrailerSize) {
    return InvalidArgument(name + ": header says " + std::to_string(ImageFileSize(bytes)) +
                           " bytes, image has " + std::to_string(bytes.size()) + " (+ checksum)");
  }
  ImageTables t;
  std::string error;
  size_t index = 0;
  ForEachSection(t, [&](const char* section, auto& span) {
    using T = typename std::remove_reference_t<decltype(span)>::element_type;
    const unsigned char* entry = bytes.data() + kDirectoryOffset + index++ * kDirectoryEntry;
    uint64_t offset = Load64(entry), size = Load64(entry + 8);
    if (!error.empty()) return;
    if (offset < kFirstSection || offset % 8 != 0 || offset > bytes.size() ||
        size > bytes.size() - offset || size % sizeof(T) != 0) {
      error = name + ": section '" + section + "' at offset " + std::to_string(offset) + " (" +
              std::to_string(size) + " bytes) does not fit the image";
      return;
    }
    span = std::span<const T>(reinterpret_cast<const T*>(bytes.data() + offset),
                              size / sizeof(T));
  });
  if (!error.empty()) return InvalidArgument(error);
  RETURN_IF_ERROR(Checker(t).Run(name));
  *tables = t;
  return Status::Ok();
}

}  // namespace ladder::dict
