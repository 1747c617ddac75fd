// Build-time generator: ISO 3166-1 JSON (Debian's iso-codes) -> ladder actors
// dictionary with one entry per country (name, common name, official name).
//
//   gen_countries /usr/share/iso-codes/json/iso_3166-1.json out.txt
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace {

// Names with commas or parentheses ("Korea, Republic of") read badly as
// phrases; aliases in data/actors/countries.txt cover those countries.
bool Usable(const std::string& name) {
  return !name.empty() && name.find_first_of(",()") == std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gen_countries ISO_3166-1.json OUT\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "gen_countries: cannot read %s\n", argv[1]);
    return 1;
  }
  auto json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.contains("3166-1")) {
    std::fprintf(stderr, "gen_countries: %s: not ISO 3166-1 JSON\n", argv[1]);
    return 1;
  }
  std::ofstream out(argv[2]);
  out << "%ladder actors 1\n"
      << "# Generated at build time from " << argv[1]
      << " (Debian iso-codes). Do not edit.\n";
  int count = 0;
  for (const auto& c : json["3166-1"]) {
    if (!c.contains("alpha_3") || !c["alpha_3"].is_string()) continue;
    std::set<std::string> names;
    for (const char* key : {"name", "common_name", "official_name"}) {
      if (c.contains(key) && c[key].is_string()) {
        std::string n = c[key].get<std::string>();
        if (Usable(n)) names.insert(n);
      }
    }
    if (names.empty()) continue;
    std::string line;
    for (const std::string& n : names) {
      if (!line.empty()) line += " | ";
      line += n;
    }
    out << line << "\n    " << c["alpha_3"].get<std::string>() << "\n";
    ++count;
  }
  if (!out) {
    std::fprintf(stderr, "gen_countries: cannot write %s\n", argv[2]);
    return 1;
  }
  std::fprintf(stderr, "gen_countries: %d countries\n", count);
  return 0;
}
