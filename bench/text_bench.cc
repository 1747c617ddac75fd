// Text layer benchmarks on real news (AG News test split + Reuters-21578
// reut2-017, read where they are), single-threaded:
//
//   BM_Normalize   UTF-8 check + NFC + control characters
//   BM_Split       sentence splitting of normalized text
//   BM_Tokenize    tokens with byte offsets, per sentence
//   BM_Annotate    WordNet lemmas + POS candidates of tokenized sentences
//   BM_TextLayer   all four, as Engine::Code runs them
//
// Each reports bytes/s (document bytes) and sentences/s. Before timing, the
// layer's output is checked: normalization succeeds on every document,
// sentence spans are ordered and inside the text, tokens lie inside their
// sentence, and common words get their lemma ("said" -> "say").
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "news_corpus.h"
#include "text/text.h"

namespace {

namespace lb = ladder::bench;
namespace tx = ladder::text;

struct Corpus {
  std::vector<std::string> raw;         // document texts
  std::vector<std::string> normalized;  // after Normalize
  std::vector<std::vector<tx::Span>> spans;
  int64_t bytes = 0, sentences = 0, tokens = 0;
  std::string error;  // non-empty: the check failed
};

std::string Check(Corpus* c, const tx::Lexicon& lexicon) {
  std::vector<tx::Token> tokens;
  int64_t said = 0, say = 0;
  for (size_t i = 0; i < c->normalized.size(); ++i) {
    const std::string& text = c->normalized[i];
    uint32_t prev_end = 0;
    for (tx::Span s : c->spans[i]) {
      if (s.begin < prev_end || s.end <= s.begin || s.end > text.size()) {
        return "document " + std::to_string(i) + ": bad sentence span";
      }
      prev_end = s.end;
      tx::Tokenize(text, s, &tokens);
      lexicon.Annotate(&tokens);
      c->tokens += static_cast<int64_t>(tokens.size());
      for (const tx::Token& t : tokens) {
        if (t.begin < s.begin || t.end > s.end || t.end <= t.begin) {
          return "document " + std::to_string(i) + ": token outside sentence";
        }
        if (t.lower == "said") {
          ++said;
          say += t.lemma == "say";
        }
      }
    }
  }
  if (c->sentences == 0 || c->tokens == 0) return "no sentences or tokens";
  if (said == 0 || say != said) return "'said' not lemmatized as 'say'";
  return "";
}

const tx::Lexicon* GetLexicon() {
  static std::unique_ptr<tx::Lexicon> lexicon = [] {
    auto l = tx::Lexicon::Load("/usr/share/wordnet");
    return l.ok() ? std::move(l).value() : nullptr;
  }();
  return lexicon.get();
}

const Corpus& GetCorpus() {
  static Corpus corpus = [] {
    Corpus c;
    for (ladder::Document& d : lb::ReadAgNews(lb::AgNewsPath())) {
      c.raw.push_back(std::move(d.text));
    }
    for (ladder::Document& d : lb::ReadReuters(lb::ReutersPath())) {
      c.raw.push_back(std::move(d.text));
    }
    for (const std::string& raw : c.raw) {
      c.bytes += static_cast<int64_t>(raw.size());
      auto n = tx::Normalize(raw);
      if (!n.ok()) {
        c.error = "Normalize: " + n.status().message();
        return c;
      }
      c.spans.push_back(tx::SplitSentences(*n));
      c.sentences += static_cast<int64_t>(c.spans.back().size());
      c.normalized.push_back(std::move(n).value());
    }
    if (c.raw.empty()) c.error = "no documents read";
    if (c.error.empty() && GetLexicon() != nullptr) c.error = Check(&c, *GetLexicon());
    return c;
  }();
  return corpus;
}

// Skips (returning nullptr) when data or WordNet is missing or the check fails.
const Corpus* Setup(benchmark::State& state) {
  if (!std::filesystem::is_directory(lb::SharedDataDir())) {
    state.SkipWithError("shared data folder absent (" LADDER_SHARED_DIR
                        "/data): news corpora needed");
    return nullptr;
  }
  if (GetLexicon() == nullptr) {
    state.SkipWithError("WordNet not found in /usr/share/wordnet");
    return nullptr;
  }
  const Corpus& c = GetCorpus();
  if (!c.error.empty()) {
    state.SkipWithError(("check: " + c.error).c_str());
    return nullptr;
  }
  return &c;
}

void Report(benchmark::State& state, const Corpus& c) {
  using benchmark::Counter;
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.counters["sentences/s"] =
      Counter(static_cast<double>(c.sentences), Counter::kIsIterationInvariantRate);
  state.counters["tokens/s"] =
      Counter(static_cast<double>(c.tokens), Counter::kIsIterationInvariantRate);
}

void BM_Normalize(benchmark::State& state) {
  const Corpus* c = Setup(state);
  if (c == nullptr) return;
  for (auto _ : state) {
    for (const std::string& raw : c->raw) benchmark::DoNotOptimize(tx::Normalize(raw));
  }
  Report(state, *c);
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);

void BM_Split(benchmark::State& state) {
  const Corpus* c = Setup(state);
  if (c == nullptr) return;
  for (auto _ : state) {
    for (const std::string& t : c->normalized) {
      benchmark::DoNotOptimize(tx::SplitSentences(t));
    }
  }
  Report(state, *c);
}
BENCHMARK(BM_Split)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  const Corpus* c = Setup(state);
  if (c == nullptr) return;
  std::vector<tx::Token> tokens;
  for (auto _ : state) {
    for (size_t i = 0; i < c->normalized.size(); ++i) {
      for (tx::Span s : c->spans[i]) {
        tx::Tokenize(c->normalized[i], s, &tokens);
        benchmark::DoNotOptimize(tokens.data());
      }
    }
  }
  Report(state, *c);
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_Annotate(benchmark::State& state) {
  const Corpus* c = Setup(state);
  if (c == nullptr) return;
  // Pre-tokenized sentences; Annotate overwrites lemma/pos, so reuse is fair.
  std::vector<std::vector<tx::Token>> sentences;
  for (size_t i = 0; i < c->normalized.size(); ++i) {
    for (tx::Span s : c->spans[i]) {
      sentences.emplace_back();
      tx::Tokenize(c->normalized[i], s, &sentences.back());
    }
  }
  const tx::Lexicon& lexicon = *GetLexicon();
  for (auto _ : state) {
    for (auto& tokens : sentences) {
      lexicon.Annotate(&tokens);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  Report(state, *c);
}
BENCHMARK(BM_Annotate)->Unit(benchmark::kMillisecond);

void BM_TextLayer(benchmark::State& state) {
  const Corpus* c = Setup(state);
  if (c == nullptr) return;
  const tx::Lexicon& lexicon = *GetLexicon();
  std::vector<tx::Token> tokens;
  for (auto _ : state) {
    for (const std::string& raw : c->raw) {
      auto text = tx::Normalize(raw);
      for (tx::Span s : tx::SplitSentences(*text)) {
        tx::Tokenize(*text, s, &tokens);
        lexicon.Annotate(&tokens);
        benchmark::DoNotOptimize(tokens.data());
      }
    }
  }
  Report(state, *c);
}
BENCHMARK(BM_TextLayer)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
