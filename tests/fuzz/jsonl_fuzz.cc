// libFuzzer target: the JSONL readers (ladder::DocumentFromJson and
// ladder::EventFromJson, src/base/). Arbitrary bytes must give a document or
// an error naming the place; an event that parses must survive a round trip
// through EventToJson.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ladder/io.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);

  ladder::Result<ladder::Document> doc =
      ladder::DocumentFromJson(line, "fuzz.jsonl:7");
  if (!doc.ok()) {
    // Every error names the input and the line.
    Check(doc.status().message().rfind("fuzz.jsonl:7: ", 0) == 0);
  }

  ladder::Result<ladder::Event> event = ladder::EventFromJson(line);
  if (event.ok()) {
    Check(!event->cameo.empty());
    // Written events read back, and writing is then stable.
    std::string json = ladder::EventToJson(*event);
    ladder::Result<ladder::Event> again = ladder::EventFromJson(json);
    Check(again.ok());
    Check(ladder::EventToJson(*again) == json);
    (void)ladder::EventToTsv(*event);
    (void)ladder::EventToCsv(*event);
  } else {
    Check(!event.status().message().empty());
  }
  return 0;
}
