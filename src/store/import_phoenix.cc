// Phoenix / PETRARCH tab-separated event files, in three layouts:
//  - with a header row: columns found by name (Phoenix "EventID", "Date",
//    "SourceActorFull", ... or ladder's own TSV "event_id", "date", ...);
//  - PETRARCH output, no header: date(YYYYMMDD) source target code [ids
//    [urls]] ...;
//  - Phoenix (OEDA) daily files, no header: EventID Date Year Month Day
//    SourceActorFull SourceActorEntity SourceActorRole SourceActorAttribute
//    TargetActorFull TargetActorEntity TargetActorRole TargetActorAttribute
//    EventCode EventRootCode PentaClass GoldsteinScore Issues Lat Lon
//    LocationName StateName CountryCode SentenceID URLs NewsSources.
#include <cctype>
#include <unordered_map>

#include "base/date.h"
#include "base/strings.h"
#include "store/importers.h"

namespace ladder::store {
namespace {

// Column indexes of one layout; -1 = absent.
struct Layout {
  int id = -1, date = -1, source = -1, target = -1, code = -1, root = -1;
  int goldstein = -1, source_country = -1, source_agent = -1;
  int target_country = -1, target_agent = -1, url = -1, modality = -1;
  int min_columns = 4;
};

Layout PetrarchLayout() {
  Layout l;
  l.date = 0;
  l.source = 1;
  l.target = 2;
  l.code = 3;
  l.url = 5;
  return l;
}

Layout OedaLayout() {
  Layout l;
  l.id = 0;
  l.date = 1;
  l.source = 5;
  l.source_country = 6;
  l.source_agent = 7;
  l.target = 9;
  l.target_country = 10;
  l.target_agent = 11;
  l.code = 13;
  l.root = 14;
  l.goldstein = 16;
  l.url = 24;
  l.min_columns = 17;
  return l;
}

bool IsYmd(std::string_view s) {
  std::string iso;
  return YmdToIso(s, &iso);
}

// Finds columns by (case-folded) header names; false if none is known.
bool HeaderLayout(const std::vector<std::string_view>& f, Layout* l) {
  static const std::unordered_map<std::string, int Layout::*> kNames = {
      {"eventid", &Layout::id},
      {"event_id", &Layout::id},
      {"date", &Layout::date},
      {"story_date", &Layout::date},
      {"sourceactorfull", &Layout::source},
      {"source", &Layout::source},
      {"targetactorfull", &Layout::target},
      {"target", &Layout::target},
      {"eventcode", &Layout::code},
      {"cameo", &Layout::code},
      {"code", &Layout::code},
      {"eventrootcode", &Layout::root},
      {"root", &Layout::root},
      {"goldsteinscore", &Layout::goldstein},
      {"goldstein", &Layout::goldstein},
      {"sourceactorentity", &Layout::source_country},
      {"source_country", &Layout::source_country},
      {"sourceactorrole", &Layout::source_agent},
      {"source_agent", &Layout::source_agent},
      {"targetactorentity", &Layout::target_country},
      {"target_country", &Layout::target_country},
      {"targetactorrole", &Layout::target_agent},
      {"target_agent", &Layout::target_agent},
      {"urls", &Layout::url},
      {"url", &Layout::url},
      {"modality", &Layout::modality}};
  Layout found;
  int known = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    auto it = kNames.find(base::AsciiLower(base::Trim(f[i])));
    if (it == kNames.end()) continue;
    found.*(it->second) = static_cast<int>(i);
    ++known;
  }
  if (known < 3 || found.date < 0 || found.code < 0) return false;
  found.min_columns =
      1 + std::max({found.date, found.code, found.source, found.target});
  *l = found;
  return true;
}

std::string_view Field(const std::vector<std::string_view>& f, int index) {
  if (index < 0 || static_cast<size_t>(index) >= f.size()) return {};
  return base::Trim(f[index]);
}

// Dates as YYYYMMDD (00 for unknown parts) or ISO YYYY-MM-DD, YYYY-MM, YYYY.
bool ParseDate(std::string_view s, std::string* iso) {
  int days = 0;
  if (YmdToIso(s, iso)) return true;
  if (s.size() != 8 && base::ParseIsoDateOrPrefix(s, &days)) {
    *iso = std::string(s);
    return true;
  }
  return false;
}

class PhoenixParser : public LineParser {
 public:
  explicit PhoenixParser(const CameoTables* cameo) : cameo_(cameo) {}

