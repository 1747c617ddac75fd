// Readers for the shared news corpora, for the benchmarks only.
//
// The corpora are read where they are (DESIGN.md: never copied into the
// repository). The conversion follows scripts/corpus_to_jsonl.py in a
// simpler form: it only has to give the coder realistic text.
//
//   AG News test split (CSV: class,"title","description"), 7,600 items:
//     id "ag-<row>", date 2004-08-01 (the data has none), text = title +
//     "\n\n" + description; the dump's " #39;" / " quot;" / "\" escapes are
//     decoded.
//   Reuters-21578 reut2-017.sgm, 1,000 stories: id "reuters-<NEWID>", date
//     from <DATE>, text = TITLE + "\n\n" + BODY with hard-wrapped lines joined
//     within a paragraph (a line starting with whitespace starts one); bytes
//     >= 0x80 are Latin-1.
#ifndef LADDER_BENCH_NEWS_CORPUS_H_
#define LADDER_BENCH_NEWS_CORPUS_H_

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "ladder/event.h"

namespace ladder::bench {

inline std::string SharedDataDir() { return LADDER_SHARED_DIR "/data"; }
inline std::string AgNewsPath() {
  return SharedDataDir() + "/news-corpus/ag_news_csv/test.csv";
}
inline std::string ReutersPath() {
  return SharedDataDir() + "/news-corpus/reuters21578/reut2-017.sgm";
}
inline std::string PhoenixDir() {
  return SharedDataDir() + "/phoenix-dictionaries";
}

inline bool ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// The project's own encoder (src/base/utf8.h).
inline void AppendUtf8(uint32_t cp, std::string* out) {
  ladder::base::AppendUtf8(static_cast<char32_t>(cp), out);
}

// Decodes AG News escapes: "\" line breaks, " #39;" (was "&#39;"), " quot;",
// "&lt;" ...; Windows-1252 quotes and dashes; control characters -> space.
inline std::string CleanAgNews(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\') {
      out.push_back(' ');
      continue;
    }
    // " #39;" (the dump's "&#39;") swallows its space; "&#39;" does not.
    size_t j = i + (c == ' ' && i + 1 < s.size() && s[i + 1] == '#' ? 1 : 0);
    if (j < s.size() && (s[j] == '#' || s[j] == '&')) {
      size_t k = j + 1 + (s[j] == '&' && j + 1 < s.size() && s[j + 1] == '#');
      bool numeric = k > j + 1 || s[j] == '#';
      size_t end = s.find(';', k);
      if (numeric && end != std::string_view::npos && end > k && end - k <= 6 &&
          s.substr(k, end - k).find_first_not_of("0123456789") ==
              std::string_view::npos) {
        uint32_t cp = static_cast<uint32_t>(std::atoi(std::string(s.substr(k, end - k)).c_str()));
        switch (cp) {
          case 145: cp = 0x2018; break;
          case 146: cp = 0x2019; break;
          case 147: cp = 0x201C; break;
          case 148: cp = 0x201D; break;
          case 150: cp = 0x2013; break;
          case 151: cp = 0x2014; break;
          default:
            if (cp < 32 || (cp >= 127 && cp < 160) || cp > 0x10FFFF) cp = ' ';
        }
        AppendUtf8(cp, &out);
        i = end;
        continue;
      }
    }
    static constexpr std::pair<std::string_view, char> kNamed[] = {
        {"quot;", '"'}, {"&quot;", '"'}, {"&lt;", '<'},
        {"&gt;", '>'},  {"&amp;", '&'},  {"amp;", '&'}};
    bool named = false;
    for (const auto& [name, ch] : kNamed) {
      size_t at = name[0] == '&' ? i : i + 1;
      if ((name[0] == '&' || c == ' ') && s.substr(at, name.size()) == name) {
        out.push_back(ch);
        i = at + name.size() - 1;
        named = true;
        break;
      }
    }
    if (!named) out.push_back(c);
  }
  return out;
}

