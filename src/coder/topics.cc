// Document topic cues and political anchors.
#include "coder/topics.h"

#include <algorithm>
#include <map>

namespace ladder::coder {
namespace {

std::string Words(dict::WordList words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace

void TopicTally::Add(uint32_t entry) {
  if (std::find(entries_.begin(), entries_.end(), entry) == entries_.end()) {
    entries_.push_back(entry);
  }
}

std::string_view TopicTally::OffTopic(const dict::Dictionary& dict) const {
  int anchors = 0;
  std::map<std::string_view, int> cues;
  for (uint32_t e : entries_) {
    if (dict.discard_kind(e) == dict::DiscardKind::kAnchor) ++anchors;
    if (dict.discard_kind(e) == dict::DiscardKind::kCue) ++cues[dict.discard_topic(e)];
  }
  std::string_view best;
  int most = 0;
  for (const auto& [topic, n] : cues) {
    if (n > most) best = topic, most = n;
  }
  return most >= kMinTopicCues && most > anchors ? best : std::string_view();
}

int TopicTally::Count(const dict::Dictionary& dict, dict::DiscardKind kind) const {
  int n = 0;
  for (uint32_t e : entries_) n += dict.discard_kind(e) == kind;
  return n;
}

std::string TopicTally::Describe(const dict::Dictionary& dict) const {
  std::map<std::string, std::string> groups;  // topic ("" anchors) -> cues
  for (uint32_t e : entries_) {
    std::string key = dict.discard_kind(e) == dict::DiscardKind::kAnchor
                          ? std::string()
                          : std::string(dict.discard_topic(e));
    std::string& list = groups[key];
    list += (list.empty() ? "'" : ", '") + Words(dict.discard_phrase(e)) + "'";
  }
  std::string out;
  for (const auto& [topic, list] : groups) {
    if (topic.empty()) continue;
    out += (out.empty() ? "" : "; ") + topic + ": " + list;
  }
  if (groups.count("")) out += (out.empty() ? "" : "; ") + std::string("anchors: ") + groups[""];
  return out;
}

}  // namespace ladder::coder
