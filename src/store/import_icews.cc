// ICEWS18 quadruples (RE-Net release): "subject relation object time [0]"
// integers a line; names in entity2id.txt and relation2id.txt beside the
// file; time in hours since 2018-01-01 (multiples of 24: daily).
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "base/date.h"
#include "base/strings.h"
#include "ladder/data.h"
#include "store/importers.h"

namespace ladder::store {
namespace {

// ICEWS country names that differ from ISO 3166 names, and sub-national or
// organisational names that belong to a country or a CAMEO group.
const std::pair<const char*, const char*> kAliases[] = {
    {"russia", "RUS"},
    {"united states", "USA"},
    {"united kingdom", "GBR"},
    {"south korea", "KOR"},
    {"north korea", "PRK"},
    {"iran", "IRN"},
    {"syria", "SYR"},
    {"vietnam", "VNM"},
    {"taiwan", "TWN"},
    {"czech republic", "CZE"},
    {"cote d'ivoire", "CIV"},
    {"palestinian territory, occupied", "PSE"},
    {"congo", "COG"},
    {"democratic republic of congo", "COD"},
    {"tanzania", "TZA"},
    {"laos", "LAO"},
    {"bolivia", "BOL"},
    {"venezuela", "VEN"},
    {"moldova", "MDA"},
    {"macedonia", "MKD"},
    {"swaziland", "SWZ"},
    {"cape verde", "CPV"},
    {"micronesia", "FSM"},
    {"brunei", "BRN"},
    {"vatican city state", "VAT"},
    {"hong kong", "HKG"},
    {"macao", "MAC"},
    {"england", "GBR"},
    {"scotland", "GBR"},
    {"wales", "GBR"},
    {"northern ireland", "GBR"},
    {"10 downing street", "GBR"},
    {"sicily", "ITA"},
    {"catalonia", "ESP"},
    {"chechnya", "RUS"},
    {"dagestan", "RUS"},
    {"indian administered kashmir", "IND"},
    {"pakistan administered kashmir", "PAK"},
    {"tibet autonomous region", "CHN"},
    {"iraqi kurdistan", "IRQ"},
    {"iraqi kurds", "IRQ"},
    {"syrian kurds", "SYR"},
    {"turkish kurds", "TUR"},
    {"iranian kurds", "IRN"},
    {"united nations", "IGO"},
    {"un security council", "IGO"},
    {"european union", "IGO"},
    {"african union", "IGO"},
    {"arab league", "IGO"},
    {"north atlantic treaty organization", "IGO"},
    {"association of southeast asian nations", "IGO"},
    {"world trade organization", "IGO"},
    {"non-governmental organizations", "NGO"},
    {"amnesty international", "NGO"}};

// ICEWS sector words -> CAMEO agent codes, first match wins.
const std::pair<const char*, const char*> kSectors[] = {
    {"police", "COP"},   {"military", "MIL"},   {"armed forces", "MIL"},
    {"defense", "MIL"},  {"army", "MIL"},       {"rebel", "REB"},
    {"militant", "REB"}, {"combatant", "REB"},  {"insurgent", "INS"},
    {"attacker", "REB"}, {"judge", "JUD"},      {"judiciary", "JUD"},
    {"court", "JUD"},    {"lawyer", "JUD"},     {"justice", "JUD"},
    {"legislat", "LEG"}, {"parliament", "LEG"}, {"lawmaker", "LEG"},
    {"senate", "LEG"},   {"opposition", "OPP"}, {"protester", "OPP"},
    {"party", "OPP"},    {"activist", "OPP"},   {"criminal", "CRM"},
    {"gang", "CRM"},     {"business", "BUS"},   {"company", "BUS"},
    {"bank", "BUS"},     {"media", "MED"},      {"journalist", "MED"},
    {"medical", "HLH"},  {"health", "HLH"},     {"education", "EDU"},
    {"student", "EDU"},  {"refugee", "REF"},    {"immigrant", "REF"},
    {"labor", "LAB"},    {"union", "LAB"},      {"government", "GOV"},
    {"ministry", "GOV"}, {"minister", "GOV"},   {"foreign affairs", "GOV"},
    {"cabinet", "GOV"},  {"official", "GOV"},   {"authorities", "GOV"},
    {"mayor", "GOV"},    {"governor", "GOV"},   {"president", "GOV"},
    {"citizen", "CVL"},  {"men", "CVL"},        {"women", "CVL"},
    {"children", "CVL"}, {"people", "CVL"},     {"employee", "CVL"}};

std::string SectorAgent(std::string_view sector) {
  std::string lower = base::AsciiLower(sector);
  for (const auto& [word, agent] : kSectors) {
    if (lower.find(word) != std::string::npos) return agent;
  }
  return "";
}

// Reads "name<TAB>id" lines into a vector indexed by id.
Result<std::vector<std::string>> ReadIdTable(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return NotFound(path + ": cannot open (ICEWS18 name table): " + std::strerror(errno));
  }
  std::vector<std::string> names;
  std::string line;
  int64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t tab = line.rfind('\t');
    long long id = 0;
    if (tab == std::string::npos ||
        !base::ParseInt(base::Trim(std::string_view(line).substr(tab + 1)),
                        &id) ||
        id < 0 || id > 10000000) {
      return InvalidArgument(path + ":" + std::to_string(line_no) +
                             ": expected 'name<TAB>id'");
    }
    if (static_cast<size_t>(id) >= names.size()) names.resize(id + 1);
    names[id] = line.substr(0, tab);
  }
  return names;
}