// Parses one CSV record starting at *pos ("" escapes, quoted newlines).
inline bool NextCsvRecord(std::string_view data, size_t* pos,
                          std::vector<std::string>* fields) {
  fields->clear();
  size_t i = *pos;
  if (i >= data.size()) return false;
  std::string field;
  bool quoted = false;
  for (; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      ++i;
      break;
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  fields->push_back(std::move(field));
  *pos = i;
  return true;
}

inline std::vector<Document> ReadAgNews(const std::string& path) {
  std::vector<Document> docs;
  std::string data;
  if (!ReadWholeFile(path, &data)) return docs;
  size_t pos = 0;
  std::vector<std::string> fields;
  for (int row = 1; NextCsvRecord(data, &pos, &fields); ++row) {
    if (fields.size() < 3) continue;
    Document d;
    d.id = "ag-" + std::to_string(row);
    d.date = "2004-08-01";
    d.title = CleanAgNews(fields[1]);
    d.text = d.title + "\n\n" + CleanAgNews(fields[2]);
    docs.push_back(std::move(d));
  }
  return docs;
}

// The text between <tag> and </tag> inside story, or "".
inline std::string_view SgmlField(std::string_view story, std::string_view tag) {
  std::string open = "<" + std::string(tag) + ">";
  std::string close = "</" + std::string(tag) + ">";
  size_t b = story.find(open);
  if (b == std::string_view::npos) return {};
  b += open.size();
  size_t e = story.find(close, b);
  if (e == std::string_view::npos) return {};
  return story.substr(b, e - b);
}

// SGML text -> UTF-8: &lt; &gt; &amp; decoded, &#N; control characters
// dropped, Latin-1 bytes converted.
inline std::string DecodeSgml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '&') {
      size_t end = s.find(';', i);
      if (end != std::string_view::npos && end - i <= 6) {
        std::string_view ent = s.substr(i, end - i + 1);
        char ch = ent == "&lt;" ? '<' : ent == "&gt;" ? '>' : ent == "&amp;" ? '&' : 0;
        if (ch != 0 || (ent.size() > 2 && ent[1] == '#')) {
          if (ch != 0) out.push_back(ch);
          i = end;
          continue;
        }
      }
    }
    AppendUtf8(c, &out);
  }
  return out;
}

// Joins hard-wrapped lines within paragraphs; drops the " Reuter" sign-off.
inline std::string UnwrapReutersBody(const std::string& body) {
  std::vector<std::string> paragraphs;
  std::string current;
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
      continue;
    }
    size_t last = line.find_last_not_of(" \t\r");
    std::string_view words(line.data() + first, last - first + 1);
    if (first > 0 && !current.empty()) {
      paragraphs.push_back(std::move(current));
      current.clear();
    }
    if (!current.empty()) current.push_back(' ');
    current.append(words);
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  while (!paragraphs.empty() &&
         (paragraphs.back() == "Reuter" || paragraphs.back() == "REUTER")) {
    paragraphs.pop_back();
  }
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

inline std::string ReutersDate(std::string_view raw) {
  static constexpr std::string_view kMonths[] = {
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN",
      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  size_t b = raw.find_first_not_of(' ');
  if (b == std::string_view::npos) return "";
  raw.remove_prefix(b);
  size_t dash = raw.find('-');
  if (dash == std::string_view::npos || dash > 2 || raw.size() < dash + 9) {
    return "";
  }
  std::string_view mon = raw.substr(dash + 1, 3);
  for (int m = 0; m < 12; ++m) {
    if (mon == kMonths[m]) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%.4s-%02d-%02d",
                    raw.substr(dash + 5, 4).data(), m + 1,
                    std::atoi(std::string(raw.substr(0, dash)).c_str()));
      return buf;
    }
  }
  return "";
}

inline std::vector<Document> ReadReuters(const std::string& path) {
  std::vector<Document> docs;
  std::string data;
  if (!ReadWholeFile(path, &data)) return docs;
  std::string_view all(data);
  for (size_t pos = all.find("<REUTERS"); pos != std::string_view::npos;
       pos = all.find("<REUTERS", pos + 1)) {
    size_t end = all.find("</REUTERS>", pos);
    if (end == std::string_view::npos) break;
    std::string_view story = all.substr(pos, end - pos);
    size_t id = story.find("NEWID=\"");
    if (id == std::string_view::npos) continue;
    id += 7;
    Document d;
    d.id = "reuters-" + std::string(story.substr(id, story.find('"', id) - id));
    d.date = ReutersDate(SgmlField(story, "DATE"));
    d.title = UnwrapReutersBody(DecodeSgml(SgmlField(story, "TITLE")));
    std::string body = UnwrapReutersBody(DecodeSgml(SgmlField(story, "BODY")));
    d.text = d.title.empty() ? body
             : body.empty()  ? d.title
                             : d.title + "\n\n" + body;
    if (!d.text.empty()) docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace ladder::bench

#endif  // LADDER_BENCH_NEWS_CORPUS_H_
