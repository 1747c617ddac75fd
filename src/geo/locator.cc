// The locator (geo/locator.h): place mentions, datelines, and one place per event.
#include "geo/locator.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <set>

namespace ladder::geo {
namespace {

struct Word {
  size_t begin = 0, end = 0;
  bool capitalized = false;
  bool break_before = false;  // punctuation other than a hyphen before it
  std::string key;            // NormalizeKey of the word
};

bool WordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '\'' || c >= 0x80;
}

// Curly quotes and dashes end a word like ASCII punctuation.
size_t PunctuationAt(std::string_view s, size_t i) {
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char c = static_cast<unsigned char>(s[i + 2]);
    if (c == 0x93 || c == 0x94 || c == 0x9C || c == 0x9D) return 3;  // – — “ ”
  }
  return 0;
}

bool Capital(std::string_view w) {
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c >= 'A' && c <= 'Z') return true;
  // Latin-1 capitals (À..Þ) are C3 80..C3 9E in UTF-8.
  return c == 0xC3 && w.size() > 1 && static_cast<unsigned char>(w[1]) < 0x9F;
}

// The words of text[begin, end); a hyphen separates words without a break.
void SplitWords(std::string_view text, size_t begin, size_t end, std::vector<Word>* out) {
  out->clear();
  bool pending_break = true;
  size_t i = begin;
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t punct = PunctuationAt(text, i);
    if (punct == 0 && WordByte(c) && c != '.' && c != '\'') {
      size_t j = i;
      while (j < end && WordByte(static_cast<unsigned char>(text[j])) &&
             PunctuationAt(text, j) == 0) {
        ++j;
      }
      std::string_view w = text.substr(i, j - i);
      // A final period ends a sentence, except after an initial ("U.S.").
      while (!w.empty() && w.back() == '.' && w.find('.') == w.size() - 1) w.remove_suffix(1);
      // A possessive ending is not part of the name ("Ivory Coast's").
      if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("'S"))) w.remove_suffix(2);
      if (w.size() > 4 && w.ends_with("\xE2\x80\x99s")) w.remove_suffix(4);
      while (!w.empty() && w.back() == '\'') w.remove_suffix(1);
      Word& word = out->emplace_back();
      word.begin = i;
      word.end = i + w.size();
      word.capitalized = Capital(w);
      word.break_before = pending_break;
      // Plain ASCII letters and digits: the key is the lowercase word (most
      // words; NormalizeKey for the rest).
      bool plain = std::all_of(w.begin(), w.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
      });
      if (plain) {
        word.key.assign(w);
        for (char& ch : word.key) {
          if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        }
      } else {
        word.key = NormalizeKey(w);
      }
      pending_break = j > i + w.size();  // a trailing period
      i = j;
      continue;
    }
    if (c != ' ' && c != '-' && c != '\n' && c != '\t') pending_break = true;
    i += punct ? punct : 1;
  }
}

// Prepositions that put an event at a place ("clashes in Gaza").
constexpr std::array<std::string_view, 15> kLocatives = {
    "in", "at", "near", "outside", "inside", "into", "across", "around",
    "throughout", "within", "off", "over", "from", "to", "on"};
// Words between a preposition and the place ("in central Baghdad").
constexpr std::array<std::string_view, 14> kModifiers = {
    "central", "northern", "southern", "eastern", "western", "north", "south",
    "east", "west", "northeastern", "northwestern", "southeastern", "southwestern", "downtown"};
constexpr std::array<std::string_view, 19> kTimeWords = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "feb", "march", "april", "may", "june", "july", "aug", "sept", "oct", "nov", "dec"};

template <size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Is this a word of a headline in title case or capitals?
bool TitleCase(const std::vector<Word>& words) {
  size_t caps = 0, all = 0;
  for (const Word& w : words) {
    if (w.key.empty() || (w.key[0] >= '0' && w.key[0] <= '9')) continue;
    ++all;
    caps += w.capitalized;
  }
  return all >= 3 && caps * 10 > all * 6;
}