// stat.txt ("entities<TAB>relations<TAB>0"), when present, must agree with
// the name tables.
Status CheckStat(const std::string& path, size_t entities, size_t relations) {
  std::ifstream in(path);
  long long n_entities = 0, n_relations = 0;
  if (!in || !(in >> n_entities >> n_relations)) return Status::Ok();
  if (static_cast<size_t>(n_entities) != entities ||
      static_cast<size_t>(n_relations) != relations) {
    return InvalidArgument(
        path + ":1: says " + std::to_string(n_entities) + " entities and " +
        std::to_string(n_relations) + " relations; the name tables hold " +
        std::to_string(entities) + " and " + std::to_string(relations));
  }
  return Status::Ok();
}

// The event-name table: "name<TAB>code" lines, '#' comments, a "%ladder"
// header; names folded to lower case, "# ..." after a code dropped.
Result<std::unordered_map<std::string, std::string>> ReadNameTable(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return NotFound(path + ": cannot open (ICEWS event-name table): " +
                    std::strerror(errno));
  }
  std::unordered_map<std::string, std::string> table;
  std::string line;
  int64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || line[0] == '%') continue;
    size_t tab = line.find('\t');
    std::string code(base::Trim(std::string_view(line).substr(
        tab == std::string::npos ? line.size() : tab + 1)));
    code = std::string(base::Trim(code.substr(0, code.find('#'))));
    long long number = 0;
    if (tab == std::string::npos || code.size() < 2 || code.size() > 4 ||
        !base::ParseInt(code, &number)) {
      return InvalidArgument(path + ":" + std::to_string(line_no) +
                             ": expected 'event name<TAB>CAMEO code'");
    }
    table[base::AsciiLower(base::Trim(std::string_view(line).substr(0, tab)))] = code;
  }
  return table;
}

std::string Beside(const std::string& path, const std::string& name) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? name : path.substr(0, slash + 1) + name;
}

}  // namespace

CountryNames CountryNames::Load(const std::string& iso_json) {
  CountryNames names;
  std::ifstream in(iso_json);
  if (in) {
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_object() && doc.contains("3166-1") && doc["3166-1"].is_array()) {
      for (const auto& c : doc["3166-1"]) {
        if (!c.is_object() || !c.contains("alpha_3")) continue;
        std::string code =
            c["alpha_3"].is_string() ? c["alpha_3"].get<std::string>() : "";
        for (const char* key : {"name", "official_name", "common_name"}) {
          if (c.contains(key) && c[key].is_string()) {
            names.by_name_[base::AsciiLower(c[key].get<std::string>())] = code;
          }
        }
      }
    }
  }
  for (const auto& [name, code] : kAliases) names.by_name_[name] = code;
  return names;
}

std::string CountryNames::Lookup(std::string_view name) const {
  auto it = by_name_.find(base::AsciiLower(base::Trim(name)));
  return it == by_name_.end() ? std::string() : it->second;
}

void MapIcewsEntity(const CountryNames& countries, std::string_view name,
                    std::string* country, std::string* agent,
                    std::string* code) {
  country->clear();
  agent->clear();
  code->clear();
  std::string_view trimmed = base::Trim(name);
  size_t open = trimmed.rfind('(');
  if (open != std::string_view::npos && base::EndsWith(trimmed, ")")) {
    *country =
        countries.Lookup(trimmed.substr(open + 1, trimmed.size() - open - 2));
    if (!country->empty()) *agent = SectorAgent(trimmed.substr(0, open));
  } else {
    *country = countries.Lookup(trimmed);
  }
  if (!country->empty()) *code = *country + *agent;
}

