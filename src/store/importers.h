// Line parsers behind ladder::store::Import, private to src/store/ (tests
// include it to check single lines).
//
// Thread-safety: a LineParser is used by one thread at a time.
#ifndef LADDER_STORE_IMPORTERS_H_
#define LADDER_STORE_IMPORTERS_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ladder/status.h"
#include "ladder/store.h"

namespace ladder::store {

// Turns one input line into a StoreRecord. Errors carry only "what"; the
// caller prefixes "file:line: ".
class LineParser {
 public:
  enum class Outcome { kRecord, kSkip, kError };
  virtual ~LineParser() = default;
  // kRecord: *record is filled. kSkip: a header or comment line. kError:
  // *error says what is wrong with the line.
  virtual Outcome Parse(std::string_view line, StoreRecord* record,
                        std::string* error) = 0;
};

// CAMEO facts read at run time: code -> Goldstein value, from GDELT's
// CAMEO.goldsteinscale.txt (options.cameo_dir or goldstein_path), else from
// ladder's data/codes.txt. Codes missing there fall back to their root.
struct CameoTables {
  std::map<std::string, double> goldstein;

  static CameoTables Load(const ImportOptions& options);
  // The code's Goldstein value, else its root's, else the root default.
  double Goldstein(const std::string& cameo) const;
};

// 1 verbal cooperation (roots 01-05), 2 material cooperation (06-08),
// 3 verbal conflict (09-13), 4 material conflict (14-20); 0 if unknown.
int QuadClassForRoot(std::string_view root);
// Goldstein value of a root's generic code (CAMEO facts); 0 if unknown.
double RootGoldstein(std::string_view root);

// "YYYYMMDD" -> "YYYY-MM-DD"; unknown parts written 00 keep the precision
// the file gives ("20190000" -> "2019", "20190900" -> "2019-09"); false if
// not a real date.
bool YmdToIso(std::string_view ymd, std::string* iso);
// Splits a CAMEO actor code "USAGOV" into country "USA" and agent "GOV"
// ("---", "" and non-alphabetic prefixes give no country).
void SplitActorCode(const std::string& code, std::string* country,
                    std::string* agent);
// 64-bit FNV-1a of `s` as 16 hex digits (stable content ids).
std::string ContentHash(std::string_view s);

std::unique_ptr<LineParser> MakeGdeltParser(ImportFormat format);
std::unique_ptr<LineParser> MakePhoenixParser(const CameoTables* cameo);
// Reads entity2id.txt and relation2id.txt beside `path`.
Result<std::unique_ptr<LineParser>> MakeIcewsParser(
    const std::string& path, const CameoTables* cameo,
    const ImportOptions& options);

// ICEWS entity names -> countries and agents.
class CountryNames {
 public:
  // Reads ISO 3166 names from `iso_json` (Debian iso-codes); the built-in
  // aliases are always present.
  static CountryNames Load(const std::string& iso_json);
  // "Russia" -> "RUS"; "" if unknown.
  std::string Lookup(std::string_view name) const;

 private:
  std::unordered_map<std::string, std::string> by_name_;  // lower-cased
};

// "Police (Afghanistan)" -> country "AFG", agent "COP", code "AFGCOP";
// "North Korea" -> "PRK", "", "PRK"; unknown -> all "".
void MapIcewsEntity(const CountryNames& countries, std::string_view name,
                    std::string* country, std::string* agent,
                    std::string* code);

}  // namespace ladder::store

#endif  // LADDER_STORE_IMPORTERS_H_
