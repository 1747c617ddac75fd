// Byte tests eight bytes at a time ("SIMD within a register") for the text
// layer's ASCII fast paths. Not part of any public API.
//
// Each function returns a mask with the high bit of every byte that passes
// the test set, and no other bits; the byte order of `x` does not matter for
// "any byte" tests, and callers that need byte positions load words with
// LoadWord (little-endian order: byte 0 of the text is the lowest byte).
#ifndef LADDER_TEXT_SWAR_H_
#define LADDER_TEXT_SWAR_H_

#include <bit>
#include <cstdint>
#include <cstring>

namespace ladder::text::internal {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;
constexpr uint64_t kLows = ~kHighs;  // the low 7 bits of every byte
// Byte positions via LoadWord and ctz need little-endian words.
constexpr bool kLittleEndian = std::endian::native == std::endian::little;

// Eight bytes from p (unaligned).
inline uint64_t LoadWord(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

// Bytes equal to b. Exact for every byte value (no carries between bytes).
inline uint64_t BytesEqual(uint64_t x, unsigned char b) {
  uint64_t y = x ^ (kOnes * b);
  return ~(((y & kLows) + kLows) | y) & kHighs;
}

// Bytes >= 0x80.
inline uint64_t BytesNonAscii(uint64_t x) { return x & kHighs; }

// ASCII bytes in [lo, hi] (1 <= lo <= hi < 0x7F); bytes >= 0x80 may pass,
// so callers test BytesNonAscii first.
inline uint64_t AsciiBytesInRange(uint64_t x, unsigned char lo,
                                  unsigned char hi) {
  uint64_t low7 = x & kLows;
  uint64_t at_least_lo = low7 + kOnes * (0x80 - lo);
  uint64_t above_hi = low7 + kOnes * (0x7F - hi);
  return at_least_lo & ~above_hi & kHighs;
}

// Bytes that are not ASCII letters or digits (including all bytes >= 0x80).
inline uint64_t BytesNotAsciiAlnum(uint64_t x) {
  uint64_t letters = AsciiBytesInRange(x | (kOnes * 0x20), 'a', 'z');
  uint64_t digits = AsciiBytesInRange(x, '0', '9');
  return (~(letters | digits) | x) & kHighs;
}

// Bytes that Normalize must look at: bytes >= 0x80 (UTF-8 to validate and
// compose), C0 controls other than \t and \n, DEL, and '_' (a legacy word
// joiner). Text without any is already normalized.
inline uint64_t BytesNeedingNormalization(uint64_t x) {
  uint64_t low7 = x & kLows;
  uint64_t control = ~(low7 + kOnes * (0x80 - 0x20)) & kHighs;
  control &= ~(BytesEqual(x, '\t') | BytesEqual(x, '\n'));
  uint64_t del_or_high = ((low7 + kOnes) | x) & kHighs;
  return control | del_or_high | BytesEqual(x, '_');
}

}  // namespace ladder::text::internal

#endif  // LADDER_TEXT_SWAR_H_
