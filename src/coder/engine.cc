// Engine: dictionaries + lexicon + sentence coder behind one facade.
#include "ladder/engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <set>
#include <thread>

#include "base/date.h"
#include "base/strings.h"
#include "coder/annotator.h"
#include "coder/comma_clauses.h"
#include "coder/confidence_features.h"
#include "coder/mentions.h"
#include "coder/places.h"
#include "coder/sentence_coder.h"
#include "dict/loader.h"
#include "dict/own_format.h"
#include "dict/snapshot.h"
#include "geo/locator.h"
#include "ladder/confidence.h"
#include "ladder/data.h"
#include "text/text.h"

namespace ladder {

// A CoderState's buffers: capacity (and the tokens' strings) is reused from
// sentence to sentence.
class CoderState::Impl {
 public:
  std::vector<text::Token> tokens;
  std::vector<coder::CodedEvent> coded;
  coder::AnnotatorCache annotator_cache;
};

CoderState::CoderState() : impl_(std::make_unique<Impl>()) {}
CoderState::~CoderState() = default;

class Engine::Impl {
 public:
  EngineOptions options;
  std::shared_ptr<const dict::Dictionary> dict;
  std::unique_ptr<text::Lexicon> lexicon;
  std::unique_ptr<coder::Annotator> annotator;
  DictionaryStats stats;
  bool has_topic_cues = false;  // any kCue or kAnchor discard entry
  ConfidenceModel confidence;
  std::shared_ptr<const geo::Gazetteer> gazetteer;  // null: EngineOptions::geolocate off
  // Idle CoderStates for Code calls that bring none (engine.h).
  mutable std::mutex pool_mutex;
  mutable std::vector<std::unique_ptr<CoderState>> pool;

  std::unique_ptr<CoderState> TakeState() const;
  void ReturnState(std::unique_ptr<CoderState> state) const;
  Result<CodeResult> Code(const Document& document, CoderState::Impl* state) const;

  // Once a document is coded: its events' confidences from their features
  // and the document's topic tally; drops those below min_confidence.
  void Score(const coder::DocumentContext& context, std::vector<Event>* events) const;

