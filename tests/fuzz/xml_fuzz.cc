// libFuzzer target: the validation-suite readers (PETRARCH XML and TABARI
// text records, src/coder/validation.h), the scoring of what they read and
// the suite audit (src/coder/suite_audit.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "coder/suite_audit.h"
#include "coder/validation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  ladder::Result<ladder::coder::Suite> suite =
      ladder::coder::ReadPetrarchSuite(content, "/fuzz/records.xml");
  ladder::coder::Suite tabari;
  ladder::coder::ReadTabariRecords(content, "/fuzz/records.text", &tabari);
  ladder::coder::SuiteCodes codes;
  codes.actors = {"ARN", "GOV", "---"};
  codes.events = {"064"};
  for (const ladder::coder::Suite* s : {suite.ok() ? &*suite : nullptr, &tabari}) {
    if (s == nullptr) continue;
    std::vector<size_t> all;
    for (size_t i = 0; i < s->records.size(); ++i) all.push_back(i);
    (void)ladder::coder::AuditSuite(*s, all, codes);
    for (const ladder::coder::SuiteRecord& r : s->records) {
      (void)ladder::coder::Included(*s, r);
      (void)ladder::coder::ScoreRecord(r, r.expected, {});
      (void)ladder::coder::LooksLikeDateline(r.text);
      (void)ladder::coder::ParseTreeBalanced(r.parse);
      (void)ladder::coder::ParseDiffers(r.text, r.parse);
    }
  }
  return 0;
}
