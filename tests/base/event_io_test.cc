// Tests for src/base/event_io.cc and DocumentFromJson (ladder/io.h).
#include <gtest/gtest.h>

#include <string>

#include "base/strings.h"
#include "ladder/io.h"

namespace ladder {
namespace {

Event FullEvent() {
  Event e;
  e.event_id = "d1-s2-e1";
  e.doc_id = "d1";
  e.sentence = 2;
  e.date = "2014-02-27";
  e.source = Actor{"RUSGOV", "RUS", "GOV", "the Kremlin"};
  e.target = Actor{"UKR", "UKR", "", "Ukraine, \"Kyiv\"\n"};
  e.cameo = "1124";
  e.root = "11";
  e.quad_class = 3;
  e.goldstein = -2.0;
  e.plover_event = "ACCUSE";
  e.plover_mode = "";
  e.modality = Modality::kAlleged;
  e.attribution = "officials\t(unnamed)";
  e.verb = "accused";
  e.evidence_text = "Caf\xC3\xA9 \\ \x01 end";
  e.evidence_begin = 10;
  e.evidence_end = 42;
  e.issues = {"NUCLEAR", "SANCTIONS"};
  return e;
}

void ExpectSameEvent(const Event& a, const Event& b) {
  EXPECT_EQ(a.event_id, b.event_id);
  EXPECT_EQ(a.doc_id, b.doc_id);
  EXPECT_EQ(a.sentence, b.sentence);
  EXPECT_EQ(a.date, b.date);
  ASSERT_EQ(a.source.has_value(), b.source.has_value());
  if (a.source) {
    EXPECT_EQ(a.source->code, b.source->code);
    EXPECT_EQ(a.source->country, b.source->country);
    EXPECT_EQ(a.source->agent, b.source->agent);
    EXPECT_EQ(a.source->text, b.source->text);
  }
  ASSERT_EQ(a.target.has_value(), b.target.has_value());
  if (a.target) {
    EXPECT_EQ(a.target->text, b.target->text);
  }
  EXPECT_EQ(a.cameo, b.cameo);
  EXPECT_EQ(a.root, b.root);
  EXPECT_EQ(a.quad_class, b.quad_class);
  EXPECT_DOUBLE_EQ(a.goldstein, b.goldstein);
  EXPECT_EQ(a.plover_event, b.plover_event);
  EXPECT_EQ(a.plover_mode, b.plover_mode);
  EXPECT_EQ(a.modality, b.modality);
  EXPECT_EQ(a.attribution, b.attribution);
  EXPECT_EQ(a.verb, b.verb);
  EXPECT_EQ(a.evidence_text, b.evidence_text);
  EXPECT_EQ(a.evidence_begin, b.evidence_begin);
  EXPECT_EQ(a.evidence_end, b.evidence_end);
  EXPECT_EQ(a.issues, b.issues);
}

TEST(EventIoTest, JsonRoundTrip) {
  Event e = FullEvent();
  std::string json = EventToJson(e);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  auto back = EventFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ExpectSameEvent(e, *back);
  EXPECT_EQ(EventToJson(*back), json);
}

TEST(EventIoTest, JsonRoundTripWithoutOptionalParts) {
  Event e;
  e.event_id = "x-s1-e1";
  e.doc_id = "x";
  e.sentence = 1;
  e.cameo = "040";
  e.root = "04";
  std::string json = EventToJson(e);
  EXPECT_NE(json.find("\"source\": null"), std::string::npos);
  EXPECT_NE(json.find("\"attribution\": null"), std::string::npos);
  EXPECT_EQ(json.find("issues"), std::string::npos);
  auto back = EventFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ExpectSameEvent(e, *back);
}

TEST(EventIoTest, EventFromJsonRejectsBadRecords) {
  EXPECT_FALSE(EventFromJson("").ok());
  EXPECT_FALSE(EventFromJson("{").ok());
  EXPECT_FALSE(EventFromJson("[1, 2]").ok());
  EXPECT_FALSE(EventFromJson("{\"doc_id\": \"x\"}").ok());  // no cameo
  EXPECT_FALSE(EventFromJson("{\"cameo\": \"040\", \"source\": 7}").ok());
  auto bad_modality = EventFromJson("{\"cameo\": \"040\", \"modality\": \"maybe\"}");
  ASSERT_FALSE(bad_modality.ok());
  EXPECT_NE(bad_modality.status().message().find("maybe"), std::string::npos);
  // Out-of-range numbers are errors, not undefined casts.
  EXPECT_FALSE(EventFromJson("{\"cameo\": \"040\", \"quad_class\": 1e300}").ok());
  EXPECT_FALSE(EventFromJson("{\"cameo\": \"040\", \"quad_class\": -1}").ok());
  auto float_quad = EventFromJson("{\"cameo\": \"040\", \"quad_class\": 2.0}");
  ASSERT_TRUE(float_quad.ok());
  EXPECT_EQ(float_quad->quad_class, 2);
  auto minimal = EventFromJson("{\"cameo\": \"0874\"}");
  ASSERT_TRUE(minimal.ok());
  EXPECT_EQ(minimal->root, "08");
}

// Found by the jsonl fuzzer: a code starting with a multi-byte character
// gave a root holding half of it, and the written event did not read back.
TEST(EventIoTest, RootNeverSplitsAUtf8Character) {
  auto e = EventFromJson("{\"cameo\": \"0\xD7\xA2]]]0\", \"quad_class\": 0e300}");
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->root, "");
  auto again = EventFromJson(EventToJson(*e));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(EventToJson(*again), EventToJson(*e));
  auto plain = EventFromJson(R"({"cameo": "0231"})");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->root, "02");
}