  Status Load();
  // Returns false if a story discard phrase matched; sets *discarded when
  // the sentence was discarded.
  bool CodeSentence(const Document& doc, const std::string& text, text::Span span, int sentence_no,
                    int doc_days, int ymd, coder::DocumentContext* context, CoderState::Impl* state,
                    std::vector<Event>* out, bool* discarded) const;
  // Whether a discard phrase matched (*story: a story discard); topic cues
  // and anchors go to *topics.
  bool Discarded(const std::vector<text::Token>& tokens, bool* story,
                 coder::TopicTally* topics) const;
  // Tokens of a sentence with lemmas, POS and the dictionary's word ids.
  // Engine::Explain and ExplainInDocument (0 = every sentence).
  std::string ExplainText(const std::string& text, const std::string& date,
                          int only) const;
  void Analyze(const std::string& text, text::Span span, std::vector<text::Token>* tokens,
               coder::AnnotatorCache* cache = nullptr) const;
  // Fills *ev, a new Event (built in place in the output: an Event is some
  // twenty strings, and moving one costs more than filling it).
  void ToEvent(const coder::CodedEvent& e, const Document& doc,
               const std::string& text, text::Span span, int sentence_no,
               int n, Event* ev) const;
};

namespace {

int NewActorLength(const EngineOptions& o) {
  return o.code_unknown_actors ? o.new_actor_length : 0;
}

// ladder's own dictionaries (ladder/data.h): the data folder and the
// countries generated from iso-codes.
Result<std::vector<std::string>> DefaultDictionaries() {
  ASSIGN_OR_RETURN(std::string data, DataDir());
  ASSIGN_OR_RETURN(std::string countries, DataFile("countries_iso.txt"));
  return std::vector<std::string>{data, countries};
}

// An install's default dictionaries compiled into one snapshot
// (ladder/data.h), or "" when there is none.
std::string DefaultSnapshot() {
  Result<std::string> path = DataFile("default.ldict");
  return path.ok() && dict::IsSnapshotFile(*path) ? *path : "";
}

// Loads the dictionary sources `options` names into `builder`.
Status LoadDictionaries(const EngineOptions& options,
                        dict::DictionaryBuilder* builder) {
  std::vector<std::string> paths = options.dictionaries;
  bool defaults = paths.empty() || options.include_default;
  bool all_snapshots = !defaults && std::all_of(paths.begin(), paths.end(),
                                                dict::IsSnapshotFile);
  if (defaults) {
    ASSIGN_OR_RETURN(std::vector<std::string> own, DefaultDictionaries());
    paths.insert(paths.end(), own.begin(), own.end());
  }
  for (const std::string& p : paths) {
    RETURN_IF_ERROR(dict::LoadDictionaryPath(p, builder));
  }
  // The CAMEO code table (Goldstein, quad class, PLOVER) always comes along;
  // a snapshot saved by SaveDictionarySnapshot carries it already.
  if (!defaults && !(all_snapshots && builder->code_count() > 0)) {
    ASSIGN_OR_RETURN(std::string codes, DataFile("data/codes.txt"));
    RETURN_IF_ERROR(dict::LoadDictionaryPath(codes, builder));
  }
  return Status::Ok();
}

// The dictionary `options` names. One snapshot alone (with its code table)
// is used where it lies, memory-mapped; anything else is read into a builder
// and compiled.
Result<std::shared_ptr<const dict::Dictionary>> OpenDictionaries(
    const EngineOptions& options) {
  if (options.dictionaries.size() == 1 && !options.include_default &&
      dict::IsSnapshotFile(options.dictionaries[0])) {
    ASSIGN_OR_RETURN(auto d, dict::OpenSnapshot(options.dictionaries[0]));
    if (d->code_count() > 0) return d;
  }
  // An install's compiled defaults: the same entries, without parsing.
  if (std::string snapshot = DefaultSnapshot(); options.dictionaries.empty() && !snapshot.empty()) {
    ASSIGN_OR_RETURN(auto d, dict::OpenSnapshot(snapshot));
    if (d->code_count() > 0) return d;
  }
  dict::DictionaryBuilder builder;
  RETURN_IF_ERROR(LoadDictionaries(options, &builder));
  return builder.Compile();
}

void CountEntries(const dict::Dictionary& d, DictionaryStats* stats) {
  stats->actors = d.actor_count();
  stats->agents = d.agent_count();
  stats->patterns = d.pattern_count();
  stats->codes = d.code_count();
  stats->discards = d.discard_count();
  stats->issues = d.issue_count();
  stats->problems = d.problems();
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<DictionaryStats> SaveDictionarySnapshot(const EngineOptions& options,
                                               const std::string& path) {
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(auto d, OpenDictionaries(options));
  // The gazetteer goes along as a section (coder/places.h).
  std::vector<dict::SnapshotSection> sections;
  std::vector<std::string> place_problems;
  if (options.geolocate) {
    ASSIGN_OR_RETURN(auto places, coder::OpenGazetteer(options, &place_problems));
    sections.push_back({coder::kPlacesSectionTag, places->Serialize()});
  }
  RETURN_IF_ERROR(dict::SaveSnapshot(*d, path, sections));
  DictionaryStats stats;
  CountEntries(*d, &stats);
  stats.problems.insert(stats.problems.end(), place_problems.begin(), place_problems.end());
  stats.compile_seconds = SecondsSince(start);
  return stats;
}

Status Engine::Impl::Load() {
  auto start = std::chrono::steady_clock::now();
  std::string wordnet =
      options.wordnet_dir.empty() ? LADDER_DEFAULT_WORDNET_DIR : options.wordnet_dir;
  auto lex = text::Lexicon::Load(wordnet);
  if (!lex.ok()) return lex.status();
  lexicon = std::move(lex).value();
  ASSIGN_OR_RETURN(dict, OpenDictionaries(options));
  std::string confidence_path = options.confidence_model;
  if (confidence_path.empty()) {
    ASSIGN_OR_RETURN(confidence_path, DataFile("data/confidence.txt"));
  }
  ASSIGN_OR_RETURN(confidence, ReadConfidenceModel(confidence_path));
  annotator = std::make_unique<coder::Annotator>(*lexicon, *dict);
  CountEntries(*dict, &stats);
  if (options.geolocate) {
    ASSIGN_OR_RETURN(gazetteer, coder::OpenGazetteer(options, &stats.problems));
  }
  for (uint32_t i = 0; i < dict->discard_count() && !has_topic_cues; ++i) {
    dict::DiscardKind kind = dict->discard_kind(i);
    has_topic_cues = kind == dict::DiscardKind::kCue || kind == dict::DiscardKind::kAnchor;
  }
  stats.compile_seconds = SecondsSince(start);
  return Status::Ok();
}

bool Engine::Impl::Discarded(const std::vector<text::Token>& tokens,
                             bool* story, coder::TopicTally* topics) const {
  dict->discard_trie().Prefetch(tokens);
  bool discarded = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    dict::PhraseMatch m;
    if (!dict->discard_trie().LongestAt(tokens, i, &m)) continue;
    dict::DiscardKind kind = dict->discard_kind(m.entry);
    if (kind == dict::DiscardKind::kCue || kind == dict::DiscardKind::kAnchor) {
      topics->Add(m.entry);  // also in a discarded sentence: it is still read
      continue;
    }
    if (kind == dict::DiscardKind::kStory) {
      *story = true;
      return true;
    }
    discarded = true;
    if (!has_topic_cues) break;  // no cues further on to count
  }
  return discarded;
}

void Engine::Impl::Analyze(const std::string& text, text::Span span,
                           std::vector<text::Token>* tokens, coder::AnnotatorCache* cache) const {
  text::Tokenize(text, span, tokens);
  if (cache != nullptr) {
    annotator->Annotate(tokens, cache);
  } else {
    annotator->Annotate(tokens);
  }
}

namespace {

const dict::CodeInfo* CodeFacts(const dict::Dictionary& d,
                                std::string_view code) {
  for (size_t len = code.size(); len >= 2; --len) {
    if (const dict::CodeInfo* info = d.Code(code.substr(0, len))) return info;
  }
  return nullptr;
}

// Fills *a, a new Actor in its Event.
void ToActor(const coder::Mention& m, const std::string& text,
             const std::vector<text::Token>& tokens, Actor* a) {
  a->code = m.code;
  a->country = m.country;
  a->agent = m.agent;
  a->text.assign(text, tokens[m.begin].begin,
                 tokens[m.end - 1].end - tokens[m.begin].begin);
}

// Does the mention name an actor of known country (not "---GOV")?
bool Named(const std::optional<coder::Mention>& m) {
  return m && !m->code.empty() && m->code.compare(0, 3, "---") != 0;
}

// EngineOptions::keep_one_sided: is an event with one side only of a kind
// analysts code without the other side? "Iran issued a statement" (01),
// "protesters marched" (14), "North Korea fired a missile" (15) need no
// addressee, nor does an organisation meeting (04 with an IGO source); a
// car bomb (18) often has no named attacker. "None visited
// Haiti" or "Russia attacked (whom?)" are too partial to count.
bool OneSidedKept(const coder::CodedEvent& e) {
  bool source = Named(e.source), target = Named(e.target);
  if (source && target) return true;
  std::string_view root = std::string_view(e.code).substr(0, 2);
  if (source) {
    // "OPEC will meet in Vienna", "G-7 officials will meet next week": an
    // organisation's members meet among themselves.
    bool body_meets = root == "04" && e.source->code.compare(0, 3, "IGO") == 0;
    return root == "01" || root == "02" || root == "14" || root == "15" || body_meets;
  }
  return target && root == "18";
}

// A headline or title: no final stop (a closing quote may follow one).
bool Headline(std::string_view sentence) {
  while (!sentence.empty() && (sentence.back() == ' ' || sentence.back() == '"' ||
                               sentence.back() == '\'' || sentence.back() == '\n')) {
    sentence.remove_suffix(1);
  }
  if (sentence.size() >= 3 && sentence.substr(sentence.size() - 3) == "\xE2\x80\x9D") {
    sentence.remove_suffix(3);  // a closing curly quote
  }
  return sentence.empty() ||
         (sentence.back() != '.' && sentence.back() != '!' && sentence.back() != '?');
}

}  // namespace

void Engine::Impl::Score(const coder::DocumentContext& context,
                         std::vector<Event>* events) const {
  int anchors = context.topics.Count(*dict, dict::DiscardKind::kAnchor);
  int cues = context.topics.Count(*dict, dict::DiscardKind::kCue);
  size_t kept = 0;
  for (size_t i = 0; i < events->size(); ++i) {
    Event& ev = (*events)[i];
    coder::DocumentFeatures(anchors, cues, &ev.confidence_features);
    // Three decimals, as the event record states it: a threshold filters
    // on the value users see.
    ev.confidence = std::round(confidence.Probability(ev.confidence_features) * 1000) / 1000;
    if (!options.confidence_features) ev.confidence_features = {};
    if (ev.confidence < options.min_confidence) continue;
    if (kept != i) (*events)[kept] = std::move(ev);
    ++kept;
  }
  events->resize(kept);
}

void Engine::Impl::ToEvent(const coder::CodedEvent& e, const Document& doc,
                           const std::string& text, text::Span span,
                           int sentence_no, int n, Event* ev) const {
  ev->doc_id = doc.id;
  ev->sentence = sentence_no;
  // "<doc_id>-s<sentence>-e<n>", appended in place.
  ev->event_id.reserve(doc.id.size() + 24);
  ev->event_id.append(doc.id).append("-s").append(std::to_string(sentence_no));
  ev->event_id.append("-e").append(std::to_string(n));
  ev->date = e.date;
  ev->cameo = e.code;
  ev->root.assign(e.code, 0, 2);
  ev->quad_class = dict::QuadClassOfCode(e.code);
  if (const dict::CodeInfo* info = CodeFacts(*dict, e.code)) {
    ev->goldstein = info->goldstein;
    ev->plover_event = info->plover_event;
    ev->plover_mode = info->plover_mode;
  }
  ev->modality = e.modality;
  ev->attribution = e.attribution;
  ev->verb = e.verb;
  ev->evidence_text.assign(text, span.begin, span.end - span.begin);
  ev->evidence_begin = span.begin;
  ev->evidence_end = span.end;
}

bool Engine::Impl::CodeSentence(const Document& doc, const std::string& text, text::Span span,
                                int sentence_no, int doc_days, int ymd,
                                coder::DocumentContext* context, CoderState::Impl* state,
                                std::vector<Event>* out, bool* discarded) const {
  std::vector<text::Token>& tokens = state->tokens;
  Analyze(text, span, &tokens, &state->annotator_cache);
  bool story = false;
  if (Discarded(tokens, &story, &context->topics)) {
    *discarded = true;
    return !story;
  }
  coder::DeleteCommaClauses(options.comma_clauses, &tokens);
  dict->PrefetchAnchors(tokens);  // for the verb search, after the mentions
  std::vector<coder::Mention> mentions =
      coder::FindMentions(tokens, text, *dict, ymd, context);
  coder::SentenceContext sc{&tokens, text, doc_days, ymd, doc.date};
  // In the state, as the tokens: no reallocation (and moves of its events)
  // once it has grown to a sentence's worth.
  std::vector<coder::CodedEvent>& coded = state->coded;
  coded.clear();
  coder::SentenceCoder(*dict, NewActorLength(options))
      .Code(sc, mentions, &coded, nullptr);
  std::vector<std::string> issues;
  // Issues only go on events: no scan for a sentence that coded none.
  for (size_t i = 0; i < tokens.size() && !coded.empty() && dict->issue_count() > 0;
       ++i) {
    dict::PhraseMatch m;
    if (dict->issue_trie().LongestAt(tokens, i, &m)) {
      dict::IssueView issue = dict->issue(m.entry);
      if (!issue.ignore()) issues.emplace_back(issue.code());
      i = m.end - 1;
    }
  }
  int n = 0;
  coder::SentenceFacts facts{&tokens, sentence_no,
                             Headline(std::string_view(text).substr(span.begin, span.end - span.begin)),
                             coded.size()};
  for (const coder::CodedEvent& e : coded) {
    if (e.code.empty() || e.code == "---") continue;  // "matches, codes nothing"
    if (options.require_dyad && (!e.source || !e.target)) continue;
    if (!options.keep_one_sided && !OneSidedKept(e)) continue;
    if (!options.visit_hosts && e.pattern && e.code != e.pattern->code() &&
        e.code.compare(0, 3, "043") == 0) {
      continue;  // the host of a visit, added by a paired pattern
    }
    if (!options.keep_non_asserted && e.modality != Modality::kAsserted) continue;
    Event& ev = out->emplace_back();
    ToEvent(e, doc, text, span, sentence_no, ++n, &ev);
    if (e.source) ToActor(*e.source, text, tokens, &ev.source.emplace());
    if (e.target) ToActor(*e.target, text, tokens, &ev.target.emplace());
    ev.issues = issues;
    coder::EventFeatures(e, facts, &ev.confidence_features);
  }
  return true;
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  RETURN_IF_ERROR(impl->Load());
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

const DictionaryStats& Engine::stats() const { return impl_->stats; }

std::unique_ptr<CoderState> Engine::NewState() const {
  return std::unique_ptr<CoderState>(new CoderState());
}

std::unique_ptr<CoderState> Engine::Impl::TakeState() const {
  {
    std::lock_guard<std::mutex> lock(pool_mutex);
    if (!pool.empty()) {
      std::unique_ptr<CoderState> state = std::move(pool.back());
      pool.pop_back();
      return state;
    }
  }
  return std::unique_ptr<CoderState>(new CoderState());
}

void Engine::Impl::ReturnState(std::unique_ptr<CoderState> state) const {
  std::lock_guard<std::mutex> lock(pool_mutex);
  pool.push_back(std::move(state));
}

Result<CodeResult> Engine::Code(const Document& document) const {
  std::unique_ptr<CoderState> state = impl_->TakeState();
  Result<CodeResult> result = impl_->Code(document, state->impl_.get());
  impl_->ReturnState(std::move(state));
  return result;
}

Result<CodeResult> Engine::Code(const Document& document, CoderState* state) const {
  return impl_->Code(document, state->impl_.get());
}

std::vector<Result<CodeResult>> Engine::CodeBatch(std::span<const Document> documents,
                                                  const BatchOptions& options) const {
  std::vector<Result<CodeResult>> results;
  results.reserve(documents.size());
  for (size_t i = 0; i < documents.size(); ++i) results.emplace_back(CodeResult());
  const size_t threads = static_cast<size_t>(std::max(1, options.threads));
  auto work = [&](size_t first) {
    std::unique_ptr<CoderState> state = impl_->TakeState();
    for (size_t i = first; i < documents.size(); i += threads) {
      results[i] = impl_->Code(documents[i], state->impl_.get());
    }
    impl_->ReturnState(std::move(state));
  };
  if (threads <= 1 || documents.size() < 2) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads && t < documents.size(); ++t) pool.emplace_back(work, t);
    for (std::thread& t : pool) t.join();
  }
  // A story discard in one record drops its whole story, as PETRARCH does.
  std::set<std::string_view> discarded;
  for (size_t i = 0; i < results.size(); ++i) {
    if (!documents[i].story.empty() && results[i].ok() && results[i]->discarded) {
      discarded.insert(documents[i].story);
    }
  }
  for (size_t i = 0; i < results.size() && !discarded.empty(); ++i) {
    if (results[i].ok() && discarded.count(documents[i].story) > 0 && !results[i]->discarded) {
      results[i]->events.clear();
      results[i]->discarded = true;
      results[i]->story_discarded = true;
    }
  }
  return results;
}

Result<CodeResult> Engine::Impl::Code(const Document& document, CoderState::Impl* state) const {
  int doc_days = coder::kNoDate;
  if (!document.date.empty()) {
    int days;
    if (!base::ParseIsoDate(document.date, &days)) {
      return InvalidArgument("document '" + document.id + "': bad date '" +
                             document.date + "' (want YYYY-MM-DD)");
    }
    doc_days = days;
  }
  if (document.text.size() > options.max_document_bytes) {
    return ResourceExhausted("document '" + document.id +
                             "': " + std::to_string(document.text.size()) +
                             " bytes of text is over the limit of " +
                             std::to_string(options.max_document_bytes) + " bytes");
  }
  auto normalized = text::Normalize(document.text);
  if (!normalized.ok()) {
    return InvalidArgument("document '" + document.id +
                           "': " + normalized.status().message());
  }
  const std::string& text = *normalized;
  int ymd = base::IsoToYmd(document.date);
  CodeResult result;
  coder::DocumentContext context;
  context.agent_only_actors = options.agent_only_actors;
  context.context_countries = options.context_countries;
  std::vector<text::Span> sentences = text::SplitSentences(text);
  // Room for one event a sentence, which most documents do not exceed:
  // growing the vector moved each Event (some twenty strings) once. At most
  // kReservedEvents (~170 KB): a long document's vector grows as before.
  constexpr size_t kReservedEvents = 256;
  result.events.reserve(std::min(sentences.size(), kReservedEvents));
  int sentence_no = 0;
  for (text::Span span : sentences) {
    ++sentence_no;
    if (!CodeSentence(document, text, span, sentence_no, doc_days, ymd, &context, state,
                      &result.events, &result.sentence_discarded)) {
      result.events.clear();
      result.discarded = true;
      break;
    }
  }
  if (options.topic_filter && !result.discarded && !context.topics.empty()) {
    std::string_view topic = context.topics.OffTopic(*dict);
    if (!topic.empty()) {
      result.events.clear();
      result.discarded = true;
      result.off_topic = std::string(topic);
    }
  }
  Score(context, &result.events);
  // Where each event happened: a document-level pass over the kept events.
  if (gazetteer) geo::Locator(*gazetteer).Locate(text, &result.events);
  result.text = std::move(normalized).value();
  return result;
}

namespace {

// The "places:" lines of a trace: how each event of sentence `only` (0:
// every sentence) of `doc` got its place, or why it got none.
std::string ExplainPlaces(const Engine& engine, const geo::Gazetteer& gazetteer,
                          const Document& doc, int only) {
  auto result = engine.Code(doc);
  auto normalized = text::Normalize(doc.text);
  if (!result.ok() || !normalized.ok()) return "";
  std::vector<Event> events;
  for (Event& e : result->events) {
    if (only > 0 && e.sentence != only) continue;
    e.location.reset();
    events.push_back(std::move(e));
  }
  if (events.empty()) return "";
  std::vector<std::string> how;
  geo::Locator(gazetteer).Locate(*normalized, &events, &how);
  std::string out = "places:\n";
  for (const std::string& line : how) out += "  " + line + "\n";
  return out;
}

}  // namespace

std::string Engine::Explain(const std::string& sentence,
                            const std::string& date) const {
  auto normalized = text::Normalize(sentence);
  if (!normalized.ok()) return "error: " + normalized.status().message() + "\n";
  std::string out = impl_->ExplainText(*normalized, date, 0);
  if (impl_->gazetteer) {
    out += ExplainPlaces(*this, *impl_->gazetteer, Document{"explain", date, sentence, "", "", ""},
                         0);
  }
  return out;
}

Result<std::string> Engine::ExplainInDocument(const Document& document,
                                              int sentence_no) const {
  int days = 0;
  if (!document.date.empty() && !base::ParseIsoDate(document.date, &days)) {
    return InvalidArgument("document '" + document.id + "': bad date '" + document.date +
                           "' (want YYYY-MM-DD)");
  }
  auto normalized = text::Normalize(document.text);
  if (!normalized.ok()) {
    return InvalidArgument("document '" + document.id + "': " +
                           normalized.status().message());
  }
  size_t count = text::SplitSentences(*normalized).size();
  if (sentence_no < 1 || static_cast<size_t>(sentence_no) > count) {
    return InvalidArgument("document '" + document.id + "' has " + std::to_string(count) +
                           " sentence(s); there is no sentence " +
                           std::to_string(sentence_no));
  }
  std::string out = impl_->ExplainText(*normalized, document.date, sentence_no);
  if (impl_->gazetteer) out += ExplainPlaces(*this, *impl_->gazetteer, document, sentence_no);
  return out;
}

// The trace of every sentence of `text` (only = 0), or of sentence `only`
// after the ones before it have been read for context.
std::string Engine::Impl::ExplainText(const std::string& text, const std::string& date,
                                      int only) const {
  int doc_days = coder::kNoDate;
  int days;
  if (base::ParseIsoDate(date, &days)) doc_days = days;
  int ymd = base::IsoToYmd(date);
  std::string out;
  coder::DocumentContext context;
  context.agent_only_actors = options.agent_only_actors;
  context.context_countries = options.context_countries;
  int sentence_no = 0;
  for (text::Span span : text::SplitSentences(text)) {
    ++sentence_no;
    if (only > 0 && sentence_no > only) break;
    const bool shown = only == 0 || sentence_no == only;
    context.explain = shown;
    std::vector<text::Token> tokens;
    Analyze(text, span, &tokens);
    if (!shown) {
      // Read for context as Code reads it: aliases, pronoun antecedents.
      bool story = false;
      if (Discarded(tokens, &story, &context.topics)) continue;
      coder::DeleteCommaClauses(options.comma_clauses, &tokens);
      (void)coder::FindMentions(tokens, text, *dict, ymd, &context);
      continue;
    }
    out += only > 0 ? "sentence " + std::to_string(sentence_no) + ": " : "sentence: ";
    out += text.substr(span.begin, span.end - span.begin) + "\n";
    out += "tokens:";
    for (const text::Token& t : tokens) {
      out += " " + t.lower;
      if (t.lemma != t.lower) out += "/" + t.lemma;
    }
    out += "\n";
    bool story = false;
    if (Discarded(tokens, &story, &context.topics)) {
      out += story ? "discarded: a story discard phrase matched\n"
                   : "discarded: a sentence discard phrase matched\n";
      continue;
    }
    if (options.comma_clauses.any()) {
      coder::DeleteCommaClauses(options.comma_clauses, &tokens);
      out += "after comma-clause deletion:";
      for (const text::Token& t : tokens) out += " " + t.lower;
      out += "\n";
    }
    auto mentions = coder::FindMentions(tokens, text, *dict, ymd, &context);
    out += "actors:\n";
    for (const coder::Mention& m : mentions) {
      out += "  " + m.code + "  '" +
             text.substr(tokens[m.begin].begin,
                         tokens[m.end - 1].end - tokens[m.begin].begin) +
             "'  <- " + m.how;
      if (!m.prep.empty()) out += "  [after '" + m.prep + "']";
      if (m.possessor) out += "  [possessor]";
      if (m.compound >= 0) out += "  [compound]";
      out += "\n";
    }
    for (const coder::DateMention& d : coder::FindDates(tokens, doc_days)) {
      out += "date: " + d.iso + "\n";
    }
    out += "verbs:\n";
    coder::SentenceContext sc{&tokens, text, doc_days, ymd, date};
    std::vector<coder::CodedEvent> coded;
    coder::SentenceCoder(*dict, NewActorLength(options)).Code(sc, mentions, &coded, &out);
    out += "events: " + std::to_string(coded.size()) + "\n";
  }
  if (!context.topics.empty()) {
    out += "topic cues: " + context.topics.Describe(*dict) + "\n";
    std::string_view topic = context.topics.OffTopic(*dict);
    if (!topic.empty()) {
      out += std::string("off-topic: about ") + std::string(topic) +
             (options.topic_filter ? ", not coded (the topic filter is on)\n"
                                   : ", coded anyway (topic filter off)\n");
    }
  }
  return out;
}

}  // namespace ladder
