// Tests for src/coder/dates.h: FindDates over tokenized sentences. The
// document date 2023-09-08 is a Friday.
#include "coder/dates.h"

#include <gtest/gtest.h>

#include <string>

#include "base/date.h"

namespace ladder::coder {
namespace {

// "begin-end:iso" for each date found in `sentence`.
std::string Dates(const std::string& sentence, const char* doc_date) {
  int doc_days = kNoDate;
  if (doc_date != nullptr) {
    EXPECT_TRUE(base::ParseIsoDate(doc_date, &doc_days));
  }
  std::vector<text::Token> tokens;
  text::Tokenize(sentence, {0, static_cast<uint32_t>(sentence.size())}, &tokens);
  std::string out;
  for (const DateMention& d : FindDates(tokens, doc_days)) {
    if (!out.empty()) out += " ";
    out += std::to_string(d.begin) + "-" + std::to_string(d.end) + ":" + d.iso;
  }
  return out;
}

TEST(FindDatesTest, RelativeToTheDocumentDate) {
  const char* doc = "2023-09-08";
  EXPECT_EQ(Dates("Gondor attacked on Friday", doc), "2-4:2023-09-08");
  EXPECT_EQ(Dates("Gondor attacked last Friday", doc), "2-4:2023-09-01");
  EXPECT_EQ(Dates("Gondor will attack next Monday", doc), "3-5:2023-09-11");
  EXPECT_EQ(Dates("Gondor attacked Wednesday", doc), "2-3:2023-09-06");
  EXPECT_EQ(Dates("Gondor attacked yesterday", doc), "2-3:2023-09-07");
  EXPECT_EQ(Dates("Gondor attacks today and tomorrow", doc),
            "2-3:2023-09-08 4-5:2023-09-09");
  EXPECT_EQ(Dates("Gondor attacked last week", doc), "2-4:2023-09-01");
  EXPECT_EQ(Dates("Gondor attacked last month", doc), "2-4:2023-08");
  EXPECT_EQ(Dates("Gondor attacked last month", "2023-01-15"), "2-4:2022-12");
  EXPECT_EQ(Dates("Gondor attacked last year", doc), "2-4:2022");
  // Lower-case weekdays and words without "last" are no dates.
  EXPECT_EQ(Dates("Gondor attacked friday", doc), "");
  EXPECT_EQ(Dates("Gondor attacked this week", doc), "");
}

TEST(FindDatesTest, AbsoluteExpressions) {
  const char* doc = "2023-09-08";
  EXPECT_EQ(Dates("Gondor attacked on Sept. 10", doc), "3-5:2023-09-10");
  EXPECT_EQ(Dates("Gondor attacked on Sept 10", doc), "3-5:2023-09-10");
  EXPECT_EQ(Dates("Gondor attacked on August 3, 2021", doc), "3-7:2021-08-03");
  EXPECT_EQ(Dates("Gondor attacked on 10 December 2021", doc), "3-6:2021-12-10");
  EXPECT_EQ(Dates("Gondor attacked on 3 June", doc), "3-5:2023-06-03");
  EXPECT_EQ(Dates("Gondor attacked in March 2019", doc), "3-5:2019-03");
  EXPECT_EQ(Dates("Gondor attacked in 2019", doc), "2-4:2019");
  EXPECT_EQ(Dates("Gondor attacked during 2020", doc), "2-4:2020");
  EXPECT_EQ(Dates("Gondor attacked on Jan. 5th", doc), "3-5:2023-01-05");
  // Out of range, impossible or modal: no date.
  EXPECT_EQ(Dates("Gondor attacked in 1899", doc), "");
  EXPECT_EQ(Dates("Gondor attacked on February 30", doc), "");
  EXPECT_EQ(Dates("Gondor attacked on July 32", doc), "");
  EXPECT_EQ(Dates("May Gondor attack?", doc), "");
  EXPECT_EQ(Dates("Gondor sent 2000 troops in 3 waves", doc), "");
  // Capitalised words that look like months but are not.
  EXPECT_EQ(Dates("Jansen met Mayor Octavia in Decatur", doc), "");
}

TEST(FindDatesTest, UnknownDocumentDate) {
  EXPECT_EQ(Dates("Gondor attacked yesterday", nullptr), "");
  EXPECT_EQ(Dates("Gondor attacked on Friday", nullptr), "");
  EXPECT_EQ(Dates("Gondor attacked on Sept. 10", nullptr), "");
  EXPECT_EQ(Dates("Gondor attacked in September 2019", nullptr), "3-5:2019-09");
  EXPECT_EQ(Dates("Gondor attacked on 10 December 2021", nullptr), "3-6:2021-12-10");
}

}  // namespace
}  // namespace ladder::coder
