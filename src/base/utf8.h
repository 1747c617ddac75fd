// UTF-8 validation and decoding.
#ifndef LADDER_BASE_UTF8_H_
#define LADDER_BASE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ladder::base {

// Returns the byte offset of the first invalid UTF-8 sequence (overlongs,
// surrogates and code points past U+10FFFF are invalid), or npos if `s` is
// valid.
size_t FindInvalidUtf8(std::string_view s);

// Decodes the code point at s[*pos] and advances *pos. Invalid bytes decode
// as U+FFFD and advance by one. Requires *pos < s.size().
char32_t DecodeUtf8(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `cp`.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace ladder::base

#endif  // LADDER_BASE_UTF8_H_
