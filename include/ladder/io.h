// Reading documents and writing/reading event records.
//
// Thread-safety: the free functions are thread-safe; a DocumentReader is used
// by one thread at a time.
#ifndef LADDER_IO_H_
#define LADDER_IO_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "ladder/event.h"
#include "ladder/status.h"

namespace ladder {

// One event as one line of JSON (no trailing newline), exactly as DESIGN.md.
std::string EventToJson(const Event& event);
// Parses one JSON event line (as written by EventToJson). Errors name no
// input; callers prefix "file:line: ".
Result<Event> EventFromJson(std::string_view line);

// Tab-separated Phoenix-like columns and CSV; headers without newline.
std::string TsvHeader();
std::string EventToTsv(const Event& event);
std::string CsvHeader();
std::string EventToCsv(const Event& event);

// kPetrarchXml: PETRARCH <Sentence> records; kTabari: TABARI text records
// (doc/formats/legacy.md, "Input records").
enum class InputFormat { kAuto, kText, kJsonl, kPetrarchXml, kTabari };

struct ReaderOptions {
  InputFormat format = InputFormat::kAuto;
  // "YYYY-MM-DD": the date of a plain-text or JSONL document that carries
  // none of its own (no "date" field, or an empty one).
  std::string default_date;
  // For plain text: the document id to use instead of the derived one.
  std::string text_id;
};

// The id of a plain-text document read from `path` ("-" = stdin): the file's
// base name (or "stdin") and a hash of the text, "article-1f3a9c0b77e2", so
// two different texts under one name never share event ids and the same
// text always gets the same ones.
std::string PlainTextId(const std::string& path, std::string_view text);

// Streams documents from one input: a plain-text file is one document (its id
// is PlainTextId, or ReaderOptions::text_id); a JSONL file holds one
// {"id","date","text",...} object a line. A plain-text or JSONL document's
// date is its own "date" (JSONL), else ReaderOptions::default_date, else the
// full date of its dateline (FindDatelineDate); with none, Next returns
// kError naming the document and date_missing() is true (JSONL: for that
// record only; reading goes on). Each PETRARCH <Sentence> record or TABARI text record is
// one document (its id and date). kAuto looks at the start: '{' is JSONL,
// '<' PETRARCH XML, a "YYMMDD ID" line TABARI, anything else text. Memory
// is bounded by one record.
class DocumentReader {
 public:
  enum class Outcome { kDocument, kError, kEnd };

  // `path` "-" reads standard input. The reader owns the stream.
  static Result<std::unique_ptr<DocumentReader>> Open(
      const std::string& path, const ReaderOptions& options);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // kDocument: *doc is filled. kError: *error names "input:line: what"; the
  // record is skipped and reading may go on. kEnd: nothing more.
  Outcome Next(Document* doc, Status* error);

  const std::string& name() const { return name_; }
  // "name:line" of the record last returned (the line where it starts), or
  // the name (text).
  std::string where() const {
    return record_line_ > 0 ? name_ + ":" + std::to_string(record_line_) : name_;
  }
  InputFormat format() const { return format_; }
  // True after a kError for a plain-text or JSONL document with no date
  // (none of its own, no default_date and no dateline date): the caller's
  // usage error. Reset by every Next.
  bool date_missing() const { return date_missing_; }
  // Bytes consumed so far (for progress bars).
  int64_t bytes_read() const { return bytes_read_; }
  int64_t size() const { return size_; }  // -1 if unknown (stdin)

 private:
  DocumentReader() = default;
  bool ReadLine(std::string* line);
  // The document's own date, else default_date_, else its dateline's; ""
  // if none.
  std::string DateOf(std::string_view own_date, std::string_view text) const;
  Outcome NextText(Document* doc, Status* error);
  Outcome NextJsonl(Document* doc, Status* error);
  Outcome NextPetrarch(Document* doc, Status* error);
  Outcome NextTabari(Document* doc, Status* error);
  // PETRARCH: the next <Sentence>...</Sentence> in xml_ (reading more as
  // needed), comments skipped; false at the end of the input.
  bool NextSentenceElement(std::string* element, Status* error);

  std::string name_;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  InputFormat format_ = InputFormat::kAuto;
  std::string default_date_;
  std::string text_id_;
  bool date_missing_ = false;
  std::string pending_;  // bytes peeked for format detection
  bool text_done_ = false;
  int64_t line_no_ = 0;      // lines read so far
  int64_t record_line_ = 0;  // first line of the record last returned
  // PETRARCH: unread XML, and the line number of its first byte.
  std::string xml_;
  int64_t xml_line_ = 1;
  size_t search_from_ = 0;  // where the pending closing tag is looked for
  bool xml_eof_ = false;
  // TABARI: a header line read ahead, and whether a /* comment is open.
  std::string held_;
  int64_t held_line_ = 0;
  bool has_held_ = false;
  bool in_comment_ = false;
  bool reported_stray_ = false;
  int64_t bytes_read_ = 0;
  int64_t size_ = -1;
};

// Parses one JSONL document line. `where` prefixes error messages. "id",
// "date" and "text" are required; an empty "date" is an error too.
Result<Document> DocumentFromJson(std::string_view line, std::string_view where);

}  // namespace ladder

#endif  // LADDER_IO_H_