namespace {

class IcewsParser : public LineParser {
 public:
  IcewsParser(std::vector<std::string> entities,
              std::vector<std::string> relations,
              const std::unordered_map<std::string, std::string>& names,
              std::string names_path, const CameoTables* cameo,
              CountryNames countries)
      : entities_(std::move(entities)),
        relations_(std::move(relations)),
        names_path_(std::move(names_path)),
        cameo_(cameo),
        countries_(std::move(countries)) {
    base_day_ = base::DaysFromCivil(2018, 1, 1);
    for (const std::string& r : relations_) {
      auto it = names.find(base::AsciiLower(base::Trim(r)));
      codes_.push_back(it == names.end() ? std::string() : it->second);
    }
  }

  Outcome Parse(std::string_view line, StoreRecord* record,
                std::string* error) override {
    std::istringstream in{std::string(line)};
    std::vector<long long> v;
    std::string token;
    while (in >> token) {
      long long n = 0;
      if (!base::ParseInt(token, &n)) {
        *error = "field " + std::to_string(v.size() + 1) + " '" + token +
                 "' is not an integer";
        return Outcome::kError;
      }
      v.push_back(n);
    }
    if (v.size() != 4 && v.size() != 5) {
      *error =
          "expected 4 or 5 integer fields (subject relation object "
          "time), got " +
          std::to_string(v.size());
      return Outcome::kError;
    }
    if (!InRange(v[0], entities_, "subject", error) ||
        !InRange(v[1], relations_, "relation", error) ||
        !InRange(v[2], entities_, "object", error)) {
      return Outcome::kError;
    }
    if (v[3] < 0 || v[3] > 24LL * 365 * 200) {
      *error = "time " + std::to_string(v[3]) + " is out of range";
      return Outcome::kError;
    }
    if (codes_[v[1]].empty()) {
      *error = "event name '" + relations_[v[1]] + "' (relation " +
               std::to_string(v[1]) + ") has no CAMEO code in " + names_path_;
      return Outcome::kError;
    }
    Fill(v, record);
    return Outcome::kRecord;
  }

 private:
  bool InRange(long long id, const std::vector<std::string>& table,
               const char* what, std::string* error) const {
    if (id >= 0 && static_cast<size_t>(id) < table.size()) return true;
    *error = std::string(what) + " id " + std::to_string(id) +
             " is not in the name table";
    return false;
  }

  Actor MakeActor(long long id) const {
    Actor a;
    a.text = entities_[id];
    MapIcewsEntity(countries_, a.text, &a.country, &a.agent, &a.code);
    return a;
  }

  void Fill(const std::vector<long long>& v, StoreRecord* record) {
    std::string key = std::to_string(v[0]) + "-" + std::to_string(v[1]) + "-" +
                      std::to_string(v[2]) + "-" + std::to_string(v[3]);
    int occurrence = ++seen_[key];  // repeated quadruples stay distinct
    Event& e = record->event;
    e.event_id = std::string(kOriginIcews18) + ":" + key + "#" +
                 std::to_string(occurrence);
    e.date = base::FormatIsoDate(base_day_ + static_cast<int>(v[3] / 24));
    e.source = MakeActor(v[0]);
    e.target = MakeActor(v[2]);
    e.verb = relations_[v[1]];
    e.cameo = codes_[v[1]];
    e.root = e.cameo.substr(0, std::min<size_t>(2, e.cameo.size()));
    e.quad_class = QuadClassForRoot(e.root);
    e.goldstein = cameo_->Goldstein(e.cameo);
    record->origin = kOriginIcews18;
  }

  std::vector<std::string> entities_, relations_, codes_;
  std::string names_path_;
  const CameoTables* cameo_;
  CountryNames countries_;
  int base_day_ = 0;
  std::unordered_map<std::string, int> seen_;
};

}  // namespace

Result<std::unique_ptr<LineParser>> MakeIcewsParser(
    const std::string& path, const CameoTables* cameo,
    const ImportOptions& options) {
  if (path == "-") {
    return InvalidArgument(
        "icews18 import needs a file path (entity2id.txt and relation2id.txt "
        "are read beside it), not stdin");
  }
  ASSIGN_OR_RETURN(std::vector<std::string> entities,
                   ReadIdTable(Beside(path, "entity2id.txt")));
  ASSIGN_OR_RETURN(std::vector<std::string> relations,
                   ReadIdTable(Beside(path, "relation2id.txt")));
  RETURN_IF_ERROR(
      CheckStat(Beside(path, "stat.txt"), entities.size(), relations.size()));
  std::string names_path = options.icews_names_path;
  if (names_path.empty()) {
    ASSIGN_OR_RETURN(names_path, DataFile("data/import/icews_cameo.txt"));
  }
  ASSIGN_OR_RETURN(auto names, ReadNameTable(names_path));
  return std::unique_ptr<LineParser>(std::make_unique<IcewsParser>(
      std::move(entities), std::move(relations), names, names_path, cameo,
      CountryNames::Load(options.iso_codes_path)));
}

}  // namespace ladder::store