TEST(EventIoTest, CsvQuotesOnlyWhenNeeded) {
  auto csv = [](std::string_view s) {
    std::string out;
    base::AppendCsvField(s, &out);
    return out;
  };
  EXPECT_EQ(csv("plain"), "plain");
  EXPECT_EQ(csv(""), "");
  EXPECT_EQ(csv("a,b"), "\"a,b\"");
  EXPECT_EQ(csv("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(csv("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv("tab\there"), "tab\there");
}

TEST(EventIoTest, CsvAndTsvRows) {
  Event e = FullEvent();
  std::string header = CsvHeader();
  EXPECT_EQ(header.rfind("event_id,date,source,target,cameo", 0), 0u);
  EXPECT_EQ(TsvHeader().rfind("event_id\tdate\tsource\ttarget\tcameo", 0), 0u);
  std::string row = EventToCsv(e);
  EXPECT_EQ(row.rfind("d1-s2-e1,2014-02-27,RUSGOV,UKR,1124,11,3,-2.0,", 0), 0u) << row;
  EXPECT_NE(row.find("\"Ukraine, \"\"Kyiv\"\"\n\""), std::string::npos) << row;
  std::string tsv = EventToTsv(e);
  EXPECT_EQ(tsv.find('\n'), std::string::npos);  // newlines and tabs become spaces
  size_t tabs = 0;
  for (char c : tsv) tabs += c == '\t';
  size_t columns = 1;
  for (char c : TsvHeader()) columns += c == '\t';
  EXPECT_EQ(tabs + 1, columns);
}

TEST(EventIoTest, JsonEscaping) {
  std::string out;
  base::AppendJsonEscaped("a\"b\\c\n\t\x01", &out);
  EXPECT_EQ(out, "a\\\"b\\\\c\\n\\t\\u0001");
}

TEST(DocumentFromJsonTest, ReadsFields) {
  auto doc = DocumentFromJson(
      R"({"id": "d1", "date": "2014-02-27", "text": "Hi.", "title": "T", "url": null, "extra": [1]})",
      "in.jsonl:3");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->id, "d1");
  EXPECT_EQ(doc->date, "2014-02-27");
  EXPECT_EQ(doc->text, "Hi.");
  EXPECT_EQ(doc->title, "T");
  EXPECT_EQ(doc->url, "");
  auto int_id = DocumentFromJson(R"({"id": 17, "date": "2014-02-27", "text": "x"})", "w");
  ASSERT_TRUE(int_id.ok());
  EXPECT_EQ(int_id->id, "17");
  // An empty date is reported like a missing one.
  auto undated = DocumentFromJson(R"({"id": "u", "date": "", "text": "x"})", "w:2");
  ASSERT_FALSE(undated.ok());
  EXPECT_EQ(undated.status().message().rfind("w:2: document 'u' has no date", 0), 0u)
      << undated.status().message();
}

TEST(DocumentFromJsonTest, ErrorsNameThePlace) {
  struct Case {
    std::string line;
    std::string want;
  };
  const Case cases[] = {
      {"{\"id\": \"a\", \"date\": \"\", \"text\": \"\xFF\"}", "in.jsonl:9: invalid UTF-8 at byte 33"},
      {"{\"id\": \"a\", ", "in.jsonl:9: malformed JSON (The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.)"},
      {"{\"id\": \"a\", \"date\": \"\", \"text\": \"x\"} trailing", "in.jsonl:9: malformed JSON (The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.)"},
      {"[1]", "in.jsonl:9: a document must be a JSON object"},
      {"{\"id\": \"a\", \"date\": \"\"}", "in.jsonl:9: missing required field 'text'"},
      {"{\"date\": \"\", \"text\": \"x\"}", "in.jsonl:9: missing required field 'id'"},
      {"{\"id\": [1], \"date\": \"\", \"text\": \"x\"}", "in.jsonl:9: field 'id' must be a string"},
      {"{\"id\": 1.5, \"date\": \"\", \"text\": \"x\"}", "in.jsonl:9: field 'id' must be a string"},
      {"{\"id\": \"a\", \"date\": \"\", \"text\": 3}", "in.jsonl:9: field 'text' must be a string"},
  };
  for (const Case& c : cases) {
    auto doc = DocumentFromJson(c.line, "in.jsonl:9");
    ASSERT_FALSE(doc.ok()) << c.line;
    EXPECT_EQ(doc.status().message(), c.want) << c.line;
    EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace ladder
