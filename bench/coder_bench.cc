// Coding benchmarks: dictionary load + compile, and coding throughput on real
// news (AG News test split, Reuters-21578 reut2-017), single-threaded.
//
//   BM_OpenOwnDictionaries      Engine::Open with default options: WordNet
//                               lexicon + ladder's own dictionaries (data/).
//   BM_OpenPhoenixDictionaries  Engine::Open on the full Phoenix dictionaries
//                               (legacy reader); target < 1 s.
//   BM_OpenOwnSnapshot,         the same from a compiled snapshot (`ladder dict
//   BM_OpenPhoenixSnapshot      compile`), saved to /tmp first and checked to
//                               code the sample sentences as the text does.
//   BM_LoadLexicon              the WordNet lexicon alone (part of both opens).
//   BM_Code/<corpus>_<dict>     Engine::Code over every document of a corpus;
//                               counters: sentences/s (text splitter), bytes/s,
//                               events/s, docs/s, and peak_rss_MB (VmHWM of the
//                               whole benchmark process so far).
//
// Before timing, each corpus is coded once and checked: no document fails,
// events > 0, every event's CAMEO code is in data/codes.txt, quad class 1..4,
// Goldstein in [-10, 10], evidence offsets inside the normalized text.
// Benchmarks that need the shared data skip with a message when it is absent.
//
// Run: build-bench/bench/coder_bench --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ladder/engine.h"
#include "ladder/io.h"
#include "news_corpus.h"
#include "text/text.h"

namespace {

namespace lb = ladder::bench;
using ladder::Document;
using ladder::Engine;
using ladder::EngineOptions;

// Peak resident set size of this process, in MB (VmHWM), or -1.
double PeakRssMb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1.0;
}

bool HaveSharedData() { return std::filesystem::is_directory(lb::SharedDataDir()); }

constexpr char kNoData[] =
    "shared data folder absent (" LADDER_SHARED_DIR
    "/data): news corpora and Phoenix dictionaries needed";

enum Corpus { kAgNews, kReuters };
enum Dict { kOwn, kPhoenix };

EngineOptions OptionsFor(Dict dict) {
  EngineOptions options;
  if (dict == kPhoenix) options.dictionaries = {lb::PhoenixDir()};
  return options;
}

// Engines and corpora are built once per process and kept.
const Engine* GetEngine(Dict dict, std::string* error) {
  static std::map<Dict, std::unique_ptr<Engine>> engines;
  auto it = engines.find(dict);
  if (it != engines.end()) return it->second.get();
  auto engine = Engine::Open(OptionsFor(dict));
  if (!engine.ok()) {
    *error = "Engine::Open: " + engine.status().message();
    return nullptr;
  }
  return (engines[dict] = std::move(engine).value()).get();
}

struct CorpusData {
  std::vector<Document> docs;
  int64_t bytes = 0;
  int64_t sentences = 0;
};

const CorpusData& GetCorpus(Corpus corpus) {
  static std::map<Corpus, CorpusData> cache;
  auto it = cache.find(corpus);
  if (it != cache.end()) return it->second;
  CorpusData data;
  data.docs = corpus == kAgNews ? lb::ReadAgNews(lb::AgNewsPath())
                                : lb::ReadReuters(lb::ReutersPath());
  for (const Document& d : data.docs) {
    data.bytes += static_cast<int64_t>(d.text.size());
    auto normalized = ladder::text::Normalize(d.text);
    if (normalized.ok()) {
      data.sentences +=
          static_cast<int64_t>(ladder::text::SplitSentences(*normalized).size());
    }
  }
  return cache.emplace(corpus, std::move(data)).first->second;
}

std::set<std::string> CameoCodes() {
  std::set<std::string> codes;
  std::ifstream in(LADDER_SOURCE_DIR "/data/codes.txt");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line[0] == '%') continue;
    codes.insert(line.substr(0, line.find('\t')));
  }
  return codes;
}

// Codes every document once and checks the output; returns "" or a problem.
std::string CheckCoding(const Engine& engine, const CorpusData& corpus,
                        int64_t* events_out) {
  static const std::set<std::string> codes = CameoCodes();
  if (codes.size() < 200) return "data/codes.txt: too few CAMEO codes read";
  if (corpus.docs.empty()) return "corpus: no documents read";
  int64_t events = 0;
  for (const Document& d : corpus.docs) {
    auto result = engine.Code(d);
    if (!result.ok()) return "Code(" + d.id + "): " + result.status().message();
    auto normalized = ladder::text::Normalize(d.text);
    for (const ladder::Event& e : result->events) {
      ++events;
      if (!codes.count(e.cameo)) {
        return d.id + ": CAMEO code '" + e.cameo + "' not in data/codes.txt";
      }
      if (e.quad_class < 1 || e.quad_class > 4 || e.goldstein < -10 ||
          e.goldstein > 10 || e.root != e.cameo.substr(0, 2)) {
        return d.id + ": bad quad class/Goldstein/root for " + e.cameo;
      }
      if (e.evidence_begin < 0 || e.evidence_end <= e.evidence_begin ||
          e.evidence_end > static_cast<int64_t>(normalized->size())) {
        return d.id + ": evidence offsets outside the text";
      }
      if (!e.source && !e.target) return d.id + ": event without any actor";
    }
  }
  if (events == 0) return "no events coded from the whole corpus";
  *events_out = events;
  return "";
}