// A name whose every place is a small city: taken only with a preposition
// or a qualifier before/after it ("in Reading", "Paris, Texas").
bool Weak(const Gazetteer& g, std::span<const uint32_t> places) {
  for (uint32_t id : places) {
    const Place& p = g.place(id);
    if (p.curated || p.precision != Precision::kCity || p.population >= 1000000) return false;
  }
  return true;
}

// The place a set of candidates most likely means, given the countries the
// mention's qualifier, the dateline, the event and the document name.
uint32_t Resolve(const Gazetteer& g, const PlaceMention& m, std::string_view dateline_country,
                 const std::set<std::string>& event_countries,
                 const std::set<std::string>& doc_countries, std::string* how) {
  uint32_t best = m.places[0];
  int best_score = -1;
  for (uint32_t id : m.places) {
    const Place& p = g.place(id);
    int score = 0;
    if (!m.qualifier_country.empty() &&
        (p.country == m.qualifier_country || NormalizeKey(p.admin1) == m.qualifier_key)) {
      score += 8;
      if (NormalizeKey(p.admin1) == m.qualifier_key) score += 1;
    }
    if (!dateline_country.empty() && p.country == dateline_country) score += 2;
    if (event_countries.count(p.country)) score += 2;
    if (doc_countries.count(p.country)) score += 1;
    if (score > best_score) {  // ties: the gazetteer's order (countries, population)
      best = id;
      best_score = score;
    }
  }
  if (how != nullptr && m.places.size() > 1) {
    *how += "; " + std::to_string(m.places.size()) + " places of that name, chosen by " +
            (best_score > 0 ? "the document's countries" : "population");
  }
  return best;
}

// Roots whose acts are words, not deeds (quad classes 1 and 3, except
// meetings and visits, 04): located only where the text gives a venue.
bool Verbal(const Event& e) { return (e.quad_class == 1 || e.quad_class == 3) && e.root != "04"; }
// Deeds (quad classes 2 and 4): a place named anywhere in the sentence counts.
bool Material(const Event& e) { return e.quad_class == 2 || e.quad_class == 4; }

// Where an actor's words lie in the sentence, found by their first occurrence.
std::pair<size_t, size_t> ActorSpan(std::string_view text, const Event& e,
                                    const std::optional<Actor>& a) {
  if (!a || a->text.empty()) return {0, 0};
  std::string_view sentence = text.substr(e.evidence_begin, e.evidence_end - e.evidence_begin);
  size_t at = sentence.find(a->text);
  if (at == std::string_view::npos) return {0, 0};
  return {e.evidence_begin + at, e.evidence_begin + at + a->text.size()};
}

bool Overlaps(const PlaceMention& m, std::pair<size_t, size_t> span) {
  return span.second > span.first && m.begin < span.second && span.first < m.end;
}

void Fill(const Gazetteer& g, std::string_view text, const PlaceMention& m, uint32_t id,
          Location* loc) {
  const Place& p = g.place(id);
  loc->text = std::string(text.substr(m.begin, m.end - m.begin));
  loc->name = p.name;
  loc->country = p.country;
  loc->admin1 = p.precision == Precision::kCountry ? "" : p.admin1;
  loc->has_coordinates = p.has_coordinates;
  loc->lat = p.lat;
  loc->lon = p.lon;
  loc->geonames_id = p.geonames_id;
  loc->precision = PrecisionName(p.precision);
}

}  // namespace

