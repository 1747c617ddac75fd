// Tests for ladder::DocumentReader (src/base/document_reader.cc).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "ladder/io.h"

namespace ladder {
namespace {

class DocumentReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ladder_reader_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_ + "/" + name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    EXPECT_NE(f, nullptr);
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
    return path;
  }

  struct Read {
    std::vector<Document> docs;
    std::vector<std::string> errors;
  };

  Read ReadAll(const std::string& path, ReaderOptions options = {}) {
    Read out;
    auto reader = DocumentReader::Open(path, options);
    EXPECT_TRUE(reader.ok()) << reader.status().message();
    if (!reader.ok()) return out;
    Document doc;
    Status error;
    DocumentReader::Outcome outcome;
    int guard = 0;
    while ((outcome = (*reader)->Next(&doc, &error)) !=
               DocumentReader::Outcome::kEnd &&
           ++guard < 10000) {
      if (outcome == DocumentReader::Outcome::kError) {
        out.errors.push_back(error.message());
      } else {
        out.docs.push_back(doc);
      }
    }
    return out;
  }

  std::string dir_;
};

TEST_F(DocumentReaderTest, JsonlSkipsBadLinesAndKeepsGoing) {
  std::string path = Write(
      "in.jsonl",
      "{\"id\": \"a\", \"date\": \"2014-02-27\", \"text\": \"One.\"}\n"
      "\n"
      "   \n"
      "{\"id\": \"b\", \"date\": \"2014-02-27\"}\n"
      "not json\n"
      "{\"id\": \"c\", \"date\": \"\", \"text\": \"Bad \xC3\x28.\"}\n"
      "{\"id\": \"d\", \"date\": \"2014-02-28\", \"text\": \"Two.\"}\r\n"
      "{\"id\": 5, \"date\": \"2014-02-28\", \"text\": \"Last, no newline.\"}");
  Read r = ReadAll(path);
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[0].text, "One.");
  EXPECT_EQ(r.docs[1].id, "d");
  EXPECT_EQ(r.docs[2].id, "5");
  EXPECT_EQ(r.docs[2].text, "Last, no newline.");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0], path + ":4: missing required field 'text'");
  EXPECT_EQ(r.errors[1].rfind(path + ":5: malformed JSON ("), 0u) << r.errors[1];
  EXPECT_EQ(r.errors[2].rfind(path + ":6: invalid UTF-8 at byte", 0), 0u) << r.errors[2];
}

TEST_F(DocumentReaderTest, AutoDetectsJsonlAfterBlankLines) {
  std::string path =
      Write("x.txt", "\n\n  {\"id\": \"a\", \"date\": \"2014-02-27\", \"text\": \"T.\"}\n");
  Read r = ReadAll(path);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_TRUE(r.errors.empty());
}

TEST_F(DocumentReaderTest, PlainTextIsOneDocumentNamedAfterTheFile) {
  std::string path = Write("story.2014.txt", "Russia condemned Ukraine.\nSecond line.\n");
  ReaderOptions options;
  options.default_date = "2014-02-27";
  Read r = ReadAll(path, options);
  ASSERT_EQ(r.docs.size(), 1u);
  // The id is the base name and a hash of the text: another text under
  // the same name gets another id.
  EXPECT_EQ(r.docs[0].id.rfind("story.2014-", 0), 0u) << r.docs[0].id;
  EXPECT_EQ(r.docs[0].id, PlainTextId(path, r.docs[0].text));
  EXPECT_NE(r.docs[0].id, PlainTextId(path, "Russia praised Ukraine.\n"));
  EXPECT_EQ(r.docs[0].date, "2014-02-27");
  EXPECT_EQ(r.docs[0].text, "Russia condemned Ukraine.\nSecond line.\n");
  // Standard input: "stdin-" and the hash, so two piped runs differ too.
  EXPECT_EQ(PlainTextId("-", "a").rfind("stdin-", 0), 0u);
  EXPECT_NE(PlainTextId("-", "a"), PlainTextId("-", "b"));
  options.text_id = "given";
  EXPECT_EQ(ReadAll(path, options).docs.at(0).id, "given");
}

