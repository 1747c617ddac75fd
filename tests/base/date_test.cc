// Tests for src/base/date.h.
#include "base/date.h"

#include <gtest/gtest.h>

namespace ladder::base {
namespace {

TEST(DateTest, ParsesRealDates) {
  int days = -1;
  ASSERT_TRUE(ParseIsoDate("1970-01-01", &days));
  EXPECT_EQ(days, 0);
  ASSERT_TRUE(ParseIsoDate("2014-02-27", &days));
  EXPECT_EQ(FormatIsoDate(days), "2014-02-27");
  EXPECT_TRUE(ParseIsoDate("2024-02-29", &days));  // leap year
  EXPECT_TRUE(ParseIsoDate("2000-02-29", &days));  // divisible by 400
  EXPECT_TRUE(ParseIsoDate("1969-12-31", &days));
  EXPECT_EQ(days, -1);
}

TEST(DateTest, RejectsImpossibleDates) {
  int days = 12345;
  EXPECT_FALSE(ParseIsoDate("2023-02-30", &days));
  EXPECT_FALSE(ParseIsoDate("2023-02-29", &days));  // not a leap year
  EXPECT_FALSE(ParseIsoDate("1900-02-29", &days));  // divisible by 100
  EXPECT_FALSE(ParseIsoDate("2023-04-31", &days));
  EXPECT_FALSE(ParseIsoDate("2023-13-01", &days));
  EXPECT_FALSE(ParseIsoDate("2023-00-10", &days));
  EXPECT_FALSE(ParseIsoDate("2023-01-00", &days));
  EXPECT_FALSE(ParseIsoDate("2023-01-32", &days));
  EXPECT_EQ(days, 12345);  // untouched on failure
}

TEST(DateTest, RejectsMalformedDates) {
  int days;
  for (const char* s : {"", "2023-1-01", "2023-01-1", "20230101", "2023/01/01",
                        "2023-01-01T00:00", " 2023-01-01", "2023-0a-01",
                        "+023-01-01", "2023-01-01 "}) {
    EXPECT_FALSE(ParseIsoDate(s, &days)) << s;
  }
}

TEST(DateTest, YmdAndWeekday) {
  EXPECT_EQ(IsoToYmd("2014-02-27"), 20140227);
  EXPECT_EQ(IsoToYmd("2023-02-30"), 0);
  EXPECT_EQ(IsoToYmd("junk"), 0);
  int days;
  ASSERT_TRUE(ParseIsoDate("2014-02-27", &days));
  EXPECT_EQ(DayOfWeek(days), 3);  // a Thursday
  EXPECT_EQ(DayOfWeek(0), 3);     // 1970-01-01 was a Thursday
  EXPECT_EQ(DayOfWeek(-1), 2);
}

TEST(DateTest, CivilRoundTripOverCenturies) {
  for (int z = DaysFromCivil(1600, 1, 1); z < DaysFromCivil(2400, 1, 1); z += 7) {
    int y, m, d;
    CivilFromDays(z, &y, &m, &d);
    ASSERT_EQ(DaysFromCivil(y, m, d), z);
    int parsed;
    ASSERT_TRUE(ParseIsoDate(FormatIsoDate(z), &parsed)) << FormatIsoDate(z);
    ASSERT_EQ(parsed, z);
  }
}

TEST(DateTest, DatelineDates) {
  EXPECT_EQ(FindDatelineDate("MOSCOW, September 8, 2023 (Reuters) - Russia ..."), "2023-09-08");
  EXPECT_EQ(FindDatelineDate("Sept. 8, 2023 - Kim met Putin."), "2023-09-08");
  EXPECT_EQ(FindDatelineDate("8 September 2023\nKim met Putin."), "2023-09-08");
  EXPECT_EQ(FindDatelineDate("Published 2023-09-08T10:00 by AP"), "2023-09-08");
  // No year, an impossible day, or a date past the first line: no date.
  EXPECT_EQ(FindDatelineDate("SEOUL, Sept 8 (Reuters) - Kim met Putin."), "");
  EXPECT_EQ(FindDatelineDate("February 30, 2023: nothing"), "");
  EXPECT_EQ(FindDatelineDate("Kim met Putin.\nOn September 8, 2023 he left."), "");
  EXPECT_EQ(FindDatelineDate("In 2019 about 100000 people marched."), "");
}

}  // namespace
}  // namespace ladder::base
