// libFuzzer target: the validation-suite readers (PETRARCH XML and TABARI
// text records, src/coder/validation.h) and the scoring of what they read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "coder/validation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  ladder::Result<ladder::coder::Suite> suite =
      ladder::coder::ReadPetrarchSuite(content, "/fuzz/records.xml");
  ladder::coder::Suite tabari;
  ladder::coder::ReadTabariRecords(content, "/fuzz/records.text", &tabari);
  for (const ladder::coder::Suite* s : {suite.ok() ? &*suite : nullptr, &tabari}) {
    if (s == nullptr) continue;
    for (const ladder::coder::SuiteRecord& r : s->records) {
      (void)ladder::coder::Included(*s, r);
      (void)ladder::coder::ScoreRecord(r, r.expected, {});
      (void)ladder::coder::LooksLikeDateline(r.text);
      (void)ladder::coder::ParseTreeBalanced(r.parse);
    }
  }
  return 0;
}
