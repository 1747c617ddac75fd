// DocumentReader: plain text or JSONL documents, streamed.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <simdjson.h>

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

}  // namespace

Result<std::unique_ptr<DocumentReader>> DocumentReader::Open(
    const std::string& path, const ReaderOptions& options) {
  std::unique_ptr<DocumentReader> reader(new DocumentReader());
  reader->format_ = options.format;
  reader->default_date_ = options.default_date;
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
    // Peek at the first non-blank byte: '{' means JSONL.
    int c;
    while ((c = std::fgetc(reader->file_)) != EOF) {
      reader->pending_.push_back(static_cast<char>(c));
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
      if (reader->pending_.size() > 4096) break;
    }
    reader->format_ =
        (!reader->pending_.empty() && reader->pending_.back() == '{')
            ? InputFormat::kJsonl
            : InputFormat::kText;
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

DocumentReader::Outcome DocumentReader::Next(Document* doc, Status* error) {
  if (format_ == InputFormat::kJsonl) return NextJsonl(doc, error);
  return NextText(doc, error);
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
  *doc = Document();
  doc->id = name_ == "<stdin>" ? "stdin" : BaseName(name_);
  doc->date = default_date_;
  doc->text = std::move(text);
  return Outcome::kDocument;
}

DocumentReader::Outcome DocumentReader::NextJsonl(Document* doc,
                                                  Status* error) {
  std::string line;
  while (ReadLine(&line)) {
    ++line_no_;
    if (base::Trim(line).empty()) continue;
    std::string where = name_ + ":" + std::to_string(line_no_);
    auto parsed = DocumentFromJson(line, where);
    if (!parsed.ok()) {
      *error = parsed.status();
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

Result<Document> DocumentFromJson(std::string_view line,
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
  RETURN_IF_ERROR(field("date", &doc.date, true));
  RETURN_IF_ERROR(field("text", &doc.text, true));
  RETURN_IF_ERROR(field("title", &doc.title, false));
  RETURN_IF_ERROR(field("url", &doc.url, false));
  RETURN_IF_ERROR(field("source", &doc.source, false));
  return doc;
}

}  // namespace ladder
