#include "base/utf8.h"

#include <string>

namespace ladder::base {

namespace {

// Length of the sequence starting at s[i] if valid, else 0.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  char32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
  if (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
  return n;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Fast path over ASCII, 8 bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t chunk = 0;
      for (int k = 0; k < 8; ++k) {
        chunk |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + k]))
                 << (8 * k);
      }
      if (chunk & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    size_t n = ValidSequenceLength(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

char32_t DecodeUtf8(std::string_view s, size_t* pos) {
  size_t i = *pos;
  size_t n = ValidSequenceLength(s, i);
  if (n == 0) {
    *pos = i + 1;
    return 0xFFFD;
  }
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  char32_t cp;
  switch (n) {
    case 1: cp = byte(i); break;
    case 2: cp = ((byte(i) & 0x1F) << 6) | (byte(i + 1) & 0x3F); break;
    case 3:
      cp = ((byte(i) & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) |
           (byte(i + 2) & 0x3F);
      break;
    default:
      cp = ((byte(i) & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) |
           ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F);
  }
  *pos = i + n;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace ladder::base
