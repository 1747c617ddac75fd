// Readers of point data: the "time,dimension" CSV and ICEWS18-style
// quadruple files.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>

#include "ladder/hawkes.h"

namespace ladder::analytics {
namespace {

std::string Trim(const std::string& s) {
  const char* ws = " \t\r\n";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

bool ParseDouble(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(*out);
}

bool ParseIndex(const std::string& s, int64_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out >= 0;
}

// Sorts (time, dim) pairs by time (stable) into `points`.
void SortInto(std::vector<std::pair<double, int>> rows, Points* points) {
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  });
  points->times.clear();
  points->dims.clear();
  for (const auto& [t, d] : rows) {
    points->times.push_back(t);
    points->dims.push_back(d);
  }
}

// Labels -> indices: the integers themselves when all are integers below a
// sane bound, else order of first appearance.
void AssignDimensions(const std::vector<std::string>& labels,
                      std::vector<int>* index, Points* points) {
  int64_t max_int = -1;
  bool all_int = true;
  for (const std::string& l : labels) {
    int64_t v = 0;
    if (!ParseIndex(l, &v) || v >= 1'000'000) {
      all_int = false;
      break;
    }
    max_int = std::max(max_int, v);
  }
  index->clear();
  if (all_int) {
    points->dimensions = static_cast<int>(max_int + 1);
    points->names.resize(points->dimensions);
    for (int i = 0; i < points->dimensions; ++i)
      points->names[i] = std::to_string(i);
    for (const std::string& l : labels) index->push_back(std::stoi(l));
    return;
  }
  std::unordered_map<std::string, int> ids;
  points->names.clear();
  for (const std::string& l : labels) {
    auto [it, fresh] = ids.emplace(l, static_cast<int>(ids.size()));
    if (fresh) points->names.push_back(l);
    index->push_back(it->second);
  }
  points->dimensions = static_cast<int>(points->names.size());
}

}  // namespace

Result<Points> ReadPointsCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open");
  std::string line;
  int64_t line_no = 0;
  std::vector<double> times;
  std::vector<std::string> labels;
  bool header = false;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string trimmed = Trim(line);
    if (trimmed.empty()) continue;
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (!header) {
      std::string h = trimmed;
      h.erase(std::remove(h.begin(), h.end(), ' '), h.end());
      if (h != "time,dimension") {
        return InvalidArgument(where + "expected the header 'time,dimension'");
      }
      header = true;
      continue;
    }
    const size_t comma = trimmed.find(',');
    if (comma == std::string::npos ||
        trimmed.find(',', comma + 1) != std::string::npos) {
      return InvalidArgument(where + "expected 'time,dimension'");
    }
    double t = 0.0;
    const std::string time_text = Trim(trimmed.substr(0, comma));
    const std::string label = Trim(trimmed.substr(comma + 1));
    if (!ParseDouble(time_text, &t)) {
      return InvalidArgument(where + "bad time '" + time_text + "'");
    }
    if (label.empty()) return InvalidArgument(where + "empty dimension");
    times.push_back(t);
    labels.push_back(label);
  }
  if (in.bad()) return IoError(path + ": read error");
  if (!header)
    return InvalidArgument(path + ": empty (expected 'time,dimension')");
  if (times.empty()) return InvalidArgument(path + ": no points");
  Points points;
  std::vector<int> index;
  AssignDimensions(labels, &index, &points);
  std::vector<std::pair<double, int>> rows;
  rows.reserve(times.size());
  for (size_t n = 0; n < times.size(); ++n)
    rows.emplace_back(times[n], index[n]);
  SortInto(std::move(rows), &points);
  points.start = std::min(0.0, points.times.front());
  points.end = points.times.back();
  return points;
}

namespace {

std::vector<std::string> EntityNames(const std::string& first_file) {
  std::vector<std::string> names;
  const auto dir = std::filesystem::path(first_file).parent_path();
  std::ifstream in(dir / "entity2id.txt");
  std::string line;
  while (std::getline(in, line)) {
    const size_t tab = line.rfind('\t');
    int64_t id = 0;
    if (tab == std::string::npos ||
        !ParseIndex(Trim(line.substr(tab + 1)), &id) || id >= 10'000'000) {
      continue;
    }
    if (names.size() <= static_cast<size_t>(id)) names.resize(id + 1);
    names[id] = line.substr(0, tab);
  }
  return names;
}

}  // namespace

Result<Points> ReadQuadruplePoints(const std::vector<std::string>& paths,
                                   int top, int time_step, uint64_t seed) {
  if (paths.empty() || top <= 0 || time_step <= 0) {
    return InvalidArgument("quadruples: need files, top > 0 and time step > 0");
  }
  std::vector<std::pair<int64_t, int64_t>> rows;  // (subject, day)
  for (const std::string& path : paths) {
    std::ifstream in(path);
    if (!in) return NotFound(path + ": cannot open");
    std::string line;
    int64_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (Trim(line).empty()) continue;
      std::istringstream fields(line);
      int64_t s = 0, r = 0, o = 0, t = 0;
      if (!(fields >> s >> r >> o >> t) || s < 0 || t < 0) {
        return InvalidArgument(path + ":" + std::to_string(line_no) +
                               ": expected 'subject relation object time'");
      }
      rows.emplace_back(s, t / time_step);
    }
  }
  if (rows.empty()) return InvalidArgument("quadruples: no events");
  std::map<int64_t, int64_t> counts;
  int64_t first_day = rows[0].second, last_day = rows[0].second;
  for (const auto& [s, day] : rows) {
    ++counts[s];
    first_day = std::min(first_day, day);
    last_day = std::max(last_day, day);
  }
  std::vector<std::pair<int64_t, int64_t>> ranked(counts.begin(), counts.end());
  std::stable_sort(
      ranked.begin(), ranked.end(),
      [](const auto& a, const auto& b) { return a.second > b.second; });
  ranked.resize(std::min<size_t>(ranked.size(), static_cast<size_t>(top)));
  const std::vector<std::string> names = EntityNames(paths[0]);
  Points points;
  std::unordered_map<int64_t, int> dim_of;
  for (const auto& [entity, count] : ranked) {
    dim_of[entity] = static_cast<int>(points.names.size());
    const bool named =
        static_cast<size_t>(entity) < names.size() && !names[entity].empty();
    points.names.push_back(named ? names[entity] : std::to_string(entity));
  }
  points.dimensions = static_cast<int>(points.names.size());
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  std::vector<std::pair<double, int>> out;
  for (const auto& [s, day] : rows) {
    auto it = dim_of.find(s);
    if (it == dim_of.end()) continue;
    out.emplace_back(static_cast<double>(day - first_day) + jitter(rng),
                     it->second);
  }
  SortInto(std::move(out), &points);
  points.start = 0.0;
  points.end = static_cast<double>(last_day - first_day + 1);
  return points;
}

}  // namespace ladder::analytics