TEST_F(DocumentReaderTest, PlainTextWithoutADateIsAnError) {
  std::string path = Write("undated.txt", "Russia condemned Ukraine.\n");
  auto reader = DocumentReader::Open(path, {});
  ASSERT_TRUE(reader.ok());
  Document doc;
  Status error;
  EXPECT_EQ((*reader)->Next(&doc, &error), DocumentReader::Outcome::kError);
  EXPECT_TRUE((*reader)->date_missing());
  EXPECT_EQ(error.message().rfind(path + ": no date", 0), 0u) << error.message();
  // A dateline with a full date is the date.
  std::string dated = Write("dated.txt", "KYIV, March 3, 2022 - Russia attacked Ukraine.\n");
  Read r = ReadAll(dated);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].date, "2022-03-03");
}

TEST_F(DocumentReaderTest, JsonlDocumentWithoutADateIsNamedAndSkipped) {
  std::string path = Write("docs.jsonl",
                           "{\"id\": \"a\", \"text\": \"Russia condemned Ukraine.\"}\n"
                           "{\"id\": \"b\", \"date\": \"2014-02-27\", \"text\": \"x\"}\n"
                           "{\"id\": \"c\", \"date\": \" \", \"text\": "
                           "\"KYIV, March 3, 2022 - Russia attacked Ukraine.\"}\n");
  auto reader = DocumentReader::Open(path, {});
  ASSERT_TRUE(reader.ok());
  Document doc;
  Status error;
  EXPECT_EQ((*reader)->Next(&doc, &error), DocumentReader::Outcome::kError);
  EXPECT_TRUE((*reader)->date_missing());
  EXPECT_EQ(error.message().rfind(path + ":1: document 'a' has no date", 0), 0u)
      << error.message();
  // The flag is about one record: the next one is read and dated.
  EXPECT_EQ((*reader)->Next(&doc, &error), DocumentReader::Outcome::kDocument);
  EXPECT_FALSE((*reader)->date_missing());
  EXPECT_EQ(doc.id, "b");
  // A blank date falls back to the dateline, as plain text does.
  EXPECT_EQ((*reader)->Next(&doc, &error), DocumentReader::Outcome::kDocument);
  EXPECT_EQ(doc.date, "2022-03-03");
  // default_date dates the records without one and leaves the others.
  ReaderOptions options;
  options.default_date = "2020-01-02";
  Read r = ReadAll(path, options);
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[0].date, "2020-01-02");
  EXPECT_EQ(r.docs[1].date, "2014-02-27");
  EXPECT_EQ(r.docs[2].date, "2020-01-02");
}

TEST_F(DocumentReaderTest, ForcedTextFormatKeepsBraces) {
  std::string path = Write("braces.txt", "{not a record}");
  ReaderOptions options;
  options.format = InputFormat::kText;
  options.default_date = "2014-02-27";
  Read r = ReadAll(path, options);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text, "{not a record}");
}

TEST_F(DocumentReaderTest, ForcedJsonlFormatReportsEachLine) {
  std::string path = Write("plain.txt", "hello\nworld\n");
  ReaderOptions options;
  options.format = InputFormat::kJsonl;
  Read r = ReadAll(path, options);
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[1].rfind(path + ":2: malformed JSON ("), 0u) << r.errors[1];
}

TEST_F(DocumentReaderTest, EmptyAndBlankFilesHaveNoDocuments) {
  for (const char* content : {"", "   \n\t\n\r\n"}) {
    Read r = ReadAll(Write("blank.txt", content));
    EXPECT_TRUE(r.docs.empty()) << '"' << content << '"';
    EXPECT_TRUE(r.errors.empty()) << '"' << content << '"';
  }
}

TEST_F(DocumentReaderTest, InvalidUtf8TextIsOneError) {
  std::string path = Write("bin.dat", std::string("ab\0c\xFF\xFE", 6));
  Read r = ReadAll(path);
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], path + ": invalid UTF-8 at byte 4");
}

TEST_F(DocumentReaderTest, NulBytesInJsonlAreKeptAsData) {
  // A NUL byte inside a line is data: it must neither end the line nor eat
  // the next one (fgets-based reading lost the bytes after it).
  std::string content = std::string("{\"id\": \"a\", \"date\": \"2014-02-27\", \"text\": \"x") +
                        std::string("\0", 1) + "y\"}\n" +
                        "{\"id\": \"b\", \"date\": \"2014-02-27\", \"text\": \"y\"}\n" +
                        "nope\n";
  std::string path = Write("nul.jsonl", content);
  Read r = ReadAll(path);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "b");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].rfind(path + ":1: ", 0), 0u) << r.errors[0];
  EXPECT_EQ(r.errors[1].rfind(path + ":3: malformed JSON ("), 0u) << r.errors[1];
}

