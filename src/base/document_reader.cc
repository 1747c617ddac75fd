// DocumentReader: plain text, JSONL, PETRARCH XML or TABARI records, streamed.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <simdjson.h>

#include "base/date.h"
#include "base/legacy_records.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "ladder/io.h"

namespace ladder {

namespace {

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = name.find_last_of('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

// A JSONL document's fields; its date may be missing or empty (the
// reader and DocumentFromJson each decide what that means).
Result<Document> ParseJsonDocument(std::string_view line, std::string_view where);

}  // namespace

std::string PlainTextId(const std::string& path, std::string_view text) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a, 64 bits
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  std::string base = path == "-" || path == "<stdin>" ? "stdin" : BaseName(path);
  return base + "-" + std::string(hex, 12);
}

Result<std::unique_ptr<DocumentReader>> DocumentReader::Open(
    const std::string& path, const ReaderOptions& options) {
  std::unique_ptr<DocumentReader> reader(new DocumentReader());
  reader->format_ = options.format;
  reader->default_date_ = options.default_date;
  reader->text_id_ = options.text_id;
  if (path == "-") {
    reader->name_ = "<stdin>";
    reader->file_ = stdin;
    reader->owns_file_ = false;
  } else {
    reader->name_ = path;
    struct stat st;
    if (stat(path.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        return InvalidArgument(path + ": is a directory");
      }
      reader->size_ = st.st_size;
    }
    reader->file_ = std::fopen(path.c_str(), "rb");
    if (reader->file_ == nullptr) {
      return IoError(path + ": " + std::strerror(errno));
    }
    reader->owns_file_ = true;
  }
  if (reader->format_ == InputFormat::kAuto) {
    // Peek at the first non-blank byte: '{' means JSONL, '<' PETRARCH XML;
    // a digit may start a TABARI header ("950101 DEMO-01"): peek at the
    // rest of its line.
    int c;
    while ((c = std::fgetc(reader->file_)) != EOF) {
      reader->pending_.push_back(static_cast<char>(c));
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
      if (reader->pending_.size() > 4096) break;
    }
    char first = reader->pending_.empty() ? '\0' : reader->pending_.back();
    reader->format_ = first == '{'   ? InputFormat::kJsonl
                      : first == '<' ? InputFormat::kPetrarchXml
                                     : InputFormat::kText;
    if (first >= '0' && first <= '9') {
      size_t line_start = reader->pending_.size() - 1;
      while ((c = std::fgetc(reader->file_)) != EOF && c != '\n' &&
             reader->pending_.size() < line_start + 4096) {
        reader->pending_.push_back(static_cast<char>(c));
      }
      // A real date and an id without lower-case letters: plain text may
      // start "100000 people ...".
      std::string date, id;
      if (base::ParseTabariHeader(std::string_view(reader->pending_).substr(line_start),
                                  &date, &id) &&
          !date.empty() && std::none_of(id.begin(), id.end(), [](char ch) {
            return ch >= 'a' && ch <= 'z';
          })) {
        reader->format_ = InputFormat::kTabari;
      }
      if (c == '\n') reader->pending_.push_back('\n');
    }
  }
  return reader;
}

DocumentReader::~DocumentReader() {
  if (owns_file_ && file_ != nullptr) std::fclose(file_);
}

bool DocumentReader::ReadLine(std::string* line) {
  line->clear();
  if (!pending_.empty()) {
    line->swap(pending_);
    size_t nl = line->find('\n');
    if (nl != std::string::npos) {
      pending_ = line->substr(nl + 1);
      line->resize(nl);
      bytes_read_ += static_cast<int64_t>(nl + 1);
      return true;
    }
    bytes_read_ += static_cast<int64_t>(line->size());
  }
  bool got = !line->empty();
  // getline, not fgets: a NUL byte inside a line is data, and fgets would
  // hide the bytes after it.
  char* buf = nullptr;
  size_t capacity = 0;
  ssize_t n = getline(&buf, &capacity, file_);
  if (n > 0) {
    got = true;
    bytes_read_ += static_cast<int64_t>(n);
    size_t len = static_cast<size_t>(n);
    if (buf[len - 1] == '\n') --len;
    line->append(buf, len);
  }
  std::free(buf);
  return got;
}

namespace {

// The story of a PETRARCH <Sentence> record: its id up to a final
// "-<number>" ("AFP0808020593-2" -> "AFP0808020593"); "" (a story of its
// own) for an id without one.
std::string PetrarchStory(const std::string& id) {
  size_t dash = id.find_last_of('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == id.size()) return "";
  for (size_t k = dash + 1; k < id.size(); ++k) {
    if (id[k] < '0' || id[k] > '9') return "";
  }
  return id.substr(0, dash);
}

}  // namespace

DocumentReader::Outcome DocumentReader::Next(Document* doc, Status* error) {
  date_missing_ = false;  // about the record this call returns
  Outcome outcome;
  switch (format_) {
    case InputFormat::kJsonl:
      outcome = NextJsonl(doc, error);
      break;
    case InputFormat::kPetrarchXml:
      outcome = NextPetrarch(doc, error);
      break;
    case InputFormat::kTabari:
      outcome = NextTabari(doc, error);
      break;
    default:
      outcome = NextText(doc, error);
      break;
  }
  if (outcome == Outcome::kDocument) {
    doc->story = format_ == InputFormat::kPetrarchXml ? PetrarchStory(doc->id) : "";
  }
  return outcome;
}

std::string DocumentReader::DateOf(std::string_view own_date,
                                   std::string_view text) const {
  std::string date(base::Trim(own_date));
  if (date.empty()) date = default_date_;
  if (date.empty()) date = base::FindDatelineDate(text);
  return date;
}

DocumentReader::Outcome DocumentReader::NextText(Document* doc,
                                                 Status* error) {
  if (text_done_) return Outcome::kEnd;
  text_done_ = true;
  std::string text;
  text.swap(pending_);
  bytes_read_ += static_cast<int64_t>(text.size());
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, file_)) > 0) {
    text.append(buf, n);
    bytes_read_ += static_cast<int64_t>(n);
  }
  if (std::ferror(file_)) {
    *error = IoError(name_ + ": read error");
    return Outcome::kError;
  }
  if (base::Trim(text).empty()) return Outcome::kEnd;
  size_t bad = base::FindInvalidUtf8(text);
  if (bad != std::string::npos) {
    *error = InvalidArgument(name_ + ": invalid UTF-8 at byte " +
                             std::to_string(bad));
    return Outcome::kError;
  }
  std::string date = DateOf("", text);
  if (date.empty()) {
    date_missing_ = true;
    *error = InvalidArgument(name_ +
                             ": no date: plain text needs a date, YYYY-MM-DD (its first line has "
                             "no full date; without one, relative dates and leaders' roles "
                             "cannot be resolved)");
    return Outcome::kError;
  }
  *doc = Document();
  doc->id = text_id_.empty() ? PlainTextId(name_, text) : text_id_;
  doc->date = std::move(date);
  doc->text = std::move(text);
  return Outcome::kDocument;
}

