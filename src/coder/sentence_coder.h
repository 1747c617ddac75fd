// SentenceCoder: one sentence's tokens + mentions -> events.
//
// Clause analysis is shallow and fast: verb groups (auxiliaries, modals,
// control verbs such as "expected to"), subjects found leftwards (relative
// "which"/"who", "accuse X of V-ing", "for X to V"), passive voice with "by",
// compound actors, targets from patterns or the clause's next actor, and
// modality/attribution from the verb group and the clause.
//
// Thread-safety: a SentenceCoder holds only a reference to an immutable
// Dictionary; Code() is const and may run on many threads.
#ifndef LADDER_CODER_SENTENCE_CODER_H_
#define LADDER_CODER_SENTENCE_CODER_H_

#include <optional>
#include <string>
#include <vector>

#include "coder/dates.h"
#include "coder/mentions.h"
#include "dict/dictionary.h"
#include "ladder/event.h"
#include "text/text.h"

namespace ladder::coder {

struct SentenceContext {
  const std::vector<text::Token>* tokens = nullptr;
  std::string_view text;  // the whole normalized document
  int doc_days = kNoDate;
  int ymd = 0;  // document date as YYYYMMDD for date-restricted codes
  std::string_view doc_date;  // ISO; must outlive the SentenceContext
};

struct CodedEvent {
  std::optional<Mention> source;
  std::optional<Mention> target;
  std::string code;
  Modality modality = Modality::kAsserted;
  std::optional<std::string> attribution;
  std::string date;
  std::string verb;  // surface words of the match
  std::optional<dict::PatternView> pattern;
};

class SentenceCoder {
 public:
  // `new_actor_length` > 0: PETRARCH's option: an unknown noun phrase of at
  // most that many words standing as a verb's source or target becomes an
  // actor, coded as its upper-case text in quotes ("THE MINISTRY OF MAGIC").
  // With `filter_patterns` false every pattern of a verb is tried, without
  // the key-word index or the required-word test: the reference the
  // differential test compares the fast path with.
  explicit SentenceCoder(const dict::Dictionary& dict, int new_actor_length = 0,
                         bool filter_patterns = true)
      : dict_(dict),
        new_actor_length_(new_actor_length),
        filter_patterns_(filter_patterns) {}

  // Codes one sentence. `mentions` come from FindMentions. Appends events;
  // if `trace` is not null, appends a human-readable account of the choices.
  void Code(const SentenceContext& sentence,
            const std::vector<Mention>& mentions,
            std::vector<CodedEvent>* events, std::string* trace) const;

 private:
  const dict::Dictionary& dict_;
  int new_actor_length_ = 0;
  bool filter_patterns_ = true;
};

}  // namespace ladder::coder

#endif  // LADDER_CODER_SENTENCE_CODER_H_
