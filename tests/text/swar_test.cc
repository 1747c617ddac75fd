// The word-at-a-time byte tests against byte-by-byte definitions, for every
// byte value at every position of a word.
#include "text/swar.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace ladder::text::internal {
namespace {

// A word with byte `b` at `pos` and `fill` elsewhere.
uint64_t WordWith(unsigned b, int pos, unsigned char fill) {
  uint64_t x = kOnes * fill;
  x &= ~(uint64_t{0xFF} << (8 * pos));
  return x | (uint64_t{b} << (8 * pos));
}

// Whether the mask flags byte `pos` (and only the high bit of it).
bool Flags(uint64_t mask, int pos) {
  EXPECT_EQ(mask & ~kHighs, 0u);
  return (mask >> (8 * pos + 7)) & 1;
}

TEST(SwarTest, MatchesBytewiseDefinitions) {
  // Fillers around the byte under test: one that passes no test, and bytes
  // that pass some (to catch carries or borrows from a neighbour).
  for (unsigned char fill : {'x', '\0', '_', '\x7F', '\xFF', 'A', 'Z', '\n'}) {
    for (int pos = 0; pos < 8; ++pos) {
      for (unsigned b = 0; b < 256; ++b) {
        uint64_t x = WordWith(b, pos, fill);
        SCOPED_TRACE(testing::Message()
                     << "byte " << b << " at " << pos << " fill " << int(fill));
        EXPECT_EQ(Flags(BytesEqual(x, '.'), pos), b == '.');
        EXPECT_EQ(Flags(BytesEqual(x, 0xE2), pos), b == 0xE2);
        EXPECT_EQ(Flags(BytesNonAscii(x), pos), b >= 0x80);
        if (b < 0x80) {
          EXPECT_EQ(Flags(AsciiBytesInRange(x, 'A', 'Z'), pos),
                    b >= 'A' && b <= 'Z');
          EXPECT_EQ(Flags(AsciiBytesInRange(x, 'a', 'z'), pos),
                    b >= 'a' && b <= 'z');
        }
        bool alnum = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
                     (b >= '0' && b <= '9');
        EXPECT_EQ(Flags(BytesNotAsciiAlnum(x), pos), !alnum);
        bool needs = b >= 0x80 || (b < 0x20 && b != '\t' && b != '\n') ||
                     b == 0x7F || b == '_';
        EXPECT_EQ(Flags(BytesNeedingNormalization(x), pos), needs);
      }
    }
  }
}

}  // namespace
}  // namespace ladder::text::internal
