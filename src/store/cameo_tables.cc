// CAMEO facts for importers: quad classes, Goldstein values, region codes.
// (ICEWS relation names map through data/import/icews_cameo.txt.)
#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <vector>

#include "base/strings.h"
#include "ladder/data.h"
#include "store/importers.h"

namespace ladder::store {
namespace {

void ReadTable(
    const std::string& path,
    const std::function<void(const std::string&, const std::string&)>& add) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) continue;
    std::string code = line.substr(0, tab);
    if (!std::isdigit(static_cast<unsigned char>(code[0]))) continue;  // header
    add(code, std::string(base::Trim(std::string_view(line).substr(tab + 1))));
  }
}

}  // namespace

bool IsRegionCode(std::string_view code) {
  // CAMEO.country.txt's regions (GDELT lookups): codes that are no country.
  static const std::set<std::string_view> kRegions = {
      "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN",
      "EAF", "EEU", "EUR", "LAM", "MEA", "MDT", "NAF", "NMR", "PGS",
      "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST"};
  return kRegions.count(code) > 0;
}

int QuadClassForRoot(std::string_view root) {
  long long r = 0;
  if (root.size() != 2 || !base::ParseInt(root, &r) || r < 1 || r > 20)
    return 0;
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}

double RootGoldstein(std::string_view root) {
  // Goldstein values of the CAMEO root categories (published CAMEO facts).
  static const double kRoot[] = {0.0,  0.0,  3.0,  4.0,  1.0,  3.5,   6.0,
                                 7.0,  5.0,  -2.0, -5.0, -2.0, -4.0,  -6.0,
                                 -6.5, -7.2, -4.0, -7.0, -9.0, -10.0, -10.0};
  long long r = 0;
  if (root.size() != 2 || !base::ParseInt(root, &r) || r < 1 || r > 20)
    return 0;
  return kRoot[r];
}

CameoTables CameoTables::Load(const ImportOptions& options) {
  CameoTables t;
  std::string gold = options.goldstein_path;
  if (gold.empty() && !options.cameo_dir.empty()) {
    gold = options.cameo_dir + "/CAMEO.goldsteinscale.txt";
  }
  if (!gold.empty()) {
    ReadTable(gold, [&t](const std::string& c, const std::string& v) {
      double g = 0;
      if (base::ParseDouble(v, &g)) t.goldstein[c] = g;
    });
  } else {
    // ladder's code table: "code<TAB>goldstein<TAB>..." lines.
    Result<std::string> codes = DataFile("data/codes.txt");
    ReadTable(codes.ok() ? *codes : std::string(),
              [&t](const std::string& c, const std::string& v) {
                double g = 0;
                std::string_view first = std::string_view(v).substr(0, v.find('\t'));
                if (base::ParseDouble(base::Trim(first), &g)) t.goldstein[c] = g;
              });
  }
  return t;
}

double CameoTables::Goldstein(const std::string& cameo) const {
  for (std::string code = cameo; !code.empty(); code.pop_back()) {
    auto it = goldstein.find(code);
    if (it != goldstein.end()) return it->second;
  }
  return RootGoldstein(cameo.substr(0, std::min<size_t>(2, cameo.size())));
}

}  // namespace ladder::store
