// libFuzzer target: the dictionary snapshot reader (src/dict/snapshot.h).
// The first input byte picks the mode, the rest is the file: even, read as
// it is (the checksum stops most mutations early); odd, the file size and
// checksum are fixed up first, so mutations reach the section parser's
// bounds checks. Whatever the input: no crash; an error names the input and
// leaves the builder as it was; a snapshot that loads saves back to bytes
// that load to the same entries, and compiles.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "dict/dictionary.h"
#include "dict/snapshot.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

// Sets the header's file size and the trailing checksum to match `bytes`.
void Reseal(std::string* bytes) {
  using ladder::dict::kSnapshotHeaderSize;
  using ladder::dict::kSnapshotSizeOffset;
  using ladder::dict::kSnapshotTrailerSize;
  if (bytes->size() < kSnapshotHeaderSize + kSnapshotTrailerSize) return;
  uint64_t size = bytes->size();
  for (int i = 0; i < 8; ++i) {
    (*bytes)[kSnapshotSizeOffset + i] = static_cast<char>(size >> (8 * i));
  }
  uint64_t sum = ladder::dict::SnapshotChecksum(
      std::string_view(*bytes).substr(0, bytes->size() - kSnapshotTrailerSize));
  for (int i = 0; i < 8; ++i) {
    (*bytes)[bytes->size() - kSnapshotTrailerSize + i] =
        static_cast<char>(sum >> (8 * i));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] & 1) Reseal(&bytes);
  ladder::dict::DictionaryBuilder builder;
  builder.AddActor({{{"gondor"}}, {{"GON", 0, 99999999, ""}}, {"seed.txt", 1}});
  ladder::Status status = ladder::dict::ParseSnapshot(bytes, "fuzz.ldict", &builder);
  if (!status.ok()) {
    Check(status.message().rfind("fuzz.ldict: offset ", 0) == 0);
    Check(builder.actor_count() == 1 && builder.agent_count() == 0 &&
          builder.pattern_count() == 0 && builder.code_count() == 0 &&
          builder.problems().empty());
    return 0;
  }
  // Saved again and reloaded, the entries come back the same.
  auto saved = ladder::dict::SerializeSnapshot(builder);
  Check(saved.ok());
  ladder::dict::DictionaryBuilder again;
  Check(ladder::dict::ParseSnapshot(*saved, "again.ldict", &again).ok());
  auto resaved = ladder::dict::SerializeSnapshot(again);
  Check(resaved.ok() && *resaved == *saved);
  (void)builder.Compile();
  return 0;
}
