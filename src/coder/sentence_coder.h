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

#include <cstdint>
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

// How an event was derived: which rule found each side, how specific the
// pattern was. Filled where events are built; read by the confidence
// features (coder/confidence_features.h), never by the coding itself.
struct Derivation {
  enum Side : uint8_t {
    kNone,            // no actor on this side
    kPattern,         // the pattern's '$' / '+' slot
    kSubject,         // the clause's subject, found leftwards of the verb
    kByAgent,         // "by X" of a passive
    kNextActor,       // the clause's next actor after the verb
    kPassiveSubject,  // the subject of a passive verb, as its target
  };
  Side source = kNone, target = kNone;
  uint32_t verb = 0;         // token index of the verb word
  uint32_t group_begin = 0;  // first token of its verb group
  uint8_t pattern_words = 0;  // words the pattern matched
  bool noun = false;     // the verb word used as a noun ("the attack")
  bool control = false;  // a governing verb's own event ("agreed to")
  bool passive = false;
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
  Derivation derivation;
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
