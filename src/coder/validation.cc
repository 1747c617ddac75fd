// Validation suites: PETRARCH XML and TABARI records, scoring, the harness.
#include "coder/validation.h"

#include "coder/suite_audit.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <cstring>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "base/date.h"
#include "base/legacy_records.h"
#include "base/strings.h"
#include "dict/loader.h"
#include "ladder/engine.h"

namespace ladder::coder {
namespace {

// Line numbers from byte offsets.
class LineIndex {
 public:
  explicit LineIndex(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\n') starts_.push_back(i + 1);
    }
  }
  int LineOf(ptrdiff_t offset) const {
    auto it = std::upper_bound(starts_.begin(), starts_.end(),
                               static_cast<size_t>(std::max<ptrdiff_t>(offset, 0)));
    return static_cast<int>(it - starts_.begin());
  }

 private:
  std::vector<size_t> starts_{0};
};

bool ParseBool(std::string_view v, bool* out) {
  std::string lower = base::AsciiLower(base::Trim(v));
  if (lower == "true" || lower == "1" || lower == "yes") return *out = true, true;
  if (lower == "false" || lower == "0" || lower == "no") return *out = false, true;
  return false;
}

}  // namespace

bool SetRecordOption(std::string_view name, std::string_view value,
                     RecordOptions* o) {
  std::string key = base::AsciiLower(base::Trim(name));
  if (key == "require_dyad") return ParseBool(value, &o->require_dyad);
  long long v = 0;
  if (!base::ParseInt(base::Trim(value), &v) || v < 0 || v > 1000) return false;
  int n = static_cast<int>(v);
  if (key == "new_actor_length") return o->new_actor_length = n, true;
  if (key == "comma_min") return o->comma_min = n, true;
  if (key == "comma_max") return o->comma_max = n, true;
  if (key == "comma_bmin") return o->comma_bmin = n, true;
  if (key == "comma_bmax") return o->comma_bmax = n, true;
  if (key == "comma_emin") return o->comma_emin = n, true;
  if (key == "comma_emax") return o->comma_emax = n, true;
  return false;
}

namespace {

void ReadEnvironment(pugi::xml_node env, const std::filesystem::path& dir,
                     Suite* suite) {
  for (const char* tag : {"Verbfile", "Actorfile", "Agentfile", "Discardfile"}) {
    for (pugi::xml_node n = env.child(tag); n; n = n.next_sibling(tag)) {
      for (std::string_view f : base::Split(n.child_value(), ',')) {
        f = base::Trim(f);
        if (!f.empty()) suite->dictionaries.push_back((dir / std::string(f)).string());
      }
    }
  }
  std::string include = env.child("Include").child_value();
  bool first = true;
  for (std::string_view w : base::Split(include, ' ')) {
    w = base::Trim(w);
    if (w.empty()) continue;
    if (first && base::AsciiLower(w) == "valid") {
      suite->valid_only = true;
    } else {
      suite->include.emplace_back(w);
    }
    first = false;
  }
}

// One <Sentence>: attributes, <EventCoding>s, <Text>, <Parse>.
SuiteRecord ReadSentence(pugi::xml_node n, const RecordOptions& options,
                         const std::string& where, Suite* suite) {
  SuiteRecord r;
  r.options = options;
  r.id = n.attribute("id").value();
  r.category = n.attribute("category").value();
  std::string date = n.attribute("date").value();
  r.date = base::LegacyDateToIso(date);
  if (r.date.empty()) {
    suite->problems.push_back(where + ": record '" + r.id + "' has a bad date '" +
                              date + "'");
  }
  bool flag = true;
  if (!n.attribute("sentence").empty() &&
      ParseBool(n.attribute("sentence").value(), &flag)) {
    r.sentence_flag = flag;
  }
  r.text = base::CollapseSpace(n.child("Text").child_value());
  r.parse = n.child("Parse").child_value();
  for (pugi::xml_node c = n.child("EventCoding"); c; c = c.next_sibling("EventCoding")) {
    bool none = false;
    if (!c.attribute("noevents").empty() &&
        ParseBool(c.attribute("noevents").value(), &none) && none) {
      r.condition = "noevents";
    } else if (!c.attribute("error").empty()) {
      r.condition = base::AsciiLower(base::Trim(c.attribute("error").value()));
    } else {
      r.expected.push_back({base::AsciiUpper(base::Trim(c.attribute("sourcecode").value())),
                            base::AsciiUpper(base::Trim(c.attribute("targetcode").value())),
                            std::string(base::Trim(c.attribute("eventcode").value()))});
    }
  }
  if (r.expected.empty() && r.condition.empty()) r.condition = "noevents";
  return r;
}

void ReadSentences(pugi::xml_node sentences, const LineIndex& lines,
                   const std::string& path, Suite* suite) {
  RecordOptions options;
  for (pugi::xml_node n = sentences.first_child(); n; n = n.next_sibling()) {
    std::string where = path + ":" + std::to_string(lines.LineOf(n.offset_debug()));
    std::string_view tag = n.name();
    if (tag == "Config") {
      std::string name = n.attribute("option").value();
      if (!SetRecordOption(name, n.attribute("value").value(), &options) &&
          base::AsciiLower(name) != "stop_on_error") {
        suite->problems.push_back(where + ": unknown option '" + name + "' = '" +
                                  n.attribute("value").value() + "'");
      }
    } else if (tag == "Sentence") {
      suite->records.push_back(ReadSentence(n, options, where, suite));
      suite->records.back().line = lines.LineOf(n.offset_debug());
      suite->records.back().file = path;
    }
  }
}

}  // namespace