DocumentReader::Outcome DocumentReader::NextJsonl(Document* doc,
                                                  Status* error) {
  std::string line;
  while (ReadLine(&line)) {
    ++line_no_;
    if (base::Trim(line).empty()) continue;
    record_line_ = line_no_;
    std::string where = name_ + ":" + std::to_string(line_no_);
    auto parsed = ParseJsonDocument(line, where);
    if (!parsed.ok()) {
      *error = parsed.status();
      return Outcome::kError;
    }
    // A record without a date is treated as plain text without one: the
    // --date given, else its dateline, else a usage error naming it.
    parsed->date = DateOf(parsed->date, parsed->text);
    if (parsed->date.empty()) {
      date_missing_ = true;
      *error = InvalidArgument(where + ": document '" + parsed->id +
                               "' has no date: give it \"date\": \"YYYY-MM-DD\"");
      return Outcome::kError;
    }
    *doc = std::move(parsed).value();
    return Outcome::kDocument;
  }
  if (std::ferror(file_)) {
    *error = IoError(name_ + ": read error");
    return Outcome::kError;
  }
  return Outcome::kEnd;
}

namespace {

// A record larger than this is refused (a missing </Sentence> would
// otherwise read the whole input into memory).
constexpr size_t kMaxRecordBytes = 16 << 20;

// Does `s` at `at` open a <Sentence> element (not <Sentences>)?
bool OpensSentence(std::string_view s, size_t at) {
  constexpr std::string_view kOpen = "<Sentence";
  if (s.compare(at, kOpen.size(), kOpen) != 0) return false;
  size_t k = at + kOpen.size();
  return k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r' ||
                          s[k] == '\n' || s[k] == '>');
}

int64_t CountLines(std::string_view s) {
  return static_cast<int64_t>(std::count(s.begin(), s.end(), '\n'));
}

