// libFuzzer target for the text layer: Normalize, then (on valid UTF-8)
// SplitSentences, Tokenize and Lexicon::Annotate. Checks the invariants the
// rest of ladder relies on: spans and tokens stay inside the text, are
// ordered, and do not overlap.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ladder::text;  // NOLINT: a fuzz driver, not a header
  static const auto* const lexicon = Lexicon::ClosedClassOnly().release();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto normalized = Normalize(input);
  if (!normalized.ok()) return 0;
  const std::string& text = *normalized;
  std::vector<Token> tokens;
  uint32_t previous_end = 0;
  for (Span span : SplitSentences(text)) {
    Check(span.begin < span.end && span.end <= text.size());
    Check(span.begin >= previous_end);
    previous_end = span.end;
    Tokenize(text, span, &tokens);
    lexicon->Annotate(&tokens);
    uint32_t token_end = span.begin;
    for (const Token& t : tokens) {
      Check(t.begin >= token_end && t.begin < t.end && t.end <= span.end);
      token_end = t.end;
    }
  }
  return 0;
}
