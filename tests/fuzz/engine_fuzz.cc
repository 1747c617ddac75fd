// libFuzzer target: the whole pipeline. One Engine with ladder's bundled
// dictionaries codes the input bytes as a document's text; Code() must return
// events or a Status naming the document, never crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "ladder/engine.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

const ladder::Engine& TheEngine() {
  static const ladder::Engine* const engine = [] {
    auto opened = ladder::Engine::Open(ladder::EngineOptions());
    if (!opened.ok()) {
      std::fprintf(stderr, "engine_fuzz: %s\n", opened.status().message().c_str());
      std::abort();
    }
    return std::move(opened).value().release();
  }();
  return *engine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ladder::Engine& engine = TheEngine();
  if (size > 16384) return 0;  // keep it fast: sentences, not books
  // The first byte picks the date: none, a real one, or a malformed one.
  static const char* const kDates[] = {"", "2014-02-27", "2023-02-30", "2014-2-7"};
  std::string date = size > 0 ? kDates[data[0] % 4] : "";
  ladder::Document doc;
  doc.id = "fuzz";
  doc.date = date;
  doc.text.assign(reinterpret_cast<const char*>(data), size);
  ladder::Result<ladder::CodeResult> result = engine.Code(doc);
  if (!result.ok()) {
    Check(result.status().message().find("'fuzz'") != std::string::npos);
    return 0;
  }
  for (const ladder::Event& e : result->events) {
    Check(e.doc_id == "fuzz");
    Check(!e.cameo.empty());
    Check(e.sentence >= 1);
    Check(e.evidence_begin <= e.evidence_end);
  }
  return 0;
}