// Checks a record's text: UTF-8, something to code.
Status CheckRecordText(const Document& doc, const std::string& where) {
  size_t bad = base::FindInvalidUtf8(doc.text);
  if (bad != std::string::npos) {
    return InvalidArgument(where + ": record '" + doc.id + "': invalid UTF-8 at byte " +
                           std::to_string(bad) + " of its text");
  }
  return Status::Ok();
}

}  // namespace

bool DocumentReader::NextSentenceElement(std::string* element, Status* error) {
  size_t pos = 0;
  // Drops xml_[0, n), keeping xml_line_ the line of xml_[0].
  auto consume = [&](size_t n) {
    xml_line_ += CountLines(std::string_view(xml_).substr(0, n));
    xml_.erase(0, n);
    pos = 0;
    search_from_ = 0;
  };
  // An open comment or record waits for more lines: its closing tag is
  // looked for only in what is new (less its length), so a long record is
  // scanned once, not once a line; past kMaxRecordBytes it is an error.
  auto wait_for_close = [&](size_t open, const char* what) {
    consume(open);
    search_from_ = xml_.size() > 11 ? xml_.size() - 11 : 0;
    if (xml_.size() <= kMaxRecordBytes) return false;
    record_line_ = xml_line_;
    *error = InvalidArgument(name_ + ":" + std::to_string(xml_line_) + ": " + what +
                             " not closed within " +
                             std::to_string(kMaxRecordBytes >> 20) + " MB");
    xml_.clear();  // resynchronise at the next <Sentence>
    search_from_ = 0;
    xml_line_ = line_no_ + 1;
    return true;
  };
  while (true) {
    // Scan for the next comment or <Sentence> start.
    size_t lt = xml_.find('<', pos);
    bool need_more = false;
    if (lt == std::string::npos) {
      consume(xml_.size());
      need_more = true;
    } else if (xml_.compare(lt, 4, "<!--") == 0) {
      size_t close = xml_.find("-->", std::max(lt + 4, search_from_));
      if (close == std::string::npos) {
        if (wait_for_close(lt, "comment")) return true;
        need_more = true;
      } else {
        pos = close + 3;
        search_from_ = 0;
      }
    } else if (OpensSentence(xml_, lt)) {
      size_t close = xml_.find("</Sentence>", std::max(lt, search_from_));
      if (close == std::string::npos) {
        if (wait_for_close(lt, "<Sentence>")) return true;
        need_more = true;
      } else {
        consume(lt);
        record_line_ = xml_line_;
        size_t end = close - lt + std::string_view("</Sentence>").size();
        *element = xml_.substr(0, end);
        consume(end);
        return true;
      }
    } else {
      pos = lt + 1;
    }
    if (!need_more) continue;
    if (xml_eof_) {
      if (OpensSentence(xml_, 0)) {
        record_line_ = xml_line_;
        *error = InvalidArgument(name_ + ":" + std::to_string(xml_line_) +
                                 ": <Sentence> not closed before the end of the input");
        xml_.clear();
        search_from_ = 0;
        return true;
      }
      return false;
    }
    std::string line;
    if (!ReadLine(&line)) {
      xml_eof_ = true;
      if (std::ferror(file_)) {
        *error = IoError(name_ + ": read error");
        xml_.clear();
        search_from_ = 0;
        return true;
      }
      continue;
    }
    ++line_no_;
    if (xml_.empty()) xml_line_ = line_no_;
    xml_.append(line).push_back('\n');
  }
}

DocumentReader::Outcome DocumentReader::NextPetrarch(Document* doc, Status* error) {
  std::string element;
  *error = Status::Ok();
  if (!NextSentenceElement(&element, error)) return Outcome::kEnd;
  if (!error->ok()) return Outcome::kError;
  std::string where = name_ + ":" + std::to_string(record_line_);
  Result<Document> parsed = base::ParsePetrarchSentence(element, where);
  if (!parsed.ok()) {
    *error = parsed.status();
    return Outcome::kError;
  }
  *doc = std::move(parsed).value();
  *error = CheckRecordText(*doc, where);
  return error->ok() ? Outcome::kDocument : Outcome::kError;
}

