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
  std::string path = Write("x.txt", "\n\n  {\"id\": \"a\", \"date\": \"\", \"text\": \"T.\"}\n");
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
  EXPECT_EQ(r.docs[0].id, "story.2014");
  EXPECT_EQ(r.docs[0].date, "2014-02-27");
  EXPECT_EQ(r.docs[0].text, "Russia condemned Ukraine.\nSecond line.\n");
}

TEST_F(DocumentReaderTest, ForcedTextFormatKeepsBraces) {
  std::string path = Write("braces.txt", "{not a record}");
  ReaderOptions options;
  options.format = InputFormat::kText;
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
  std::string content = std::string("{\"id\": \"a\", \"date\": \"\", \"text\": \"x") +
                        std::string("\0", 1) + "y\"}\n" +
                        "{\"id\": \"b\", \"date\": \"\", \"text\": \"y\"}\n" +
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
  std::string path = Write("long.jsonl", "{\"id\": \"L\", \"date\": \"\", \"text\": \"" +
                                             text + "\"}\n{\"id\": \"M\", \"date\": \"\", \"text\": \"m\"}\n");
  Read r = ReadAll(path);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].text.size(), text.size());
  EXPECT_EQ(r.docs[1].id, "M");
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
