// CAMEO facts for importers: quad classes, root Goldstein values, and
// description matching for ICEWS relation names.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <vector>

#include "base/strings.h"
#include "store/importers.h"

namespace ladder::store {
namespace {

// Words that carry no meaning for matching descriptions.
bool IsStopWord(const std::string& w) {
  static const std::set<std::string> kStop = {
      "to",        "or",    "with", "the",   "a",      "an",  "of", "for",
      "such",      "as",    "in",   "at",    "on",     "and", "by", "not",
      "specified", "below", "spec", "other", "others", "that"};
  return kStop.count(w) > 0;
}

// Crude stemming so "sanctions"/"sanction", "settling"/"settle" meet.
std::string Stem(std::string w) {
  if (w.size() > 5 && base::EndsWith(w, "ing")) w.resize(w.size() - 3);
  if (w.size() > 3 && w.back() == 's') w.pop_back();
  if (w.size() > 3 && w.back() == 'e') w.pop_back();
  return w;
}

// Lower-cased words without punctuation and "not specified below".
std::vector<std::string> Words(std::string_view label) {
  std::string text = base::AsciiLower(label);
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  while (words.size() >= 3 && words[words.size() - 3] == "not" &&
         words[words.size() - 2] == "specified") {
    words.resize(words.size() - 3);
  }
  return words;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::set<std::string> Content(const std::vector<std::string>& words) {
  std::set<std::string> out;
  for (const std::string& w : words) {
    if (!IsStopWord(w)) out.insert(Stem(w));
  }
  return out;
}

void ReadTable(
    const std::string& path,
    const std::function<void(const std::string&, const std::string&)>& add) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) continue;
    std::string code = line.substr(0, tab);
    if (!std::isdigit(static_cast<unsigned char>(code[0]))) continue;  // header
    add(code, std::string(base::Trim(std::string_view(line).substr(tab + 1))));
  }
}

}  // namespace

bool IsRegionCode(std::string_view code) {
  // CAMEO.country.txt's regions (GDELT lookups): codes that are no country.
  static const std::set<std::string_view> kRegions = {
      "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN",
      "EAF", "EEU", "EUR", "LAM", "MEA", "MDT", "NAF", "NMR", "PGS",
      "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST"};
  return kRegions.count(code) > 0;
}

int QuadClassForRoot(std::string_view root) {
  long long r = 0;
  if (root.size() != 2 || !base::ParseInt(root, &r) || r < 1 || r > 20)
    return 0;
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}

double RootGoldstein(std::string_view root) {
  // Goldstein values of the CAMEO root categories (published CAMEO facts).
  static const double kRoot[] = {0.0,  0.0,  3.0,  4.0,  1.0,  3.5,   6.0,
                                 7.0,  5.0,  -2.0, -5.0, -2.0, -4.0,  -6.0,
                                 -6.5, -7.2, -4.0, -7.0, -9.0, -10.0, -10.0};
  long long r = 0;
  if (root.size() != 2 || !base::ParseInt(root, &r) || r < 1 || r > 20)
    return 0;
  return kRoot[r];
}

std::string GuessRootFromLabel(std::string_view label) {
  // Leading verbs of the CAMEO root categories.
  static const std::pair<const char*, const char*> kVerbs[] = {
      {"make", "01"},        {"decline", "01"},   {"appeal", "02"},
      {"express", "03"},     {"consult", "04"},   {"meet", "04"},
      {"host", "04"},        {"engage", "05"},    {"praise", "05"},
      {"sign", "05"},        {"cooperate", "06"}, {"provide", "07"},
      {"yield", "08"},       {"ease", "08"},      {"release", "08"},
      {"investigate", "09"}, {"demand", "10"},    {"disapprove", "11"},
      {"criticize", "11"},   {"accuse", "11"},    {"reject", "12"},
      {"refuse", "12"},      {"threaten", "13"},  {"protest", "14"},
      {"demonstrate", "14"}, {"exhibit", "15"},   {"reduce", "16"},
      {"halt", "16"},        {"impose", "16"},    {"expel", "16"},
      {"coerce", "17"},      {"seize", "17"},     {"arrest", "17"},
      {"assault", "18"},     {"abduct", "18"},    {"fight", "19"},
      {"occupy", "19"},      {"use", "19"},       {"engage in mass", "20"}};
  std::string lower = base::AsciiLower(base::Trim(label));
  std::string best;
  size_t best_len = 0;
  for (const auto& [verb, root] : kVerbs) {
    std::string_view v(verb);
    if (base::StartsWith(lower, v) && v.size() > best_len) {
      best = root;
      best_len = v.size();
    }
  }
  return best;
}

CameoTables CameoTables::Load(const ImportOptions& options) {
  CameoTables t;
  std::string codes = options.cameo_codes_path;
  std::string gold = options.goldstein_path;
  if (codes.empty() && !options.cameo_dir.empty()) {
    codes = options.cameo_dir + "/CAMEO.eventcodes.txt";
  }
  if (gold.empty() && !options.cameo_dir.empty()) {
    gold = options.cameo_dir + "/CAMEO.goldsteinscale.txt";
  }
  if (!codes.empty()) {
    ReadTable(codes, [&t](const std::string& c, const std::string& v) {
      t.labels[c] = v;
    });
  }
  if (!gold.empty()) {
    ReadTable(gold, [&t](const std::string& c, const std::string& v) {
      double g = 0;
      if (base::ParseDouble(v, &g)) t.goldstein[c] = g;
    });
  } else {
    // ladder's code table: "code<TAB>goldstein<TAB>..." lines.
    ReadTable(std::string(LADDER_DEFAULT_DATA_DIR) + "/codes.txt",
              [&t](const std::string& c, const std::string& v) {
                double g = 0;
                std::string_view first = v.substr(0, v.find('\t'));
                if (base::ParseDouble(base::Trim(first), &g)) t.goldstein[c] = g;
              });
  }
  return t;
}

double CameoTables::Goldstein(const std::string& cameo) const {
  for (std::string code = cameo; !code.empty(); code.pop_back()) {
    auto it = goldstein.find(code);
    if (it != goldstein.end()) return it->second;
  }
  return RootGoldstein(cameo.substr(0, std::min<size_t>(2, cameo.size())));
}

std::string CameoTables::CodeForLabel(std::string_view label) const {
  std::vector<std::string> words = Words(label);
  if (words.empty()) return "";
  // ICEWS wording with no close CAMEO description.
  if (Joined(words) == "make an appeal or request") return "020";
  std::string joined = Joined(words);
  std::string exact;
  for (const auto& [code, description] : labels) {
    if (Joined(Words(description)) == joined && code.size() > exact.size()) {
      exact = code;
    }
  }
  if (!exact.empty()) return exact;
  std::set<std::string> want = Content(words);
  std::string lead = Stem(words[0]);
  std::string best;
  double best_score = 0;
  for (const auto& [code, description] : labels) {
    std::vector<std::string> dw = Words(description);
    if (dw.empty() || Stem(dw[0]) != lead) continue;
    std::set<std::string> have = Content(dw);
    size_t common = 0;
    for (const std::string& w : want) common += have.count(w);
    double score = static_cast<double>(common) /
                   static_cast<double>(std::max(want.size(), have.size()));
    if (score > best_score ||
        (score == best_score && !best.empty() && code.size() < best.size())) {
      best = code;
      best_score = score;
    }
  }
  if (best_score >= 0.5) return best;
  std::string root = GuessRootFromLabel(label);
  return root.empty() ? "" : root + "0";
}

}  // namespace ladder::store