DocumentReader::Outcome DocumentReader::NextTabari(Document* doc, Status* error) {
  // The header: held from the last call, or the next one found.
  std::string header, date, id, scratch;
  int64_t header_line = 0;
  if (has_held_) {
    header.swap(held_);
    header_line = held_line_;
    has_held_ = false;
  }
  while (header_line == 0 && ReadLine(&scratch)) {
    ++line_no_;
    if (!in_comment_ && base::ParseTabariHeader(scratch, &date, &id)) {
      header.swap(scratch);
      header_line = line_no_;
    } else if (!in_comment_ && !base::Trim(scratch).empty() && !reported_stray_) {
      reported_stray_ = true;  // once: the rest of such text is skipped quietly
      record_line_ = line_no_;
      *error = InvalidArgument(name_ + ":" + std::to_string(line_no_) +
                               ": text outside a record (a record starts with a "
                               "'YYMMDD ID' header line); skipped");
      return Outcome::kError;
    }
  }
  if (header_line == 0) {
    if (std::ferror(file_)) {
      *error = IoError(name_ + ": read error");
      return Outcome::kError;
    }
    return Outcome::kEnd;
  }
  base::ParseTabariHeader(header, &date, &id);
  // The text: the lines up to the next header, /* comments */ left out
  // (in a TABARI suite they hold the expected codings).
  std::string text;
  while (ReadLine(&scratch)) {
    ++line_no_;
    std::string next_date, next_id;
    if (!in_comment_ && base::ParseTabariHeader(scratch, &next_date, &next_id)) {
      held_.swap(scratch);
      held_line_ = line_no_;
      has_held_ = true;
      break;
    }
    base::SplitTabariComments(scratch, &in_comment_, &text, nullptr);
  }
  record_line_ = header_line;
  std::string where = name_ + ":" + std::to_string(header_line);
  if (date.empty()) {
    *error = InvalidArgument(where + ": record '" + id +
                             "' has a bad date (YYMMDD or YYYYMMDD)");
    return Outcome::kError;
  }
  *doc = Document();
  doc->id = std::move(id);
  doc->date = std::move(date);
  doc->text = base::CollapseSpace(text);
  if (doc->text.empty()) {
    *error = InvalidArgument(where + ": record '" + doc->id + "' has no text");
    return Outcome::kError;
  }
  *error = CheckRecordText(*doc, where);
  return error->ok() ? Outcome::kDocument : Outcome::kError;
}

Result<Document> DocumentFromJson(std::string_view line,
                                  std::string_view where) {
  ASSIGN_OR_RETURN(Document doc, ParseJsonDocument(line, where));
  if (base::Trim(doc.date).empty()) {
    return InvalidArgument(std::string(where) + ": document '" + doc.id +
                           "' has no date (\"date\": \"YYYY-MM-DD\" is required)");
  }
  return doc;
}

namespace {

Result<Document> ParseJsonDocument(std::string_view line,
                                   std::string_view where) {
  std::string prefix(where);
  size_t bad = base::FindInvalidUtf8(line);
  if (bad != std::string::npos) {
    return InvalidArgument(prefix + ": invalid UTF-8 at byte " +
                           std::to_string(bad));
  }
  // simdjson: input documents are the CLI's hot path (nlohmann's parser
  // took as long as coding the text). One parser per thread keeps its
  // buffers between lines.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.parse(line.data(), line.size()).get(root); err) {
    return InvalidArgument(prefix + ": malformed JSON (" +
                           simdjson::error_message(err) + ")");
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return InvalidArgument(prefix + ": a document must be a JSON object");
  }
  Document doc;
  auto field = [&](const char* key, std::string* out,
                   bool required) -> Status {
    simdjson::dom::element value;
    if (object[key].get(value) != simdjson::SUCCESS || value.is_null()) {
      if (required) {
        return InvalidArgument(prefix + ": missing required field '" + key +
                               "'");
      }
      return Status::Ok();
    }
    std::string_view text;
    int64_t number;
    uint64_t unsigned_number;
    if (value.get_string().get(text) == simdjson::SUCCESS) {
      out->assign(text.data(), text.size());
    } else if (std::strcmp(key, "id") == 0 &&
               value.get_int64().get(number) == simdjson::SUCCESS) {
      *out = std::to_string(number);
    } else if (std::strcmp(key, "id") == 0 &&
               value.get_uint64().get(unsigned_number) == simdjson::SUCCESS) {
      *out = std::to_string(unsigned_number);
    } else {
      return InvalidArgument(prefix + ": field '" + key +
                             "' must be a string");
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(field("id", &doc.id, true));
  RETURN_IF_ERROR(field("date", &doc.date, false));
  RETURN_IF_ERROR(field("text", &doc.text, true));
  RETURN_IF_ERROR(field("title", &doc.title, false));
  RETURN_IF_ERROR(field("url", &doc.url, false));
  RETURN_IF_ERROR(field("source", &doc.source, false));
  return doc;
}

}  // namespace

}  // namespace ladder
