// Import driver: reads a file line by line, hands each line to the format's
// LineParser, and writes whole batches, one transaction each.
#include <cctype>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "base/date.h"
#include "base/strings.h"
#include "store/importers.h"

namespace ladder::store {

Result<ImportFormat> ParseImportFormat(std::string_view name) {
  if (name == "gdelt2") return ImportFormat::kGdelt2;
  if (name == "gdelt1") return ImportFormat::kGdelt1;
  if (name == "icews18") return ImportFormat::kIcews18;
  if (name == "phoenix") return ImportFormat::kPhoenix;
  return InvalidArgument("unknown import format '" + std::string(name) +
                         "' (expected gdelt2, gdelt1, icews18 or phoenix)");
}

bool YmdToIso(std::string_view ymd, std::string* iso) {
  long long value = 0;
  if (ymd.size() != 8 || !base::ParseInt(ymd, &value) || value < 0) return false;
  int year = static_cast<int>(value / 10000);
  int month = static_cast<int>(value / 100 % 100);
  int day = static_cast<int>(value % 100);
  char buf[16];
  // GDELT and Phoenix write unknown parts as 00 (ladder's writers too):
  // "20190000" is the year 2019, "20190900" September 2019.
  if (day == 0 && month <= 12 && year >= 1) {
    if (month == 0) {
      std::snprintf(buf, sizeof buf, "%04d", year);
    } else {
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    }
    *iso = buf;
    return true;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  int days = 0;
  if (!base::ParseIsoDate(buf, &days)) return false;
  *iso = buf;
  return true;
}

void SplitActorCode(const std::string& code, std::string* country,
                    std::string* agent) {
  country->clear();
  agent->clear();
  if (code.size() < 3) return;
  bool alpha = true;
  for (int i = 0; i < 3; ++i) {
    alpha = alpha && std::isupper(static_cast<unsigned char>(code[i]));
  }
  if (alpha && !IsRegionCode(code.substr(0, 3))) *country = code.substr(0, 3);
  if (code.size() >= 6) *agent = code.substr(3, 3);
}

std::string ContentHash(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

namespace {

Result<std::unique_ptr<LineParser>> MakeParser(ImportFormat format,
                                               const std::string& path,
                                               const CameoTables* cameo,
                                               const ImportOptions& options) {
  switch (format) {
    case ImportFormat::kGdelt2:
    case ImportFormat::kGdelt1:
      return MakeGdeltParser(format);
    case ImportFormat::kPhoenix:
      return MakePhoenixParser(cameo);
    case ImportFormat::kIcews18:
      return MakeIcewsParser(path, cameo, options);
  }
  return Internal("unknown import format");
}

// Writes the pending batch as one transaction; ids already stored with
// other content are reported through options.on_error.
Status Flush(Store* store, std::vector<StoreRecord>* batch,
             ImportStats* stats, const ImportOptions& options) {
  RETURN_IF_ERROR(store->Begin());
  Result<IngestStats> ingested = store->Ingest(*batch);
  if (!ingested.ok()) {
    (void)store->Rollback();
    return ingested.status();
  }
  RETURN_IF_ERROR(store->Commit());
  stats->inserted += ingested->inserted;
  stats->clashes += ingested->clashes;
  if (options.on_error) {
    for (const std::string& m : ingested->clash_messages) {
      options.on_error(InvalidArgument(store->path() + ": " + m));
    }
  }
  batch->clear();
  return Status::Ok();
}

}  // namespace

Result<ImportStats> Import(Store* store, ImportFormat format,
                           const std::string& path,
                           const ImportOptions& options) {
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return NotFound(path + ": cannot open: " + std::strerror(errno));
  }
  std::istream& in = path == "-" ? std::cin : file;
  std::string name = path == "-" ? "<stdin>" : path;
  CameoTables cameo = CameoTables::Load(options);
  ASSIGN_OR_RETURN(std::unique_ptr<LineParser> parser,
                   MakeParser(format, path, &cameo, options));
  int64_t batch_size = std::max<int64_t>(1, options.batch_size);
  ImportStats stats;
  std::vector<StoreRecord> batch;
  std::string line, error;
  int64_t line_no = 0, batch_lines = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (base::Trim(line).empty()) continue;
    ++stats.lines;
    StoreRecord record;
    LineParser::Outcome outcome = parser->Parse(line, &record, &error);
    if (outcome == LineParser::Outcome::kRecord) {
      ++stats.events;
      batch.push_back(std::move(record));
    } else if (outcome == LineParser::Outcome::kError) {
      ++stats.bad_lines;
      if (options.on_error) {
        options.on_error(InvalidArgument(name + ":" + std::to_string(line_no) +
                                         ": " + error));
      }
    }
    if (++batch_lines >= batch_size) {
      RETURN_IF_ERROR(Flush(store, &batch, &stats, options));
      batch_lines = 0;
    }
  }
  if (in.bad())
    return IoError(name + ":" + std::to_string(line_no) + ": read error");
  if (!batch.empty()) RETURN_IF_ERROR(Flush(store, &batch, &stats, options));
  return stats;
}

}  // namespace ladder::store
