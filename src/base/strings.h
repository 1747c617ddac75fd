// Small string helpers shared by every module.
#ifndef LADDER_BASE_STRINGS_H_
#define LADDER_BASE_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace ladder::base {

std::string_view Trim(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
// ASCII lower/upper-casing; bytes >= 0x80 are kept as they are.
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// Appends `s` to `out` escaped for a JSON string body (no quotes).
void AppendJsonEscaped(std::string_view s, std::string* out);
// Appends `s` quoted as a CSV field when needed.
void AppendCsvField(std::string_view s, std::string* out);
// Parses a whole string as an int; false if it is not one.
bool ParseInt(std::string_view s, long long* value);
bool ParseDouble(std::string_view s, double* value);

}  // namespace ladder::base

#endif  // LADDER_BASE_STRINGS_H_
