// Vocabulary and EdgeMap against std::unordered_map.
#include "dict/vocabulary.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>

namespace ladder::dict {
namespace {

TEST(VocabularyTest, IdsAreDenseStableAndFindable) {
  Vocabulary v;
  EXPECT_EQ(v.Find("russia"), kNoWord);
  std::unordered_map<std::string, uint32_t> want;
  std::mt19937 rng(11);
  for (int i = 0; i < 20000; ++i) {  // grows the table many times
    std::string w = "w" + std::to_string(rng() % 7000);
    uint32_t id = v.Intern(w);
    auto [it, added] = want.emplace(w, id);
    ASSERT_EQ(it->second, id) << w;
    if (added) {
      ASSERT_EQ(id, want.size()) << "ids are 1..size()";
    }
  }
  EXPECT_EQ(v.size(), want.size());
  for (const auto& [w, id] : want) {
    EXPECT_EQ(v.Find(w), id);
    EXPECT_EQ(v.Word(id), w);
  }
  EXPECT_EQ(v.Find("w7000"), kNoWord);
  EXPECT_EQ(v.Find(""), kNoWord);
  EXPECT_EQ(v.Intern(""), want.size() + 1) << "the empty word is a word too";
}

TEST(EdgeMapTest, AgreesWithUnorderedMap) {
  EdgeMap m;
  EXPECT_EQ(m.Find(42), 0u);
  std::unordered_map<uint64_t, uint32_t> want;
  std::mt19937_64 rng(5);
  for (uint32_t i = 1; i <= 50000; ++i) {
    uint64_t key = (rng() % 3000) << 32 | (rng() % 3000);
    if (want.count(key)) continue;
    want[key] = i;
    m.Insert(key, i);
  }
  EXPECT_EQ(m.size(), want.size());
  for (const auto& [key, value] : want) ASSERT_EQ(m.Find(key), value);
  for (int i = 0; i < 10000; ++i) {
    uint64_t key = (rng() % 3000 + 3000) << 32 | rng() % 3000;
    ASSERT_EQ(m.Find(key), 0u);
  }
}

}  // namespace
}  // namespace ladder::dict