Result<Suite> ReadPetrarchSuite(std::string_view content, const std::string& path) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(content.data(), content.size(), pugi::parse_default, pugi::encoding_utf8);
  LineIndex lines(content);
  if (!parsed) {
    return InvalidArgument(path + ":" + std::to_string(lines.LineOf(parsed.offset)) +
                           ": " + parsed.description());
  }
  pugi::xml_node root = doc.child("Validation");
  if (!root) return InvalidArgument(path + ":1: no <Validation> element");
  Suite suite;
  suite.kind = Suite::Kind::kPetrarchXml;
  suite.path = path;
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  ReadEnvironment(root.child("Environment"), dir, &suite);
  for (pugi::xml_node s = root.child("Sentences"); s; s = s.next_sibling("Sentences")) {
    ReadSentences(s, lines, path, &suite);
  }
  return suite;
}

namespace {

// "950101 DEMO-01 more" -> date and id.
// Applies "OPTION: SET: NAME VALUE" / "SET: NAME = VALUE" commands.
void ApplyOptionCommand(std::string_view body, const std::string& where,
                        RecordOptions* options, Suite* suite) {
  std::string upper = base::AsciiUpper(body);
  size_t set = upper.find("SET:");
  std::string_view rest = set == std::string::npos ? body : body.substr(set + 4);
  std::string clean;
  for (char c : rest) clean.push_back(c == '=' ? ' ' : c);
  std::vector<std::string> words;
  for (std::string_view w : base::Split(clean, ' ')) {
    if (!base::Trim(w).empty()) words.emplace_back(base::Trim(w));
  }
  if (words.size() != 2 || !SetRecordOption(words[0], words[1], options)) {
    suite->problems.push_back(where + ": option not understood: " + std::string(body));
  }
}

// Interprets the "{...}" blocks of one record's comments.
void ReadCodings(std::string_view comments, const std::string& where,
                 SuiteRecord* r, RecordOptions* next_options, Suite* suite) {
  bool checked = false, unchecked = false;
  for (size_t open = comments.find('{'); open != std::string_view::npos;
       open = comments.find('{', open + 1)) {
    size_t close = comments.find('}', open);
    if (close == std::string_view::npos) {
      suite->problems.push_back(where + ": unclosed '{' in the expected codings");
      break;
    }
    std::string_view body = base::Trim(comments.substr(open + 1, close - open - 1));
    bool dash = open > 0 && comments[open - 1] == '-';
    if (base::StartsWith(base::AsciiUpper(body), "OPTION")) {
      ApplyOptionCommand(body, where, next_options, suite);
    } else if (dash) {
      unchecked = true;
    } else if (body == "---") {
      r->condition = "noevents", checked = true;
    } else if (body == "###") {
      r->condition = "discard", checked = true;
    } else if (body == "+++") {
      r->condition = "complex", checked = true;
    } else {
      std::vector<std::string_view> parts = base::Split(body, '/');
      if (parts.size() != 3) {
        suite->problems.push_back(where + ": expected '{ SOURCE / TARGET / CODE }', got '{" +
                                  std::string(body) + "}'");
        continue;
      }
      std::string_view code = base::Trim(parts[2]);
      code = code.substr(0, code.find_first_of(" \t"));  // an optional date follows
      r->expected.push_back({base::AsciiUpper(base::Trim(parts[0])),
                             base::AsciiUpper(base::Trim(parts[1])), std::string(code)});
      checked = true;
    }
    open = close;
  }
  r->checked = checked;
  (void)unchecked;
}

}  // namespace

