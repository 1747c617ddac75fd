// Dictionary snapshots (dict/snapshot.h; layout in
// doc/formats/dictionaries.md, "Compiled snapshots").
//
// Layout: a 32-byte header, 14 sections in a fixed order, an 8-byte XXH64
// of everything before it. A section is a 16-byte header (u32 id, u32 width,
// u64 count) and `count` records of `width` little-endian u32 fields (width
// 0: `count` raw bytes). Strings are interned: a record field holding a
// string is an index into "string refs" (offset, length in "strings"). A
// list of words is a (begin, count) range of "words", interned too (equal
// lists share one range); a list of phrases is a range of "phrases"; a
// pattern's elements are a range of "element refs", indices of distinct
// elements in "pattern elements".
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
#include <iterator>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ladder::dict {

// Reads and writes DictionaryBuilder's private entries (a friend of it).
struct SnapshotAccess {
  static const std::vector<ActorEntry>& actors(const DictionaryBuilder& b) {
    return b.actors_;
  }
  static const std::vector<AgentEntry>& agents(const DictionaryBuilder& b) {
    return b.agents_;
  }
  static const std::vector<VerbPattern>& patterns(const DictionaryBuilder& b) {
    return b.patterns_;
  }
  static const std::vector<IssueEntry>& issues(const DictionaryBuilder& b) {
    return b.issues_;
  }
  static const std::vector<CodeInfo>& codes(const DictionaryBuilder& b) {
    return b.codes_;
  }
  static const std::vector<std::string>& problems(const DictionaryBuilder& b) {
    return b.problems_;
  }
  // Discards as (phrase, whole_story) pairs, without naming the private type.
  template <typename Fn>
  static void ForEachDiscard(const DictionaryBuilder& b, Fn fn) {
    for (const auto& d : b.discards_) fn(d.phrase, d.whole_story);
  }
  static void ReserveDiscards(DictionaryBuilder* b, size_t n) { b->discards_.reserve(n); }
  static void AddDiscard(DictionaryBuilder* b, Phrase phrase, bool whole_story) {
    b->discards_.push_back({std::move(phrase), whole_story});
  }
  static void Reserve(DictionaryBuilder* b, size_t actors, size_t agents, size_t patterns,
                      size_t issues, size_t codes, size_t problems) {
    b->actors_.reserve(actors);
    b->agents_.reserve(agents);
    b->patterns_.reserve(patterns);
    b->issues_.reserve(issues);
    b->codes_.reserve(codes);
    b->problems_.reserve(problems);
  }
  // Appends `from`'s entries to `to`'s (moves them; `from` is left empty).
  static void Append(DictionaryBuilder* from, DictionaryBuilder* to) {
    Move(&from->actors_, &to->actors_);
    Move(&from->agents_, &to->agents_);
    Move(&from->patterns_, &to->patterns_);
    Move(&from->discards_, &to->discards_);
    Move(&from->issues_, &to->issues_);
    Move(&from->codes_, &to->codes_);
    Move(&from->problems_, &to->problems_);
  }

 private:
  template <typename T>
  static void Move(std::vector<T>* from, std::vector<T>* to) {
    if (to->empty()) {
      to->swap(*from);
    } else {
      to->insert(to->end(), std::make_move_iterator(from->begin()),
                 std::make_move_iterator(from->end()));
    }
    from->clear();
  }
};

namespace {

// ---- Little-endian loads and stores (the file is little-endian) ----

inline uint32_t Load32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
  return v;
}

inline uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

inline void Put32(std::string* out, uint32_t v) {
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
  char b[4];
  std::memcpy(b, &v, 4);
  out->append(b, 4);
}