std::vector<PlaceMention> Locator::FindMentions(std::string_view text, size_t begin,
                                                size_t end) const {
  std::vector<PlaceMention> out;
  thread_local std::vector<Word> words;
  SplitWords(text, begin, end, &words);
  const bool title = TitleCase(words);
  std::string key;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i].capitalized) continue;
    int max = g_.MaxWords(words[i].key);
    if (max == 0) continue;
    size_t n = 0;
    std::span<const uint32_t> places;
    for (size_t len = std::min<size_t>(max, words.size() - i); len >= 1 && n == 0; --len) {
      bool broken = false;
      key = words[i].key;
      for (size_t k = 1; k < len; ++k) {
        broken |= words[i + k].break_before;
        key += ' ';
        key += words[i + k].key;
      }
      if (broken) continue;
      places = g_.Find(key);
      if (!places.empty()) n = len;
    }
    if (n == 0 || (n == 1 && g_.Stopped(key))) continue;
    PlaceMention m;
    m.begin = words[i].begin;
    m.end = words[i + n - 1].end;
    m.key = key;
    m.places = places;
    m.possessive = m.end < end && (text[m.end] == '\'' ||
                                   text.substr(m.end, 3) == "\xE2\x80\x99");
    // The preposition before it, past "the" and one modifier ("in
    // northern Iraq", "at the Vostochny Cosmodrome").
    size_t p = i;
    if (p > 0 && !words[p].break_before && In(kModifiers, words[p - 1].key)) --p;
    if (p > 0 && !words[p].break_before && words[p - 1].key == "the") --p;
    if (p > 0 && !words[p].break_before && In(kLocatives, words[p - 1].key) &&
        !words[p - 1].capitalized) {
      m.cue = words[p - 1].key;
    }
    // "Paris, Texas": a region or country after a comma.
    size_t after = i + n;
    if (after < words.size() && words[after].capitalized && words[after].break_before) {
      std::span<const uint32_t> q = g_.Find(words[after].key);
      if (after + 1 < words.size() && !words[after + 1].break_before && q.empty()) {
        q = g_.Find(words[after].key + " " + words[after + 1].key);
      }
      for (uint32_t id : q) {
        const Place& qp = g_.place(id);
        if (qp.precision == Precision::kCountry || qp.precision == Precision::kAdmin1) {
          m.qualifier_country = qp.country;
          m.qualifier_key = NormalizeKey(qp.name);
          break;
        }
      }
    }
    bool cued = !m.cue.empty() || !m.qualifier_country.empty();
    if (!cued && Weak(g_, places)) continue;
    if (!title && !cued) {
      // Part of a person's or organisation's name: "Bill Clinton", "New
      // York Times" (a day or month after a place is fine: "Baghdad Monday").
      bool before = i > 0 && words[i - 1].capitalized && !words[i].break_before && i > 1;
      bool next = after < words.size() && words[after].capitalized &&
                  !words[after].break_before && !In(kTimeWords, words[after].key);
      if (before || next) {
        i += n - 1;
        continue;
      }
    }
    out.push_back(std::move(m));
    i += n - 1;
  }
  return out;
}

std::vector<PlaceMention> Locator::DocumentPlaces(std::string_view text, size_t begin) const {
  std::vector<PlaceMention> out;
  while (begin < text.size()) {
    size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos) nl = text.size();
    for (PlaceMention& m : FindMentions(text, begin, nl)) {
      if (!m.possessive && (m.cue == "in" || m.cue == "at" || m.cue == "near" ||
                            m.cue == "outside" || m.cue == "inside")) {
        out.push_back(std::move(m));
      }
    }
    begin = nl + 1;
  }
  return out;
}