void ReadTabariRecords(std::string_view content, const std::string& name, Suite* suite) {
  RecordOptions options;
  for (const auto& [key, value] : suite->legacy.settings) {
    if (key == "set") ApplyOptionCommand(value, name + ":0", &options, suite);
  }
  SuiteRecord current;
  std::string text, comments;
  bool open = false, in_comment = false;
  RecordOptions next = options;
  auto finish = [&]() {
    if (!open) return;
    std::string where = name + ":" + std::to_string(current.line);
    current.text = base::CollapseSpace(text);
    ReadCodings(comments, where, &current, &next, suite);
    suite->records.push_back(std::move(current));
    options = next;
    current = SuiteRecord();
    text.clear();
    comments.clear();
    open = false;
  };
  int number = 0;
  for (std::string_view line : base::Split(content, '\n')) {
    ++number;
    std::string date, id;
    if (!in_comment && base::ParseTabariHeader(line, &date, &id)) {
      finish();
      open = true;
      current.id = id;
      current.date = date;
      current.line = number;
      current.file = name;
      current.category = id.substr(0, id.find_first_of("-_0123456789"));
      current.options = options;
      next = options;
      if (date.empty()) {
        suite->problems.push_back(name + ":" + std::to_string(number) + ": bad date");
      }
      continue;
    }
    if (!open) continue;
    base::SplitTabariComments(line, &in_comment, &text, &comments);
  }
  finish();
}

namespace {

Result<std::string> ReadText(const std::string& path) {
  return dict::ReadFile(path);
}

Result<Suite> ReadTabariProjectSuite(std::string_view content, const std::string& path) {
  Suite suite;
  suite.kind = Suite::Kind::kTabari;
  suite.path = path;
  dict::TabariProject project = dict::ParseTabariProject(content, path, &suite.problems);
  suite.dictionaries.push_back(path);  // the project loads its dictionaries
  for (const std::string& file : project.options) {
    ASSIGN_OR_RETURN(std::string options, ReadText(file));
    dict::DictionaryBuilder scratch;
    RETURN_IF_ERROR(dict::ReadLegacyDictionaryFromString(options, file, &scratch,
                                                         &suite.legacy));
  }
  if (project.text.empty()) return InvalidArgument(path + ": names no <text> file");
  for (const std::string& file : project.text) {
    ASSIGN_OR_RETURN(std::string records, ReadText(file));
    ReadTabariRecords(records, file, &suite);
  }
  return suite;
}

}  // namespace

Result<Suite> ReadSuite(const std::string& path) {
  ASSIGN_OR_RETURN(std::string content, ReadText(path));
  if (base::EndsWith(base::AsciiLower(path), ".project")) {
    return ReadTabariProjectSuite(content, path);
  }
  std::string_view head = base::Trim(std::string_view(content).substr(0, 4096));
  if (base::StartsWith(head, "<")) return ReadPetrarchSuite(content, path);
  Suite suite;
  suite.kind = Suite::Kind::kTabari;
  suite.path = path;
  ReadTabariRecords(content, path, &suite);
  return suite;
}

bool Included(const Suite& suite, const SuiteRecord& record) {
  if (!record.checked) return false;
  if (suite.valid_only && !record.sentence_flag) return false;
  if (suite.include.empty()) return true;
  return std::find(suite.include.begin(), suite.include.end(), record.category) !=
         suite.include.end();
}