  Outcome Parse(std::string_view line, StoreRecord* record,
                std::string* error) override {
    std::vector<std::string_view> f = base::Split(line, '\t');
    if (!have_layout_) {
      if (HeaderLayout(f, &layout_)) {
        have_layout_ = true;
        return Outcome::kSkip;
      }
      if (!f.empty() && IsYmd(base::Trim(f[0]))) {
        layout_ = PetrarchLayout();
      } else if (f.size() >= 17 && IsYmd(base::Trim(f[1]))) {
        layout_ = OedaLayout();
      } else {
        *error =
            "not a Phoenix/PETRARCH line (no header seen; expected a "
            "YYYYMMDD date in column 1 or 2)";
        return Outcome::kError;
      }
      have_layout_ = true;
    }
    if (f.size() < static_cast<size_t>(layout_.min_columns)) {
      *error = "expected at least " + std::to_string(layout_.min_columns) +
               " tab-separated columns, got " + std::to_string(f.size());
      return Outcome::kError;
    }
    return Fill(f, line, record, error);
  }

 private:
  std::optional<Actor> MakeActor(const std::vector<std::string_view>& f,
                                 int code, int country, int agent) const {
    Actor a;
    a.code = std::string(Field(f, code));
    if (a.code.empty()) return std::nullopt;
    SplitActorCode(a.code, &a.country, &a.agent);
    if (!Field(f, country).empty()) a.country = std::string(Field(f, country));
    if (!Field(f, agent).empty()) a.agent = std::string(Field(f, agent));
    return a;
  }

  Outcome Fill(const std::vector<std::string_view>& f, std::string_view line,
               StoreRecord* record, std::string* error) {
    Event& e = record->event;
    std::string_view date = Field(f, layout_.date);
    if (!ParseDate(date, &e.date)) {
      *error = "date '" + std::string(date) + "' is not YYYYMMDD";
      return Outcome::kError;
    }
    e.cameo = std::string(Field(f, layout_.code));
    if (e.cameo.size() < 2 || e.cameo.size() > 4 ||
        !std::isdigit(static_cast<unsigned char>(e.cameo[0])) ||
        !std::isdigit(static_cast<unsigned char>(e.cameo[1]))) {
      *error = "event code '" + e.cameo + "' is not a CAMEO code";
      return Outcome::kError;
    }
    e.root = e.cameo.substr(0, 2);
    e.quad_class = QuadClassForRoot(e.root);
    std::string_view gold = Field(f, layout_.goldstein);
    if (gold.empty() || !base::ParseDouble(gold, &e.goldstein)) {
      e.goldstein = cameo_->Goldstein(e.cameo);
    }
    e.source = MakeActor(f, layout_.source, layout_.source_country,
                         layout_.source_agent);
    e.target = MakeActor(f, layout_.target, layout_.target_country,
                         layout_.target_agent);
    std::string_view modality = Field(f, layout_.modality);
    if (!modality.empty() &&
        !ParseModality(std::string(modality), &e.modality)) {
      *error = "modality '" + std::string(modality) + "' is unknown";
      return Outcome::kError;
    }
    std::string_view url = Field(f, layout_.url);
    record->url = std::string(url.substr(0, url.find(';')));
    e.doc_id = record->url;
    record->origin = kOriginPhoenix;
    std::string_view id = Field(f, layout_.id);
    std::string key = id.empty() ? ContentHash(line) : std::string(id);
    int occurrence = ++seen_[key];
    e.event_id = std::string(kOriginPhoenix) + ":" + key;
    if (id.empty() || occurrence > 1) {
      e.event_id += "#" + std::to_string(occurrence);
    }
    return Outcome::kRecord;
  }

  const CameoTables* cameo_;
  Layout layout_;
  bool have_layout_ = false;
  std::unordered_map<std::string, int> seen_;
};

}  // namespace

std::unique_ptr<LineParser> MakePhoenixParser(const CameoTables* cameo) {
  return std::make_unique<PhoenixParser>(cameo);
}

}  // namespace ladder::store
