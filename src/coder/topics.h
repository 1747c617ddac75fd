// Document topic: is a document about politics at all? A discards file can
// list topic cues ("?sport goalkeeper", "?business shareholder") and
// political anchors ("!minister"). The engine counts, per document, the
// distinct cue entries of each topic and the distinct anchors it meets; a
// document with at least kMinTopicCues cues of one topic, and more of them
// than anchors, is about that topic and is not coded (EngineOptions::
// topic_filter). Sport pages, company results and gadget reviews name
// countries and use verbs of conflict ("Spain beat England", "Vodafone
// attacks rival") that would otherwise be coded as political events.
#ifndef LADDER_CODER_TOPICS_H_
#define LADDER_CODER_TOPICS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dict/dictionary.h"

namespace ladder::coder {

inline constexpr int kMinTopicCues = 2;

class TopicTally {
 public:
  // Counts a kCue or kAnchor discard entry met in the document (once).
  void Add(uint32_t entry);
  bool empty() const { return entries_.empty(); }
  // How many distinct entries of `kind` (kCue, kAnchor) were met.
  int Count(const dict::Dictionary& dict, dict::DiscardKind kind) const;
  // The topic the document is about, "" if it is not off-topic.
  std::string_view OffTopic(const dict::Dictionary& dict) const;
  // "sport: 'goalkeeper', 'season'; anchors: 'minister'" (explanations).
  std::string Describe(const dict::Dictionary& dict) const;

 private:
  std::vector<uint32_t> entries_;  // distinct, in the order met
};

}  // namespace ladder::coder

#endif  // LADDER_CODER_TOPICS_H_