inline void Put64(std::string* out, uint64_t v) {
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  char b[8];
  std::memcpy(b, &v, 8);
  out->append(b, 8);
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

// ---- Sections ----

enum SectionId : uint32_t {
  kStrings = 1,
  kStringRefs,   // offset, length
  kWords,        // string
  kPhrases,      // words begin, count
  kDatedCodes,   // code, from_ymd, to_ymd, note
  kActors,       // names begin, count (phrases), codes begin, count, file, line
  kAgents,       // names begin, count, code, flags (1 prefix, 2 exact forms),
                 // file, line
  kElements,     // kind, words begin, count, max_gap (distinct elements)
  kElementRefs,  // element
  kPatterns,     // element refs begin, count, anchor, verb words begin, count,
                 // code, reverse code, file, line, flags (1 exact words)
  kDiscards,     // phrase, whole_story
  kIssues,       // phrase, code, ignore
  kCodes,        // code, label, goldstein low, high bits, quad class,
                 // PLOVER event, PLOVER mode
  kProblems,     // message
  kSectionCount = kProblems,
};

struct SectionSpec {
  uint32_t width;  // u32 fields a record; 0: bytes
  const char* name;
};

// Indexed by SectionId.
constexpr SectionSpec kSpecs[kSectionCount + 1] = {
    {0, ""},
    {0, "strings"},
    {2, "string refs"},
    {1, "words"},
    {2, "phrases"},
    {4, "dated codes"},
    {6, "actors"},
    {6, "agents"},
    {4, "pattern elements"},
    {1, "element refs"},
    {10, "patterns"},
    {2, "discards"},
    {3, "issues"},
    {7, "codes"},
    {1, "problems"},
};

constexpr size_t kSectionHeaderSize = 16;
// Interned lists let many records share one list, so a crafted file could
// expand a few kilobytes into gigabytes of entries. Loading stops when the
// words, phrases, elements and codes it creates pass this budget. Real
// snapshots create about 0.2 a byte (Phoenix); a pattern of 50 verb forms
// and a 90-word alternative, Phoenix's longest lists, would need 3.
constexpr uint64_t kEntriesPerByte = 16;
constexpr uint64_t kBaseEntries = uint64_t{1} << 20;
constexpr uint32_t kMaxKind = static_cast<uint32_t>(PatternElement::Kind::kVerb);

// ---- Writing ----

class SnapshotWriter {
 public:
  Result<std::string> Write(const DictionaryBuilder& b);

 private:
  uint32_t Str(std::string_view s) {
    auto [it, inserted] = ids_.try_emplace(s, static_cast<uint32_t>(ids_.size()));
    if (inserted) {
      Add(kStringRefs,
          {static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(s.size())});
      pool_.append(s);
    }
    return it->second;
  }
  // The index of the first of `words` in "words", appended unless an equal
  // list is there already.
  uint32_t Words(const std::vector<std::string>& words) {
    if (words.empty()) return 0;
    std::vector<uint32_t> ids;
    ids.reserve(words.size());
    for (const std::string& w : words) ids.push_back(Str(w));
    auto [it, inserted] = word_lists_.try_emplace(std::move(ids), Count(kWords));
    if (inserted) {
      tables_[kWords].insert(tables_[kWords].end(), it->first.begin(), it->first.end());
    }
    return it->second;
  }
  // The index of `e` in "pattern elements", appended if new.
  uint32_t Element(const PatternElement& e) {
    std::vector<uint32_t> key = {static_cast<uint32_t>(e.kind), Words(e.words),
                                 Size(e.words), I(e.max_gap)};
    auto [it, inserted] = elements_.try_emplace(key, Count(kElements));
    if (inserted) {
      tables_[kElements].insert(tables_[kElements].end(), key.begin(), key.end());
      entries_ += 1 + e.words.size();
    }
    return it->second;
  }
  uint32_t AddPhrase(const Phrase& phrase) {
    uint32_t words = Words(phrase);
    uint32_t index = Count(kPhrases);
    Add(kPhrases, {words, Size(phrase)});
    return index;
  }
  uint32_t AddPhrases(const std::vector<Phrase>& phrases) {
    uint32_t begin = Count(kPhrases);
    for (const Phrase& p : phrases) {
      AddPhrase(p);
      entries_ += p.size();
    }
    return begin;
  }
  void Add(SectionId id, std::initializer_list<uint32_t> fields) {
    tables_[id].insert(tables_[id].end(), fields);
  }
  uint32_t Count(SectionId id) const {
    return static_cast<uint32_t>(tables_[id].size() / kSpecs[id].width);
  }
  template <typename C>
  static uint32_t Size(const C& c) {
    return static_cast<uint32_t>(c.size());
  }
  static uint32_t I(int v) { return static_cast<uint32_t>(v); }
  void AddActors(const DictionaryBuilder& b);
  void AddPatterns(const DictionaryBuilder& b);
  void AddRest(const DictionaryBuilder& b);

  struct ListHash {
    size_t operator()(const std::vector<uint32_t>& v) const {
      uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the values
      for (uint32_t x : v) h = (h ^ x) * 0x100000001b3ULL;
      return static_cast<size_t>(h);
    }
  };
  // The entries a load creates, as SnapshotParser charges them.
  uint64_t entries_ = 0;
  std::unordered_map<std::string_view, uint32_t> ids_;
  std::unordered_map<std::vector<uint32_t>, uint32_t, ListHash> word_lists_;
  std::unordered_map<std::vector<uint32_t>, uint32_t, ListHash> elements_;
  std::string pool_;
  std::vector<uint32_t> tables_[kSectionCount + 1];
};

void SnapshotWriter::AddActors(const DictionaryBuilder& b) {
  for (const ActorEntry& a : SnapshotAccess::actors(b)) {
    uint32_t names = AddPhrases(a.names);
    uint32_t codes = Count(kDatedCodes);
    for (const DatedCode& c : a.codes) {
      Add(kDatedCodes, {Str(c.code), I(c.from_ymd), I(c.to_ymd), Str(c.note)});
    }
    entries_ += 1 + a.names.size() + a.codes.size();
    Add(kActors, {names, Size(a.names), codes, Size(a.codes), Str(a.origin.file),
                  I(a.origin.line)});
  }
  for (const AgentEntry& a : SnapshotAccess::agents(b)) {
    uint32_t names = AddPhrases(a.names);
    entries_ += 1 + a.names.size();
    Add(kAgents, {names, Size(a.names), Str(a.code),
                  (a.prefix ? 1u : 0u) | (a.exact_forms ? 2u : 0u),
                  Str(a.origin.file), I(a.origin.line)});
  }
}

void SnapshotWriter::AddPatterns(const DictionaryBuilder& b) {
  for (const VerbPattern& p : SnapshotAccess::patterns(b)) {
    uint32_t elements = Count(kElementRefs);
    for (const PatternElement& e : p.elements) {
      Add(kElementRefs, {Element(e)});
      entries_ += e.words.size();
    }
    entries_ += 1 + p.elements.size() + p.verb_words.size();
    uint32_t verb_words = Words(p.verb_words);
    Add(kPatterns, {elements, Size(p.elements), I(p.anchor), verb_words,
                    Size(p.verb_words), Str(p.code), Str(p.reverse_code),
                    Str(p.origin.file), I(p.origin.line), p.exact_words ? 1u : 0u});
  }
}

void SnapshotWriter::AddRest(const DictionaryBuilder& b) {
  SnapshotAccess::ForEachDiscard(b, [&](const Phrase& phrase, bool whole_story) {
    Add(kDiscards, {AddPhrase(phrase), whole_story ? 1u : 0u});
    entries_ += 1 + phrase.size();
  });
  for (const IssueEntry& i : SnapshotAccess::issues(b)) {
    Add(kIssues, {AddPhrase(i.phrase), Str(i.code), i.ignore ? 1u : 0u});
    entries_ += 1 + i.phrase.size();
  }
  for (const CodeInfo& c : SnapshotAccess::codes(b)) {
    uint64_t bits = std::bit_cast<uint64_t>(c.goldstein);
    Add(kCodes, {Str(c.code), Str(c.label), static_cast<uint32_t>(bits),
                 static_cast<uint32_t>(bits >> 32), I(c.quad_class), Str(c.plover_event),
                 Str(c.plover_mode)});
  }
  for (const std::string& p : SnapshotAccess::problems(b)) Add(kProblems, {Str(p)});
}

Result<std::string> SnapshotWriter::Write(const DictionaryBuilder& b) {
  AddActors(b);
  AddPatterns(b);
  AddRest(b);
  // Every index and length is a u32: refuse what does not fit.
  constexpr uint64_t kMax = std::numeric_limits<uint32_t>::max();
  uint64_t total = pool_.size();
  if (pool_.size() > kMax) return InvalidArgument("dictionary too large for a snapshot");
  for (uint32_t id = kStringRefs; id <= kSectionCount; ++id) {
    if (tables_[id].size() / kSpecs[id].width > kMax) {
      return InvalidArgument(std::string("dictionary too large for a snapshot: ") +
                             kSpecs[id].name);
    }
    total += tables_[id].size() * 4;
  }
  std::string out;
  out.reserve(kSnapshotHeaderSize + kSectionCount * kSectionHeaderSize + total +
              kSnapshotTrailerSize);
  out.append(kSnapshotMagic, sizeof kSnapshotMagic);
  Put32(&out, kDictionaryFormatVersion);
  Put32(&out, kSnapshotLayoutVersion);
  Put32(&out, kSectionCount);
  Put64(&out, 0);  // the file size, set below
  for (uint32_t id = kStrings; id <= kSectionCount; ++id) {
    Put32(&out, id);
    Put32(&out, kSpecs[id].width);
    if (id == kStrings) {
      Put64(&out, pool_.size());
      out.append(pool_);
      continue;
    }
    Put64(&out, tables_[id].size() / kSpecs[id].width);
    if constexpr (std::endian::native == std::endian::little) {
      out.append(reinterpret_cast<const char*>(tables_[id].data()),
                 tables_[id].size() * 4);
    } else {
      for (uint32_t v : tables_[id]) Put32(&out, v);
    }
  }
  std::string size;
  Put64(&size, out.size() + kSnapshotTrailerSize);
  out.replace(kSnapshotSizeOffset, 8, size);
  Put64(&out, SnapshotChecksum(out));
  if (entries_ > kEntriesPerByte * out.size() + kBaseEntries) {
    // The loader would refuse it (see kEntriesPerByte).
    return InvalidArgument(
        "dictionary too repetitive for a snapshot: " + std::to_string(entries_) +
        " entries from " + std::to_string(out.size()) + " bytes");
  }
  return out;
}

// ---- Reading ----

// One section of the mapped file: `count` records of `width` u32 fields.
struct Table {
  const unsigned char* data = nullptr;
  uint64_t count = 0;
  uint32_t width = 0;
  uint64_t offset = 0;  // of the section header in the file
  uint32_t At(uint64_t row, uint32_t field) const {
    return Load32(data + (row * width + field) * 4);
  }
};

inline bool RangeOk(uint32_t begin, uint32_t count, uint64_t total) {
  return begin <= total && count <= total - begin;
}

inline bool BoolOk(uint32_t v) { return v <= 1; }

class SnapshotParser {
 public:
  SnapshotParser(std::string_view bytes, const std::string& name)
      : data_(reinterpret_cast<const unsigned char*>(bytes.data())),
        size_(bytes.size()),
        name_(name) {}
  Status Parse(DictionaryBuilder* out);

 private:
  Status CheckHeader();
  Status ReadSections();
  Status CheckShared();
  Status ReadActors(DictionaryBuilder* out);
  Status ReadPatterns(DictionaryBuilder* out);
  Status ReadRest(DictionaryBuilder* out);
  Status Error(uint64_t offset, const std::string& what) const {
    return DataLoss(name_ + ": offset " + std::to_string(offset) + ": " + what);
  }
  Status RowError(SectionId id, uint64_t row, const std::string& what) const {
    const Table& t = t_[id];
    uint64_t offset = t.offset + kSectionHeaderSize + row * t.width * 4;
    return DataLoss(name_ + ": offset " + std::to_string(offset) + ": section '" +
                    kSpecs[id].name + "' record " + std::to_string(row) + ": " + what);
  }
  bool StrOk(uint32_t id) const { return id < strs_.size(); }
  // Takes `n` entries from the budget; false once it is spent.
  bool Charge(uint64_t n) {
    if (n > budget_) return false;
    budget_ -= n;
    return true;
  }
  Status OverBudget(SectionId id, uint64_t row) const {
    return RowError(id, row,
                    "entries expand past what a " + std::to_string(size_) +
                        "-byte snapshot can hold");
  }
  uint32_t PhraseLength(uint32_t phrase) const { return t_[kPhrases].At(phrase, 1); }
  const std::string_view& S(uint32_t id) const { return strs_[id]; }
  // The words begin..begin+count, already checked.
  void MakeWords(uint32_t begin, uint32_t count, std::vector<std::string>* out) const {
    out->reserve(count);
    for (uint32_t i = 0; i < count; ++i)
      out->emplace_back(S(t_[kWords].At(begin + i, 0)));
  }
  Phrase MakePhrase(uint32_t phrase) const {
    Phrase p;
    MakeWords(t_[kPhrases].At(phrase, 0), t_[kPhrases].At(phrase, 1), &p);
    return p;
  }

  const unsigned char* data_;
  uint64_t size_;
  const std::string& name_;
  Table t_[kSectionCount + 1];
  std::vector<std::string_view> strs_;
  std::vector<PatternElement> elements_;  // the distinct pattern elements
  uint64_t budget_ = 0;                   // entries still allowed
};

Status SnapshotParser::CheckHeader() {
  std::string_view bytes(reinterpret_cast<const char*>(data_), size_);
  if (size_ == 0) return Error(0, "truncated snapshot: the file is empty");
  if (!HasSnapshotMagic(bytes)) {
    if (size_ < sizeof kSnapshotMagic && std::memcmp(data_, kSnapshotMagic, size_) == 0) {
      return Error(size_, "truncated snapshot: the file ends inside the magic bytes");
    }
    return InvalidArgument(name_ +
                           ": offset 0: not a ladder dictionary snapshot "
                           "(bad magic bytes)");
  }
  if (size_ < kSnapshotHeaderSize + kSnapshotTrailerSize) {
    return Error(size_, "truncated snapshot: the file ends inside the header (" +
                            std::to_string(size_) + " bytes)");
  }
  uint32_t format = Load32(data_ + 12);
  uint32_t layout = Load32(data_ + 16);
  if (format != kDictionaryFormatVersion || layout != kSnapshotLayoutVersion) {
    return InvalidArgument(name_ + ": offset 12: snapshot of dictionary format version " +
                           std::to_string(format) + ", layout " + std::to_string(layout) +
                           "; this ladder reads format " +
                           std::to_string(kDictionaryFormatVersion) + ", layout " +
                           std::to_string(kSnapshotLayoutVersion) +
                           " (recompile it with `ladder dict compile`)");
  }
  uint64_t expected = Load64(data_ + kSnapshotSizeOffset);
  if (expected > size_) {
    return Error(size_, "truncated snapshot: " + std::to_string(size_) +
                            " bytes, the header says " + std::to_string(expected));
  }
  if (expected < size_) {
    return Error(expected, std::to_string(size_ - expected) +
                               " unexpected bytes after the snapshot's end");
  }
  uint32_t sections = Load32(data_ + 20);
  if (sections != kSectionCount) {
    return Error(20, "snapshot has " + std::to_string(sections) + " sections, layout " +
                         std::to_string(kSnapshotLayoutVersion) + " has " +
                         std::to_string(kSectionCount));
  }
  uint64_t stored = Load64(data_ + size_ - kSnapshotTrailerSize);
  uint64_t computed = SnapshotChecksum(std::string_view(
      reinterpret_cast<const char*>(data_), size_ - kSnapshotTrailerSize));
  if (stored != computed) {
    return Error(size_ - kSnapshotTrailerSize,
                 "checksum mismatch: the snapshot is corrupted");
  }
  return Status::Ok();
}

Status SnapshotParser::ReadSections() {
  uint64_t pos = kSnapshotHeaderSize;
  const uint64_t end = size_ - kSnapshotTrailerSize;
  for (uint32_t id = kStrings; id <= kSectionCount; ++id) {
    const std::string name = std::string("section '") + kSpecs[id].name + "'";
    if (end - pos < kSectionHeaderSize) return Error(pos, name + ": truncated header");
    uint32_t got_id = Load32(data_ + pos);
    uint32_t width = Load32(data_ + pos + 4);
    uint64_t count = Load64(data_ + pos + 8);
    if (got_id != id || width != kSpecs[id].width) {
      return Error(pos, "expected " + name + " (id " + std::to_string(id) + ", width " +
                            std::to_string(kSpecs[id].width) + "), found id " +
                            std::to_string(got_id) + ", width " + std::to_string(width));
    }
    uint64_t unit = width == 0 ? 1 : uint64_t{width} * 4;
    uint64_t room = end - pos - kSectionHeaderSize;
    if (count > room / unit || (id != kStrings && count > UINT32_MAX)) {
      return Error(pos, name + ": " + std::to_string(count) +
                            " records run past the end of the file");
    }
    t_[id] = {data_ + pos + kSectionHeaderSize, count, width, pos};
    pos += kSectionHeaderSize + count * unit;
  }
  if (pos != end) {
    return Error(pos,
                 std::to_string(end - pos) + " unexpected bytes after the last section");
  }
  return Status::Ok();
}

// Checks the tables that others point into: string refs, words, phrases,
// dated codes and pattern elements. After this, a valid index into one of
// them is all a record needs.
Status SnapshotParser::CheckShared() {
  const Table& refs = t_[kStringRefs];
  const char* pool = reinterpret_cast<const char*>(t_[kStrings].data);
  strs_.resize(refs.count);
  for (uint64_t i = 0; i < refs.count; ++i) {
    uint32_t off = refs.At(i, 0), len = refs.At(i, 1);
    if (!RangeOk(off, len, t_[kStrings].count)) {
      return RowError(kStringRefs, i, "string outside the string pool");
    }
    strs_[i] = std::string_view(pool + off, len);
  }
  for (uint64_t i = 0; i < t_[kWords].count; ++i) {
    if (!StrOk(t_[kWords].At(i, 0))) return RowError(kWords, i, "bad string index");
  }
  for (uint64_t i = 0; i < t_[kPhrases].count; ++i) {
    if (!RangeOk(t_[kPhrases].At(i, 0), t_[kPhrases].At(i, 1), t_[kWords].count)) {
      return RowError(kPhrases, i, "word range out of bounds");
    }
  }
  for (uint64_t i = 0; i < t_[kDatedCodes].count; ++i) {
    if (!StrOk(t_[kDatedCodes].At(i, 0)) || !StrOk(t_[kDatedCodes].At(i, 3))) {
      return RowError(kDatedCodes, i, "bad string index");
    }
  }
  const Table& el = t_[kElements];
  elements_.resize(el.count);
  for (uint64_t i = 0; i < el.count; ++i) {
    if (el.At(i, 0) > kMaxKind) return RowError(kElements, i, "bad element kind");
    if (!RangeOk(el.At(i, 1), el.At(i, 2), t_[kWords].count)) {
      return RowError(kElements, i, "word range out of bounds");
    }
    if (!Charge(1 + uint64_t{el.At(i, 2)})) return OverBudget(kElements, i);
    PatternElement& e = elements_[i];
    e.kind = static_cast<PatternElement::Kind>(el.At(i, 0));
    MakeWords(el.At(i, 1), el.At(i, 2), &e.words);
    e.max_gap = static_cast<int32_t>(el.At(i, 3));
  }
  for (uint64_t i = 0; i < t_[kElementRefs].count; ++i) {
    if (t_[kElementRefs].At(i, 0) >= el.count) {
      return RowError(kElementRefs, i, "bad element index");
    }
  }
  return Status::Ok();
}

Status SnapshotParser::ReadActors(DictionaryBuilder* out) {
  const Table& t = t_[kActors];
  const Table& dated = t_[kDatedCodes];
  for (uint64_t i = 0; i < t.count; ++i) {
    uint32_t names = t.At(i, 0), n_names = t.At(i, 1);
    uint32_t codes = t.At(i, 2), n_codes = t.At(i, 3);
    uint32_t file = t.At(i, 4);
    if (!RangeOk(names, n_names, t_[kPhrases].count) ||
        !RangeOk(codes, n_codes, dated.count) || !StrOk(file)) {
      return RowError(kActors, i, "index out of bounds");
    }
    if (!Charge(1 + uint64_t{n_names} + n_codes)) return OverBudget(kActors, i);
    ActorEntry a;
    a.names.reserve(n_names);
    for (uint32_t k = 0; k < n_names; ++k) {
      if (!Charge(PhraseLength(names + k))) return OverBudget(kActors, i);
      a.names.push_back(MakePhrase(names + k));
    }
    a.codes.resize(n_codes);
    for (uint32_t k = 0; k < n_codes; ++k) {
      DatedCode& c = a.codes[k];
      c.code = S(dated.At(codes + k, 0));
      c.from_ymd = static_cast<int32_t>(dated.At(codes + k, 1));
      c.to_ymd = static_cast<int32_t>(dated.At(codes + k, 2));
      c.note = S(dated.At(codes + k, 3));
    }
    a.origin.file = S(file);
    a.origin.line = static_cast<int32_t>(t.At(i, 5));
    out->AddActor(std::move(a));
  }
  const Table& g = t_[kAgents];
  for (uint64_t i = 0; i < g.count; ++i) {
    uint32_t names = g.At(i, 0), n_names = g.At(i, 1);
    if (!RangeOk(names, n_names, t_[kPhrases].count) || !StrOk(g.At(i, 2)) ||
        g.At(i, 3) > 3 || !StrOk(g.At(i, 4))) {
      return RowError(kAgents, i, "index or flag out of bounds");
    }
    if (!Charge(1 + uint64_t{n_names})) return OverBudget(kAgents, i);
    AgentEntry a;
    a.names.reserve(n_names);
    for (uint32_t k = 0; k < n_names; ++k) {
      if (!Charge(PhraseLength(names + k))) return OverBudget(kAgents, i);
      a.names.push_back(MakePhrase(names + k));
    }
    a.code = S(g.At(i, 2));
    a.prefix = (g.At(i, 3) & 1) != 0;
    a.exact_forms = (g.At(i, 3) & 2) != 0;
    a.origin.file = S(g.At(i, 4));
    a.origin.line = static_cast<int32_t>(g.At(i, 5));
    out->AddAgent(std::move(a));
  }
  return Status::Ok();
}

Status SnapshotParser::ReadPatterns(DictionaryBuilder* out) {
  const Table& t = t_[kPatterns];
  const Table& refs = t_[kElementRefs];
  for (uint64_t i = 0; i < t.count; ++i) {
    uint32_t elements = t.At(i, 0), n_elements = t.At(i, 1);
    uint32_t verb_words = t.At(i, 3), n_verb_words = t.At(i, 4);
    if (!RangeOk(elements, n_elements, refs.count) ||
        !RangeOk(verb_words, n_verb_words, t_[kWords].count) || !StrOk(t.At(i, 5)) ||
        !StrOk(t.At(i, 6)) || !StrOk(t.At(i, 7)) || t.At(i, 9) > 1) {
      return RowError(kPatterns, i, "index or flag out of bounds");
    }
    if (!Charge(1 + uint64_t{n_elements} + n_verb_words)) return OverBudget(kPatterns, i);
    VerbPattern p;
    p.elements.reserve(n_elements);
    for (uint32_t k = 0; k < n_elements; ++k) {
      const PatternElement& e = elements_[refs.At(elements + k, 0)];
      if (!Charge(e.words.size())) return OverBudget(kPatterns, i);
      p.elements.push_back(e);
    }
    p.anchor = static_cast<int32_t>(t.At(i, 2));
    MakeWords(verb_words, n_verb_words, &p.verb_words);
    p.code = S(t.At(i, 5));
    p.reverse_code = S(t.At(i, 6));
    p.origin.file = S(t.At(i, 7));
    p.origin.line = static_cast<int32_t>(t.At(i, 8));
    p.exact_words = t.At(i, 9) != 0;  // specificity: computed by Compile
    out->AddPattern(std::move(p));
  }
  return Status::Ok();
}

Status SnapshotParser::ReadRest(DictionaryBuilder* out) {
  const uint64_t phrases = t_[kPhrases].count;
  const Table& d = t_[kDiscards];
  SnapshotAccess::ReserveDiscards(out, d.count);
  for (uint64_t i = 0; i < d.count; ++i) {
    if (d.At(i, 0) >= phrases || !BoolOk(d.At(i, 1))) {
      return RowError(kDiscards, i, "index or flag out of bounds");
    }
    if (!Charge(1 + uint64_t{PhraseLength(d.At(i, 0))})) return OverBudget(kDiscards, i);
    SnapshotAccess::AddDiscard(out, MakePhrase(d.At(i, 0)), d.At(i, 1) != 0);
  }
  const Table& is = t_[kIssues];
  for (uint64_t i = 0; i < is.count; ++i) {
    if (is.At(i, 0) >= phrases || !StrOk(is.At(i, 1)) || !BoolOk(is.At(i, 2))) {
      return RowError(kIssues, i, "index or flag out of bounds");
    }
    if (!Charge(1 + uint64_t{PhraseLength(is.At(i, 0))})) return OverBudget(kIssues, i);
    out->AddIssue(
        {MakePhrase(is.At(i, 0)), std::string(S(is.At(i, 1))), is.At(i, 2) != 0});
  }
  const Table& c = t_[kCodes];
  for (uint64_t i = 0; i < c.count; ++i) {
    if (!StrOk(c.At(i, 0)) || !StrOk(c.At(i, 1)) || !StrOk(c.At(i, 5)) ||
        !StrOk(c.At(i, 6))) {
      return RowError(kCodes, i, "bad string index");
    }
    CodeInfo info;
    info.code = S(c.At(i, 0));
    info.label = S(c.At(i, 1));
    info.goldstein =
        std::bit_cast<double>(uint64_t{c.At(i, 2)} | (uint64_t{c.At(i, 3)} << 32));
    info.quad_class = static_cast<int32_t>(c.At(i, 4));
    info.plover_event = S(c.At(i, 5));
    info.plover_mode = S(c.At(i, 6));
    out->AddCode(std::move(info));
  }
  const Table& pr = t_[kProblems];
  for (uint64_t i = 0; i < pr.count; ++i) {
    if (!StrOk(pr.At(i, 0))) return RowError(kProblems, i, "bad string index");
    out->AddProblem(std::string(S(pr.At(i, 0))));
  }
  return Status::Ok();
}

Status SnapshotParser::Parse(DictionaryBuilder* out) {
  RETURN_IF_ERROR(CheckHeader());
  RETURN_IF_ERROR(ReadSections());
  budget_ = kEntriesPerByte * size_ + kBaseEntries;
  RETURN_IF_ERROR(CheckShared());
  DictionaryBuilder parsed;
  SnapshotAccess::Reserve(&parsed, t_[kActors].count, t_[kAgents].count,
                          t_[kPatterns].count, t_[kIssues].count, t_[kCodes].count,
                          t_[kProblems].count);
  RETURN_IF_ERROR(ReadActors(&parsed));
  RETURN_IF_ERROR(ReadPatterns(&parsed));
  RETURN_IF_ERROR(ReadRest(&parsed));
  SnapshotAccess::Append(&parsed, out);
  return Status::Ok();
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

Result<std::string> SerializeSnapshot(const DictionaryBuilder& builder) {
  return SnapshotWriter().Write(builder);
}

Status SaveSnapshot(const DictionaryBuilder& builder, const std::string& path) {
  ASSIGN_OR_RETURN(std::string bytes, SerializeSnapshot(builder));
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

Status LoadSnapshot(const std::string& path, DictionaryBuilder* builder) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(Errno(path));
  FdCloser closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return IoError(Errno(path));
  if (!S_ISREG(st.st_mode)) return InvalidArgument(path + ": not a regular file");
  size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) return ParseSnapshot(std::string_view(), path, builder);
  int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
  flags |= MAP_POPULATE;  // one fault-in pass: the whole file is read anyway
#endif
  void* map = ::mmap(nullptr, size, PROT_READ, flags, fd, 0);
  if (map == MAP_FAILED) return IoError(Errno(path));
  Status status =
      ParseSnapshot(std::string_view(static_cast<const char*>(map), size), path, builder);
  ::munmap(map, size);
  return status;
}

Status ParseSnapshot(std::string_view bytes, const std::string& name,
                     DictionaryBuilder* builder) {
  return SnapshotParser(bytes, name).Parse(builder);
}

}  // namespace ladder::dict