RecordScore ScoreRecord(const SuiteRecord& record, const std::vector<Coding>& coded,
                        const std::vector<std::string>& reported) {
  RecordScore score;
  auto reported_any = [&](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (std::find(reported.begin(), reported.end(), n) != reported.end()) return true;
    }
    return false;
  };
  if (record.condition == "noevents" || record.condition.empty()) {
    std::multiset<Coding> want(record.expected.begin(), record.expected.end());
    for (const Coding& c : coded) {
      auto it = want.find(c);
      if (it != want.end()) {
        ++score.true_positives;
        want.erase(it);
      } else {
        ++score.false_positives;
      }
    }
    score.false_negatives = want.size();
    score.passed = score.false_positives == 0 && score.false_negatives == 0;
    return score;
  }
  // An error record: the condition must be reported; coded events are false.
  score.false_positives = coded.size();
  if (record.condition == "discard") {
    score.passed = reported_any({"sentencediscard", "storydiscard"});
  } else {
    score.passed = reported_any({record.condition.c_str()});
  }
  return score;
}

void Tally(const SuiteRecord& record, const RecordScore& score, ValidationReport* r) {
  ++r->records;
  r->passed += score.passed;
  r->true_positives += score.true_positives;
  r->false_positives += score.false_positives;
  r->false_negatives += score.false_negatives;
  CategoryResult& c = r->by_category[record.category];
  ++c.records;
  c.passed += score.passed;
}

void FinishReport(ValidationReport* r) {
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  r->pass_rate = ratio(r->passed, r->records);
  r->precision = ratio(r->true_positives, r->true_positives + r->false_positives);
  r->recall = ratio(r->true_positives, r->true_positives + r->false_negatives);
  r->f1 = ratio(2 * r->precision * r->recall, r->precision + r->recall);
}

bool LooksLikeDateline(std::string_view text) {
  text = base::Trim(text);
  // A leading run of upper-case words (a place) ending in ':' or followed
  // by "--" or "(Agency) -".
  size_t i = 0, letters = 0;
  while (i < text.size() && (std::isupper(static_cast<unsigned char>(text[i])) ||
                             text[i] == ' ' || text[i] == ',' || text[i] == '.' ||
                             (text[i] == '-' && i + 1 < text.size() &&
                              text[i + 1] != '-'))) {
    letters += std::isupper(static_cast<unsigned char>(text[i])) != 0;
    ++i;
  }
  if (letters < 3 || i >= text.size()) return false;
  std::string_view rest = text.substr(i);
  return base::StartsWith(rest, ":") || base::StartsWith(rest, "--") ||
         (base::StartsWith(rest, "(") && rest.find(") -") != std::string_view::npos &&
          rest.find(") -") < 30);
}

bool ParseTreeBalanced(std::string_view parse) {
  int depth = 0;
  bool any = false;
  for (char c : parse) {
    if (c == '(') ++depth, any = true;
    if (c == ')' && --depth < 0) return false;
  }
  return depth == 0 || !any;
}

bool TooComplex(std::string_view text, const dict::LegacyOptions& limits,
                const std::vector<std::string>& verb_words) {
  if (limits.max_verbs <= 0 && limits.max_conj <= 0) return false;
  std::set<std::string> verbs(verb_words.begin(), verb_words.end());
  int n_verbs = 0, n_conj = 0;
  std::string word;
  auto flush = [&]() {
    if (word.empty()) return;
    if (word == "and" || word == "or" || word == "but") ++n_conj;
    bool verb = verbs.count(word) > 0;
    for (const char* suffix : {"s", "es", "d", "ed", "ing"}) {
      std::string_view w(word);
      if (!verb && base::EndsWith(w, suffix) && w.size() > std::strlen(suffix) + 2) {
        verb = verbs.count(std::string(w.substr(0, w.size() - std::strlen(suffix)))) > 0;
      }
    }
    n_verbs += verb;
    word.clear();
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else {
      flush();
    }
  }
  flush();
  return (limits.max_verbs > 0 && n_verbs > limits.max_verbs) ||
         (limits.max_conj > 0 && n_conj > limits.max_conj);
}

}  // namespace ladder::coder