Dateline Locator::FindDateline(std::string_view text) const {
  Dateline d;
  size_t start = 0;
  for (int paragraph = 0; paragraph < 3 && start < text.size(); ++paragraph) {
    // Up to the first dash or colon of the paragraph's first 100 bytes.
    std::string_view head = text.substr(start, 100);
    size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    size_t stop = std::string_view::npos;
    for (std::string_view t : {" -", "--", ":", "\xE2\x80\x94", "\xE2\x80\x93"}) {
      size_t at = line.find(t);
      if (at != std::string_view::npos && at < stop) stop = at;
    }
    if (stop != std::string_view::npos && stop > 0) {
      size_t name_end = line.find_first_of(",(:");
      if (name_end == std::string_view::npos || name_end > stop) name_end = stop;
      std::string_view name = line.substr(0, name_end);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      std::vector<Word> words;
      SplitWords(text, start, start + name.size(), &words);
      bool capitals = !words.empty() && words.size() <= 6 &&
                      std::all_of(words.begin(), words.end(),
                                  [](const Word& w) { return w.capitalized; });
      std::string key = NormalizeKey(name);
      // "US NAVAL BASE GUANTANAMO BAY": the longest known tail of the name.
      size_t skip = 0;
      while (capitals && g_.Find(key).empty() && skip + 1 < words.size()) {
        ++skip;
        key = NormalizeKey(text.substr(words[skip].begin, start + name.size() - words[skip].begin));
      }
      if (capitals && !g_.Find(key).empty()) {
        d.found = true;
        d.mention.begin = skip > 0 ? words[skip].begin : start;
        d.mention.end = start + name.size();
        d.mention.key = key;
        d.mention.places = g_.Find(key);
        d.mention.cue = "dateline";
        d.end = start + stop;
        // ", Haiti" / ", Texas" before the agency or the dash.
        if (name_end < stop && line[name_end] == ',') {
          std::string_view rest = line.substr(name_end + 1, stop - name_end - 1);
          rest = rest.substr(0, rest.find_first_of(",("));
          for (uint32_t id : g_.Find(NormalizeKey(rest))) {
            const Place& q = g_.place(id);
            if (q.precision == Precision::kCountry || q.precision == Precision::kAdmin1) {
              d.mention.qualifier_country = q.country;
              d.mention.qualifier_key = NormalizeKey(q.name);
              break;
            }
          }
        }
        return d;
      }
    }
    size_t next = text.find('\n', start);
    if (next == std::string_view::npos) break;
    start = text.find_first_not_of("\n ", next);
    if (start == std::string_view::npos) break;
  }
  return d;
}

