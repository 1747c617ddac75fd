// Engine::CodeBatch: the one pipeline every shell calls (ladder/engine.h).
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "ladder/engine.h"
#include "ladder/io.h"

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

Document Doc(std::string id, std::string text, std::string story = "") {
  Document d;
  d.id = std::move(id);
  d.date = "2023-09-08";
  d.text = std::move(text);
  d.story = std::move(story);
  return d;
}

std::string Events(const CodeResult& r) {
  std::string out;
  for (const Event& e : r.events) out += EventToJson(e) + "\n";
  return out;
}

// A story discard phrase in one record drops every record of its story in
// the batch; records of other stories, and documents without a story, are
// coded.
TEST(CodeBatchTest, StoryDiscardDropsTheWholeStory) {
  std::vector<Document> docs = {
      Doc("FOOT-1", "Brazil accused Argentina of spying.", "FOOT"),
      Doc("FOOT-2", "The Champions League match ended in a draw.", "FOOT"),
      Doc("WAR-1", "Russia attacked Ukraine.", "WAR"),
      Doc("alone", "Brazil accused Argentina of spying."),
  };
  auto results = SharedEngine().CodeBatch(docs, {});
  ASSERT_EQ(results.size(), docs.size());
  for (const auto& r : results) ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(results[0]->events.empty());
  EXPECT_TRUE(results[0]->discarded);
  EXPECT_TRUE(results[0]->story_discarded);
  EXPECT_TRUE(results[1]->discarded);
  EXPECT_FALSE(results[1]->story_discarded);  // the record that has the phrase
  EXPECT_FALSE(results[2]->events.empty());
  EXPECT_FALSE(results[3]->events.empty()) << "a document without a story is its own";
  // Code alone (a batch of one) does not see the other records.
  auto alone = SharedEngine().Code(docs[0]);
  ASSERT_TRUE(alone.ok());
  EXPECT_FALSE(alone->events.empty());
}

// Threads change neither the events nor their order.
TEST(CodeBatchTest, ThreadsKeepOrderAndEvents) {
  std::vector<Document> docs;
  for (int i = 0; i < 40; ++i) {
    docs.push_back(Doc("d" + std::to_string(i),
                       i % 2 ? "North Korea fired two missiles toward Japan. Russia condemned it."
                             : "Iran has supplied Russia with drones, Ukraine said."));
  }
  auto one = SharedEngine().CodeBatch(docs, {1});
  auto four = SharedEngine().CodeBatch(docs, {4});
  ASSERT_EQ(one.size(), docs.size());
  ASSERT_EQ(four.size(), docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    ASSERT_TRUE(one[i].ok() && four[i].ok());
    EXPECT_EQ(Events(*one[i]), Events(*four[i])) << i;
    ASSERT_FALSE(one[i]->events.empty()) << i;
    EXPECT_EQ(one[i]->events[0].doc_id, docs[i].id);
  }
}

// One bad document is its own result: a bad date is kInvalidArgument, a
// text over max_document_bytes kResourceExhausted (a server answers 413).
TEST(CodeBatchTest, ErrorsStayWithTheirDocument) {
  EngineOptions options;
  options.max_document_bytes = 64;
  auto engine = Engine::Open(options);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  std::vector<Document> docs = {Doc("ok", "Russia attacked Ukraine."),
                                Doc("big", std::string(65, 'a')),
                                Doc("bad-date", "Russia attacked Ukraine.")};
  docs[2].date = "2023-13-40";
  auto results = (*engine)->CodeBatch(docs, {2});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].ok());
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(results[1].status().message().find("--"), std::string::npos)
      << "a library message names no CLI flag: " << results[1].status().message();
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].status().code(), StatusCode::kInvalidArgument);
}

// CodeResult::text is the normalized text the evidence offsets index: NFC
// turns the decomposed "é" (3 bytes) into 2 bytes, shifting what follows.
TEST(CodeBatchTest, TextIsWhatOffsetsIndex) {
  Document d = Doc("nfc", "Caf\x65\xCC\x81 news. Russia attacked Ukraine on Friday.");
  auto r = SharedEngine().Code(d);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_FALSE(r->events.empty());
  EXPECT_NE(r->text, d.text);
  for (const Event& e : r->events) {
    ASSERT_LE(e.evidence_end, static_cast<int64_t>(r->text.size()));
    EXPECT_EQ(r->text.substr(e.evidence_begin, e.evidence_end - e.evidence_begin), e.evidence_text);
  }
}

// A caller-owned CoderState codes as the pooled ones do, on any thread.
TEST(CodeBatchTest, CallerOwnedState) {
  Document d = Doc("s", "Kim Jong-un and Vladimir Putin are expected to meet in Vladivostok.");
  auto pooled = SharedEngine().Code(d);
  ASSERT_TRUE(pooled.ok());
  std::string owned_events;
  std::thread worker([&] {
    std::unique_ptr<CoderState> state = SharedEngine().NewState();
    for (int i = 0; i < 3; ++i) {
      auto r = SharedEngine().Code(d, state.get());
      ASSERT_TRUE(r.ok());
      owned_events = Events(*r);
    }
  });
  worker.join();
  EXPECT_EQ(owned_events, Events(*pooled));
}

// Reading the value of an error is a programming error that aborts loudly.
TEST(ResultDeathTest, ValueOfAnErrorAborts) {
  Result<int> bad = InvalidArgument("no number here");
  EXPECT_DEATH((void)bad.value(), "no number here");
  Result<int> good = 3;
  EXPECT_EQ(good.value(), 3);
}

}  // namespace
}  // namespace ladder