TEST_F(DocumentReaderTest, LongLinesAreRead) {
  std::string text(300000, 'a');
  std::string path = Write("long.jsonl", "{\"id\": \"L\", \"date\": \"2014-02-27\", \"text\": \"" +
                                             text +
                                             "\"}\n{\"id\": \"M\", \"date\": \"2014-02-27\", "
                                             "\"text\": \"m\"}\n");
  Read r = ReadAll(path);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].text.size(), text.size());
  EXPECT_EQ(r.docs[1].id, "M");
}

TEST_F(DocumentReaderTest, PetrarchSentenceRecords) {
  std::string path = Write(
      "stories.xml",
      "<?xml version=\"1.0\"?>\n"                                                // 1
      "<Sentences>\n"                                                            // 2
      "<!-- <Sentence date=\"20240101\" id=\"OFF-1\"><Text>Gone.</Text>\n"      // 3
      "</Sentence> -->\n"                                                        // 4
      "<Config option=\"require_dyad\" value=\"false\"></Config>\n"             // 5
      "<Sentence date = \"20240102\" id =\"S-1\" source=\"wire\" sentence=\"true\">\n"  // 6
      "<EventCoding sourcecode=\"RUS\" targetcode=\"UKR\" eventcode=\"190\"/>\n" // 7
      "<Text>\n  Russia   attacked\n Ukraine.\n</Text>\n"                       // 8-11
      "<Parse>(ROOT (S (NP (NNP Russia))))</Parse>\n"                            // 12
      "</Sentence>\n"                                                            // 13
      "<Sentence date=\"2024x0103\" id=\"S-2\"><Text>Bad date.</Text></Sentence>\n"  // 14
      "<Sentence date=\"240104\" id=\"S-3\"><Text>Two on</Text></Sentence>"
      "<Sentence date=\"20240105\" id=\"S-4\"><Text>one line.</Text></Sentence>\n"  // 15
      "<Sentence date=\"20240106\" id=\"S-5\"><Text> </Text></Sentence>\n"      // 16
      "<Sentence date=\"20240107\"><Text>No id.</Text></Sentence>\n"            // 17
      "<Sentence date=\"20240108\" id=\"S-6\"><Text>a <b>tag</Text></Sentence>\n"  // 18
      "<Sentence date=\"20240109\" id=\"S-7\"><Text>Last.</Text></Sentence>\n"  // 19
      "<Sentence date=\"20240110\" id=\"S-8\"><Text>Never closed.\n"           // 20
      "</Sentences>\n");
  Read r = ReadAll(path);
  ASSERT_EQ(r.docs.size(), 4u);
  EXPECT_EQ(r.docs[0].id, "S-1");
  EXPECT_EQ(r.docs[0].date, "2024-01-02");
  EXPECT_EQ(r.docs[0].source, "wire");
  EXPECT_EQ(r.docs[0].text, "Russia attacked Ukraine.");  // <Parse> not taken
  EXPECT_EQ(r.docs[1].id, "S-3");
  EXPECT_EQ(r.docs[1].date, "2024-01-04");  // YYMMDD
  EXPECT_EQ(r.docs[2].id, "S-4");
  EXPECT_EQ(r.docs[3].id, "S-7");
  ASSERT_EQ(r.errors.size(), 5u);
  EXPECT_EQ(r.errors[0], path + ":14: record 'S-2' has a bad date '2024x0103' (YYYYMMDD or YYMMDD)");
  EXPECT_EQ(r.errors[1], path + ":16: record 'S-5' has no <Text>");
  EXPECT_EQ(r.errors[2], path + ":17: <Sentence> has no id");
  EXPECT_EQ(r.errors[3].rfind(path + ":18: malformed <Sentence> (", 0), 0u) << r.errors[3];
  EXPECT_EQ(r.errors[4], path + ":20: <Sentence> not closed before the end of the input");
}