namespace ladder::coder {
namespace {

// CodeResult may (in a later Engine) say that a sentence discard fired.
template <typename R>
bool SentenceDiscarded(const R& r) {
  if constexpr (requires { r.sentence_discarded; }) {
    return static_cast<bool>(r.sentence_discarded);
  } else if constexpr (requires { r.discarded_sentences; }) {
    return !r.discarded_sentences.empty();
  } else {
    return false;
  }
}

std::string ActorCode(const std::optional<Actor>& actor) {
  return actor && !actor->code.empty() ? actor->code : "---";
}

// "suite.xml:123": where a record starts, for messages.
std::string Where(const SuiteRecord& record) {
  return record.file + ":" + std::to_string(record.line);
}

// The verb words of the suite's dictionaries (for TABARI COMPLEX limits).
std::vector<std::string> VerbWords(const dict::DictionaryBuilder& builder) {
  std::set<std::string> words;
  for (const dict::VerbPattern& p : builder.patterns()) {
    words.insert(p.verb_words.begin(), p.verb_words.end());
  }
  return {words.begin(), words.end()};
}

class Harness {
 public:
  Harness(const Suite& suite, const ValidateOptions& options)
      : suite_(suite), options_(options) {
    dictionaries_ = options.dictionaries.empty() ? suite.dictionaries : options.dictionaries;
  }

  Status Run(ValidationReport* report);

 private:
  Result<const Engine*> EngineFor(const RecordOptions& o);
  void CodeRecord(const SuiteRecord& record, ValidationReport* report);

  const Suite& suite_;
  const ValidateOptions& options_;
  std::vector<std::string> dictionaries_;
  std::vector<std::string> verb_words_;
  std::map<decltype(RecordOptions().Key()), std::unique_ptr<Engine>> engines_;
  Status engine_error_;
};

Result<const Engine*> Harness::EngineFor(const RecordOptions& o) {
  auto it = engines_.find(o.Key());
  if (it != engines_.end()) return static_cast<const Engine*>(it->second.get());
  EngineOptions eo;
  eo.dictionaries = dictionaries_;
  eo.require_dyad = o.require_dyad;
  eo.new_actor_length = o.new_actor_length;
  eo.code_unknown_actors = o.new_actor_length > 0;
  eo.agent_only_actors = true;  // as PETRARCH and TABARI coded them
  eo.context_countries = false;
  eo.keep_one_sided = true;
  eo.visit_hosts = true;
  if (options_.comma_clauses) {
    eo.comma_clauses = {o.comma_min,  o.comma_max,  o.comma_bmin,
                        o.comma_bmax, o.comma_emin, o.comma_emax};
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, Engine::Open(eo));
  const Engine* raw = engine.get();
  engines_[o.Key()] = std::move(engine);
  return raw;
}

void Harness::CodeRecord(const SuiteRecord& record, ValidationReport* report) {
  RecordOutcome out;
  out.id = record.id;
  out.category = record.category;
  out.date = record.date;
  out.text = record.text;
  out.where = Where(record);
  out.expected = record.expected;
  out.expected_condition = record.condition;
  Result<const Engine*> engine = EngineFor(record.options);
  if (!engine.ok()) {
    engine_error_ = engine.status();
    return;
  }
  Document doc;
  doc.id = record.id;
  doc.date = record.date;
  doc.text = record.text;
  // Each record is coded alone (a story of its own), as the suites score
  // them: a story discard is reported on the record that has it.
  std::vector<Result<CodeResult>> results = (*engine)->CodeBatch({&doc, 1}, BatchOptions{});
  Result<CodeResult>& result = results.front();
  if (!result.ok()) {
    out.note = result.status().ToString();
  } else {
    // PETRARCH keeps a sentence's events keyed by (source, target, code):
    // two verbs coding the same triple in one sentence report it once.
    std::set<std::tuple<int, std::string, std::string, std::string>> seen;
    for (const Event& e : result->events) {
      Coding c{ActorCode(e.source), ActorCode(e.target), e.cameo};
      if (!seen.emplace(e.sentence, c.source, c.target, c.event).second)
        continue;
      out.coded.push_back(std::move(c));
    }
    if (result->discarded) out.reported_conditions.push_back("storydiscard");
    if (SentenceDiscarded(*result)) out.reported_conditions.push_back("sentencediscard");
  }
  if (LooksLikeDateline(record.text)) out.reported_conditions.push_back("dateline");
  if (!ParseTreeBalanced(record.parse)) out.reported_conditions.push_back("bad_input_parse");
  if (TooComplex(record.text, suite_.legacy, verb_words_)) {
    out.reported_conditions.push_back("complex");
    out.coded.clear();  // TABARI does not code a sentence beyond COMPLEX limits
  }
  RecordScore score = ScoreRecord(record, out.coded, out.reported_conditions);
  Tally(record, score, report);
  out.passed = score.passed;
  if (!out.passed) {
    if (options_.explain_failures) out.explain = (*engine)->Explain(record.text, record.date);
    report->failures.push_back(std::move(out));
  }
}

Status Harness::Run(ValidationReport* report) {
  if (dictionaries_.empty()) {
    return InvalidArgument(suite_.path + ": the suite names no dictionaries");
  }
  // The dictionaries as entries: verb words and the codes they can give.
  // Problems are reported once, from the compiled engine below.
  dict::DictionaryBuilder entries;
  for (const std::string& p : dictionaries_) (void)dict::LoadDictionaryPath(p, &entries);
  if (suite_.legacy.max_verbs > 0 || suite_.legacy.max_conj > 0) {
    verb_words_ = VerbWords(entries);
  }
  report->problems = suite_.problems;
  std::vector<size_t> scored;
  for (size_t i = 0; i < suite_.records.size(); ++i) {
    const SuiteRecord& record = suite_.records[i];
    if (!options_.include_all ? !Included(suite_, record) : !record.checked) {
      ++report->skipped;
      continue;
    }
    if (options_.limit > 0 && static_cast<int>(scored.size()) >= options_.limit) break;
    scored.push_back(i);
  }
  std::map<size_t, std::vector<std::string>> findings;
  for (Finding& f : AuditSuite(suite_, scored, CodesOf(entries))) {
    findings[f.record].push_back(std::move(f.message));
  }
  for (size_t i : scored) {
    const SuiteRecord& record = suite_.records[i];
    size_t failures = report->failures.size();
    CodeRecord(record, report);
    RETURN_IF_ERROR(engine_error_);
    bool passed = report->failures.size() == failures;
    auto found = findings.find(i);
    if (found == findings.end()) continue;
    for (const std::string& message : found->second) {
      report->findings.push_back({record.id, Where(record), message, passed});
    }
    if (!passed) report->failures.back().findings = found->second;
  }
  if (!engines_.empty()) {
    const DictionaryStats& stats = engines_.begin()->second->stats();
    report->problems.insert(report->problems.end(), stats.problems.begin(),
                            stats.problems.end());
  }
  FinishReport(report);
  return Status::Ok();
}

}  // namespace
}  // namespace ladder::coder