void Locator::Locate(std::string_view text, std::vector<Event>* events,
                     std::vector<std::string>* how) const {
  if (events->empty() || g_.empty()) return;
  Dateline dateline = FindDateline(text);
  std::set<std::string> doc_countries;
  for (const Event& e : *events) {
    for (const auto* a : {&e.source, &e.target}) {
      if (*a && (*a)->country.size() == 3 && (*a)->country != "---") {
        doc_countries.insert((*a)->country);
      }
    }
  }
  std::string dateline_country;
  if (dateline.found) {
    std::string ignored;
    uint32_t id = Resolve(g_, dateline.mention, "", {}, doc_countries, &ignored);
    dateline_country = g_.place(id).country;
  }
  int64_t cached_begin = -1;
  std::vector<PlaceMention> mentions;
  std::vector<PlaceMention> doc_places;  // read when first needed
  bool doc_places_read = false;
  for (Event& e : *events) {
    if (e.evidence_begin < 0 || e.evidence_end > static_cast<int64_t>(text.size()) ||
        e.evidence_begin >= e.evidence_end) {
      if (how) how->push_back(e.event_id + ": no place (evidence offsets outside the text)");
      continue;
    }
    if (e.evidence_begin != cached_begin) {
      size_t begin = static_cast<size_t>(e.evidence_begin);
      if (dateline.found && begin < dateline.end) {
        begin = std::min<size_t>(dateline.end, e.evidence_end);
      }
      mentions = FindMentions(text, begin, static_cast<size_t>(e.evidence_end));
      cached_begin = e.evidence_begin;
    }
    const bool verbal = Verbal(e);
    auto source = ActorSpan(text, e, e.source);
    auto target = ActorSpan(text, e, e.target);
    const PlaceMention* chosen = nullptr;
    std::string why;
    auto words = [&](const PlaceMention& m) {
      return std::string(text.substr(m.begin, m.end - m.begin));
    };
    // 0. A statement under a dateline of its speaker's own country was made
    // there ("WASHINGTON - Powell said").
    if (verbal && dateline.found && e.source && e.source->country == dateline_country) {
      chosen = &dateline.mention;
      if (how) why = "the dateline '" + words(dateline.mention) + "' of the speaker's country";
    }
    // 1. A place the sentence puts the act at: "in Baghdad", "visit to Seoul".
    for (size_t i = 0; chosen == nullptr && i < mentions.size(); ++i) {
      const PlaceMention& m = mentions[i];
      // "in Ivory Coast's largest city": a possessive after a preposition
      // still says where.
      if (m.cue.empty()) continue;
      if (m.cue == "to" && e.root != "04") continue;  // a visit's destination only
      if (verbal && m.cue != "in" && m.cue != "at") continue;
      chosen = &m;
      if (how) why = "the sentence: '" + m.cue + " " + words(m) + "'";
    }
    // 2. A deed's place named without a preposition ("a Baghdad car bomb"),
    // not one of its actors, except a visit's host ("visits Afghanistan").
    for (size_t i = 0; chosen == nullptr && i < mentions.size(); ++i) {
      const PlaceMention& m = mentions[i];
      bool host = e.cameo == "042" && Overlaps(m, target) && !m.possessive;
      bool actor = Overlaps(m, source) || Overlaps(m, target);
      // A possessive country or region says where ("Pakistan's top wanted
      // terrorist killed"); a possessive city is usually an actor's.
      bool owner = m.possessive && g_.place(m.places[0]).precision == Precision::kCity;
      // A destination is not where a deed happened ("expelled them to Libya").
      bool destination = m.cue == "to";
      if (!host && (!Material(e) || actor || owner || destination)) continue;
      chosen = &m;
      if (how) why = host ? "the host of the visit, '" + words(m) + "'"
                 : "the sentence names '" + words(m) + "'";
    }
    // 3. A deed reported under a dateline happened there.
    if (chosen == nullptr && !verbal && dateline.found) {
      chosen = &dateline.mention;
      if (how) why = "the dateline '" + words(dateline.mention) + "'";
    }
    // 4. A deed whose sentence names no place (a headline, "the attack")
    // happened where the document first puts something of its actors'
    // countries ("... a site in Orissa" for "India test-fires missile").
    if (chosen == nullptr && !verbal) {
      if (!doc_places_read) {
        doc_places = DocumentPlaces(text, dateline.found ? dateline.end : 0);
        doc_places_read = true;
      }
      for (const PlaceMention& m : doc_places) {
        bool ours = false;
        for (uint32_t id : m.places) {
          const std::string& c = g_.place(id).country;
          ours |= (e.source && e.source->country == c) || (e.target && e.target->country == c);
        }
        if (!ours) continue;
        chosen = &m;
        if (how) why = "the document: '" + m.cue + " " + words(m) + "'";
        break;
      }
    }
    if (chosen == nullptr) {
      if (how) {
        how->push_back(e.event_id + ": no place (" +
                       (verbal ? "a statement; the sentence names no venue"
                               : "no place in the sentence, the dateline or the document") +
                       ")");
      }
      continue;
    }
    std::set<std::string> event_countries;
    if (e.source && e.source->country.size() == 3) event_countries.insert(e.source->country);
    if (e.target && e.target->country.size() == 3) event_countries.insert(e.target->country);
    uint32_t id = Resolve(g_, *chosen, chosen == &dateline.mention ? "" : dateline_country,
                          event_countries, doc_countries, how ? &why : nullptr);
    Fill(g_, text, *chosen, id, &e.location.emplace());
    if (how) {
      how->push_back(e.event_id + ": " + g_.place(id).name + " (" + e.location->country + ", " +
                     e.location->precision + ") from " + why);
    }
  }
}

}  // namespace ladder::geo