TEST_F(DocumentReaderTest, PetrarchUnclosedCommentIsBounded) {
  // A comment that never closes is given up after 16 MB; the records after
  // the point where reading resumed are read.
  std::string filler;
  for (int i = 0; i < 450000; ++i) filler += "filler line of an unclosed comment ...\n";
  ASSERT_GT(filler.size(), size_t{16} << 20);
  std::string path = Write("big.xml", "<Sentences>\n<!-- never closed\n" + filler +
                                          "<Sentence date=\"20240102\" id=\"AFTER\">"
                                          "<Text>x</Text></Sentence>\n");
  Read r = ReadAll(path);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], path + ":2: comment not closed within 16 MB");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "AFTER");
}

TEST_F(DocumentReaderTest, PetrarchRecordPlaceIsReported) {
  std::string path = Write("w.xml",
                           "<Sentences>\n\n<Sentence date=\"20240102\" id=\"A\">\n"
                           "<Text>x</Text></Sentence>\n");
  auto reader = DocumentReader::Open(path, {});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->format(), InputFormat::kPetrarchXml);
  Document doc;
  Status error;
  ASSERT_EQ((*reader)->Next(&doc, &error), DocumentReader::Outcome::kDocument);
  EXPECT_EQ((*reader)->where(), path + ":3");
  EXPECT_EQ((*reader)->Next(&doc, &error), DocumentReader::Outcome::kEnd);
}

TEST_F(DocumentReaderTest, TabariTextRecords) {
  std::string path = Write(
      "demo.text",
      "950101 DEMO-01 demo\n"                       // 1
      "Russia attacked\n"                           // 2
      "  Ukraine.\n"                                // 3
      "/* { RUS / UKR / 190 } */\n"                 // 4
      "\n"                                          // 5
      "951399 DEMO-02\n"                            // 6: no such month
      "Iran criticized Israel.\n"                   // 7
      "950103 DEMO-03\n"                            // 8
      "/* only the expected coding\n"               // 9
      "950104 NOT-A-HEADER inside a comment */\n"   // 10
      "20240105 DEMO-04 /* a comment */ more fields\n"  // 11
      "China /* aside */ met Japan.");              // 12: no final newline
  Read r = ReadAll(path);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "DEMO-01");
  EXPECT_EQ(r.docs[0].date, "1995-01-01");
  EXPECT_EQ(r.docs[0].text, "Russia attacked Ukraine.");
  EXPECT_EQ(r.docs[1].id, "DEMO-04");
  EXPECT_EQ(r.docs[1].date, "2024-01-05");
  EXPECT_EQ(r.docs[1].text, "China met Japan.");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0], path + ":6: record 'DEMO-02' has a bad date (YYMMDD or YYYYMMDD)");
  EXPECT_EQ(r.errors[1], path + ":8: record 'DEMO-03' has no text");
}

TEST_F(DocumentReaderTest, TabariTextBeforeTheFirstHeaderIsOneError) {
  std::string path = Write("t.text",
                           "a stray line\nanother\n950101 R-1\nGondor met Arnor.\n");
  ReaderOptions options;
  options.format = InputFormat::kTabari;  // the first line is no header
  Read r = ReadAll(path, options);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "R-1");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].rfind(path + ":1: text outside a record", 0), 0u) << r.errors[0];
}

TEST_F(DocumentReaderTest, TextStartingWithANumberIsNotTabari) {
  for (const char* content : {"100000 people marched in Paris.\n",
                              "120315 people marched in Paris.\n"}) {
    ReaderOptions options;
    options.default_date = "2014-02-27";
    Read r = ReadAll(Write("n.txt", content), options);
    ASSERT_EQ(r.docs.size(), 1u) << content;
    EXPECT_EQ(r.docs[0].id.rfind("n-", 0), 0u) << content;
    EXPECT_EQ(r.docs[0].text, content);
  }
}

TEST_F(DocumentReaderTest, MissingFileAndDirectoryAreErrors) {
  auto missing = DocumentReader::Open(dir_ + "/nope.jsonl", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            dir_ + "/nope.jsonl: No such file or directory");
  auto folder = DocumentReader::Open(dir_, {});
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().message(), dir_ + ": is a directory");
}

}  // namespace
}  // namespace ladder
