// Normalize: UTF-8 validation, control characters -> space, NFC.
#include <utf8proc.h>

#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "text/swar.h"
#include "text/text.h"

namespace ladder::text {

namespace {

// Replaces C0 controls (except \t and \n), DEL and C1 controls with a space,
// and '_' between two letters (a legacy word joiner) too.
// A carriage return that is not part of "\r\n" is a line break and becomes
// '\n', so old Mac line ends still separate paragraphs.
std::string ReplaceControls(std::string_view s) {
  // Most text has nothing to replace: one scan, then one copy.
  bool clean = true;
  for (size_t i = 0; i < s.size() && clean; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    clean = !((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || c == 0xC2 ||
              c == '_');
  }
  if (clean) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\r') {
      bool crlf = i + 1 < s.size() && s[i + 1] == '\n';
      out.push_back(crlf ? ' ' : '\n');
    } else if (c == '_' && i > 0 && i + 1 < s.size() &&
               std::isalpha(static_cast<unsigned char>(s[i - 1])) &&
               std::isalpha(static_cast<unsigned char>(s[i + 1]))) {
      // Legacy coders' texts join the words of a name: "Dol_Amroth".
      out.push_back(' ');
    } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      out.push_back(' ');
    } else if (c == 0xC2 && i + 1 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out.push_back(' ');  // U+0080..U+009F
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// True if no byte of s needs normalizing (see BytesNeedingNormalization):
// then s is valid UTF-8, has no controls to replace, and is NFC. Most news
// text is such plain ASCII; this one word-at-a-time pass replaces the
// validation, control and ASCII passes below.
bool IsPlainAscii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size(), i = 0;
  for (; i + 16 <= n; i += 16) {
    if (internal::BytesNeedingNormalization(internal::LoadWord(p + i)) |
        internal::BytesNeedingNormalization(internal::LoadWord(p + i + 8))) {
      return false;
    }
  }
  for (; i < n; ++i) {
    uint64_t byte = static_cast<unsigned char>(p[i]);
    if (internal::BytesNeedingNormalization(byte |
                                            (internal::kOnes - 1) * ' ')) {
      return false;
    }
  }
  return true;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// NFC of valid UTF-8 (utf8proc's "stable" composition).
Result<std::string> ComposeValidUtf8(std::string_view valid) {
  if (IsAscii(valid)) return std::string(valid);  // ASCII is already NFC
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(valid.data()),
      static_cast<utf8proc_ssize_t>(valid.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) {
    std::free(mapped);
    return InvalidArgument(std::string("cannot normalize text: ") +
                           utf8proc_errmsg(n));
  }
  std::string out(reinterpret_cast<const char*>(mapped),
                  static_cast<size_t>(n));
  std::free(mapped);
  return out;
}

}  // namespace

Result<std::string> Normalize(std::string_view utf8) {
  if (IsPlainAscii(utf8)) return std::string(utf8);
  size_t bad = base::FindInvalidUtf8(utf8);
  if (bad != std::string_view::npos) {
    return InvalidArgument("invalid UTF-8 at byte " + std::to_string(bad));
  }
  return ComposeValidUtf8(ReplaceControls(utf8));
}

Result<std::string> ComposeNfc(std::string_view utf8) {
  size_t bad = base::FindInvalidUtf8(utf8);
  if (bad != std::string_view::npos) {
    return InvalidArgument("invalid UTF-8 at byte " + std::to_string(bad));
  }
  return ComposeValidUtf8(utf8);
}

}  // namespace ladder::text
