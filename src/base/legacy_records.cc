#include "base/legacy_records.h"

#include <cctype>
#include <pugixml.hpp>

#include "base/date.h"
#include "base/strings.h"

namespace ladder::base {

bool ParseTabariHeader(std::string_view line, std::string* date, std::string* id) {
  size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) {
    ++digits;
  }
  if ((digits != 6 && digits != 8) || digits >= line.size() ||
      !std::isspace(static_cast<unsigned char>(line[digits]))) {
    return false;
  }
  std::string_view rest = Trim(line.substr(digits));
  if (rest.empty()) return false;
  *date = LegacyDateToIso(line.substr(0, digits));
  *id = std::string(rest.substr(0, rest.find_first_of(" \t")));
  return true;
}

void SplitTabariComments(std::string_view line, bool* in_comment, std::string* text,
                         std::string* comments) {
  size_t pos = 0;
  while (pos <= line.size()) {
    size_t mark = line.find(*in_comment ? "*/" : "/*", pos);
    std::string_view part = line.substr(
        pos, mark == std::string_view::npos ? std::string_view::npos : mark - pos);
    std::string* to = *in_comment ? comments : text;
    if (to != nullptr) to->append(part).push_back(' ');
    if (mark == std::string_view::npos) break;
    *in_comment = !*in_comment;
    pos = mark + 2;
  }
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

Result<Document> ParsePetrarchSentence(std::string_view element, std::string_view where) {
  std::string prefix(where);
  pugi::xml_document xml;
  pugi::xml_parse_result parsed = xml.load_buffer(element.data(), element.size(),
                                                  pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return InvalidArgument(prefix + ": malformed <Sentence> (" + parsed.description() +
                           " at byte " + std::to_string(parsed.offset) + " of the record)");
  }
  pugi::xml_node n = xml.child("Sentence");
  if (!n) return InvalidArgument(prefix + ": expected a <Sentence> element");
  Document doc;
  doc.id = std::string(Trim(n.attribute("id").value()));
  if (doc.id.empty()) return InvalidArgument(prefix + ": <Sentence> has no id");
  std::string date = n.attribute("date").value();
  doc.date = LegacyDateToIso(date);
  if (doc.date.empty()) {
    return InvalidArgument(prefix + ": record '" + doc.id + "' has a bad date '" + date +
                           "' (YYYYMMDD or YYMMDD)");
  }
  doc.source = std::string(Trim(n.attribute("source").value()));
  doc.text = CollapseSpace(n.child("Text").child_value());
  if (doc.text.empty()) {
    return InvalidArgument(prefix + ": record '" + doc.id + "' has no <Text>");
  }
  return doc;
}

}  // namespace ladder::base
