// libFuzzer target: ladder::DocumentReader on PETRARCH XML <Sentence>
// records, TABARI text records and auto-detection (src/base/
// document_reader.cc). Arbitrary bytes must give documents with an id, an
// ISO date and text, or errors that name the input; never a crash or a
// hang, and reading always ends.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "ladder/io.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void ReadAll(const std::string& path, ladder::InputFormat format) {
  ladder::ReaderOptions options;
  options.format = format;
  options.default_date = "2024-01-01";
  auto reader = ladder::DocumentReader::Open(path, options);
  Check(reader.ok());
  ladder::Document doc;
  ladder::Status error;
  for (int n = 0; n < 100000; ++n) {
    ladder::DocumentReader::Outcome outcome = (*reader)->Next(&doc, &error);
    if (outcome == ladder::DocumentReader::Outcome::kEnd) return;
    if (outcome == ladder::DocumentReader::Outcome::kError) {
      Check(error.message().rfind(path, 0) == 0);
      continue;
    }
    if ((*reader)->format() == ladder::InputFormat::kPetrarchXml ||
        (*reader)->format() == ladder::InputFormat::kTabari) {
      Check(!doc.id.empty());
      Check(doc.date.size() == 10 && doc.date[4] == '-' && doc.date[7] == '-');
      Check(!doc.text.empty());
    }
  }
  Check(false);  // more records than bytes: reading did not end
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static int fd = memfd_create("records", 0);
  Check(fd >= 0);
  Check(ftruncate(fd, 0) == 0);
  Check(pwrite(fd, data, size, 0) == static_cast<ssize_t>(size));
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  for (ladder::InputFormat format :
       {ladder::InputFormat::kAuto, ladder::InputFormat::kPetrarchXml,
        ladder::InputFormat::kTabari}) {
    ReadAll(path, format);
  }
  return 0;
}