namespace ladder {

Result<ValidationReport> RunValidation(const std::string& suite_path,
                                       const ValidateOptions& options) {
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(coder::Suite suite, coder::ReadSuite(suite_path));
  ValidationReport report;
  report.suite = suite_path;
  coder::Harness harness(suite, options);
  RETURN_IF_ERROR(harness.Run(&report));
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

std::string ValidationReportToJson(const ValidationReport& r) {
  nlohmann::json j;
  j["suite"] = r.suite;
  j["records"] = r.records;
  j["passed"] = r.passed;
  j["skipped"] = r.skipped;
  j["pass_rate"] = r.pass_rate;
  j["precision"] = r.precision;
  j["recall"] = r.recall;
  j["f1"] = r.f1;
  j["true_positives"] = r.true_positives;
  j["false_positives"] = r.false_positives;
  j["false_negatives"] = r.false_negatives;
  j["seconds"] = r.seconds;
  nlohmann::json cats = nlohmann::json::object();
  for (const auto& [name, c] : r.by_category) {
    cats[name] = {{"records", c.records},
                  {"passed", c.passed},
                  {"pass_rate", c.records ? double(c.passed) / c.records : 0.0}};
  }
  j["by_category"] = cats;
  nlohmann::json failures = nlohmann::json::array();
  for (const RecordOutcome& f : r.failures) failures.push_back(f.id);
  j["failures"] = failures;
  nlohmann::json findings = nlohmann::json::array();
  for (const SuiteFinding& f : r.findings) {
    findings.push_back({{"id", f.id}, {"passed", f.passed}, {"finding", f.message}});
  }
  j["findings"] = findings;
  j["problems"] = r.problems.size();
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ladder