void BM_Code(benchmark::State& state, Corpus corpus_id, Dict dict) {
  if (!HaveSharedData()) return state.SkipWithError(kNoData);
  std::string error;
  const Engine* engine = GetEngine(dict, &error);
  if (engine == nullptr) return state.SkipWithError(error.c_str());
  const CorpusData& corpus = GetCorpus(corpus_id);
  int64_t events = 0;
  error = CheckCoding(*engine, corpus, &events);
  if (!error.empty()) return state.SkipWithError(("check: " + error).c_str());

  for (auto _ : state) {
    for (const Document& d : corpus.docs) {
      auto result = engine->Code(d);
      benchmark::DoNotOptimize(result);
    }
  }
  using benchmark::Counter;
  const auto rate = Counter::kIsIterationInvariantRate;
  state.SetBytesProcessed(state.iterations() * corpus.bytes);
  state.counters["sentences/s"] = Counter(static_cast<double>(corpus.sentences), rate);
  state.counters["docs/s"] = Counter(static_cast<double>(corpus.docs.size()), rate);
  state.counters["events/s"] = Counter(static_cast<double>(events), rate);
  state.counters["sentences"] = static_cast<double>(corpus.sentences);
  state.counters["events"] = static_cast<double>(events);
  state.counters["peak_rss_MB"] = PeakRssMb();
}
BENCHMARK_CAPTURE(BM_Code, agnews_own, kAgNews, kOwn)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Code, reuters_own, kReuters, kOwn)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Code, agnews_phoenix, kAgNews, kPhoenix)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Code, reuters_phoenix, kReuters, kPhoenix)->Unit(benchmark::kMillisecond);

void OpenBenchmark(benchmark::State& state, const EngineOptions& options) {
  ladder::DictionaryStats stats;
  for (auto _ : state) {
    auto engine = Engine::Open(options);
    if (!engine.ok()) {
      return state.SkipWithError(("Engine::Open: " + engine.status().message()).c_str());
    }
    stats = (*engine)->stats();
    benchmark::DoNotOptimize(engine);
  }
  state.counters["actors"] = static_cast<double>(stats.actors);
  state.counters["agents"] = static_cast<double>(stats.agents);
  state.counters["patterns"] = static_cast<double>(stats.patterns);
  state.counters["problems"] = static_cast<double>(stats.problems.size());
  state.counters["compile_s"] = stats.compile_seconds;
}

void BM_OpenOwnDictionaries(benchmark::State& state) {
  OpenBenchmark(state, OptionsFor(kOwn));
}
BENCHMARK(BM_OpenOwnDictionaries)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_OpenPhoenixDictionaries(benchmark::State& state) {
  if (!std::filesystem::is_directory(lb::PhoenixDir())) {
    return state.SkipWithError(kNoData);
  }
  OpenBenchmark(state, OptionsFor(kPhoenix));
}
BENCHMARK(BM_OpenPhoenixDictionaries)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Saves `dict`'s dictionaries as a snapshot in /tmp and checks that an
// Engine opened from it codes sample sentences as the text dictionaries do.
// Returns the options that open the snapshot, or sets *error.
EngineOptions SnapshotOptionsFor(Dict dict, std::string* error) {
  std::string path = std::filesystem::temp_directory_path().string() +
                     (dict == kOwn ? "/ladder_bench_own.ldict" : "/ladder_bench_phoenix.ldict");
  auto saved = ladder::SaveDictionarySnapshot(OptionsFor(dict), path);
  if (!saved.ok()) {
    *error = saved.status().message();
    return {};
  }
  EngineOptions options;
  options.dictionaries = {path};
  auto snap = Engine::Open(options);
  const Engine* text = GetEngine(dict, error);
  if (!snap.ok() || text == nullptr) {
    if (!snap.ok()) *error = snap.status().message();
    return {};
  }
  const char* kSentences[] = {
      "Russian President Vladimir Putin hosted Kim Jong-un on Wednesday.",
      "The White House warned North Korea against selling artillery shells to Moscow.",
      "Israeli troops killed two Palestinian militants in the West Bank.",
      "China and India agreed to resume talks on their disputed border."};
  auto coded = [](const Engine& engine, const Document& doc) {
    std::string out;
    auto result = engine.Code(doc);
    if (!result.ok()) return "error: " + result.status().message();
    for (const auto& e : result->events) out += ladder::EventToJson(e) + "\n";
    return out;
  };
  std::string all;
  for (const char* sentence : kSentences) {
    Document doc{"bench", "2023-09-13", sentence, "", "", "", ""};
    std::string from_text = coded(*text, doc);
    if (coded(**snap, doc) != from_text) {
      *error = std::string("snapshot codes differently: ") + sentence;
      return {};
    }
    all += from_text;
  }
  if (all.find("\"cameo\"") == std::string::npos) {
    *error = "no events from the sample sentences";
    return {};
  }
  return options;
}

void SnapshotBenchmark(benchmark::State& state, Dict dict) {
  std::string error;
  EngineOptions options = SnapshotOptionsFor(dict, &error);
  if (!error.empty()) return state.SkipWithError(error.c_str());
  OpenBenchmark(state, options);
}

void BM_OpenOwnSnapshot(benchmark::State& state) { SnapshotBenchmark(state, kOwn); }
BENCHMARK(BM_OpenOwnSnapshot)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_OpenPhoenixSnapshot(benchmark::State& state) {
  if (!std::filesystem::is_directory(lb::PhoenixDir())) {
    return state.SkipWithError(kNoData);
  }
  SnapshotBenchmark(state, kPhoenix);
}
BENCHMARK(BM_OpenPhoenixSnapshot)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_LoadLexicon(benchmark::State& state) {
  for (auto _ : state) {
    auto lexicon = ladder::text::Lexicon::Load("/usr/share/wordnet");
    if (!lexicon.ok()) return state.SkipWithError(lexicon.status().message().c_str());
    benchmark::DoNotOptimize(lexicon);
  }
}
BENCHMARK(BM_LoadLexicon)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
