// Regression tests for crashes found on real news.
#include <string>

#include "gtest/gtest.h"
#include "ladder/engine.h"

namespace ladder {
namespace {

const Engine& SharedEngine() {
  static const std::unique_ptr<Engine> engine = [] {
    auto opened = Engine::Open(EngineOptions());
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    return std::move(opened).value();
  }();
  return *engine;
}

// A sentence that ends in a lone agent word read one token past the end
// (found by coder_bench on AG News; caught by _GLIBCXX_ASSERTIONS under ASan).
TEST(EngineRegressionTest, SentenceEndingInAgentWords) {
  const char* texts[] = {
      "The statement was issued by officials",
      "Russia condemned the soldiers",
      "Talks were held between diplomats and officials",
      "officials",
  };
  for (const char* text : texts) {
    Document doc{"r1", "2023-09-08", text, "", "", "", ""};
    auto result = SharedEngine().Code(doc);
    ASSERT_TRUE(result.ok()) << text << ": " << result.status().message();
    for (const Event& e : result->events) EXPECT_FALSE(e.cameo.empty()) << text;
  }
}

}  // namespace
}  // namespace ladder
