// Confidence features of a coded event (coder/confidence_features.h).
#include "coder/confidence_features.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ladder::coder {
namespace {

// Indices into the feature vector; FeatureNames() spells them in this order.
enum Feature : int {
  kSourcePattern,
  kSourceSubjectAdjacent,
  kSourceSubjectFar,
  kSourceBy,
  kSourceNone,
  kSourcePronoun,
  kSourceContext,
  kSourcePerson,
  kSourceAgentOnly,
  kSourceIgo,
  kTargetPattern,
  kTargetNextActor,
  kTargetPassiveSubject,
  kTargetNone,
  kTargetPronoun,
  kTargetContext,
  kTargetPerson,
  kTargetAgentOnly,
  kTargetIgo,
  kSameCountry,
  kPatternWords,
  kNounVerb,
  kPassive,
  kControlEvent,
  kReverseEvent,
  kNegated,
  kFuture,
  kHypothetical,
  kAlleged,
  kSentenceLength,
  kHeadline,
  kFirstSentence,
  kSourceDistance,
  kTargetDistance,
  kSentenceEvents,
  kDocPolitical,
  kDocTopicCues,
  kRoot01,  // kRoot01 + r - 1 for root r = 1..20
  kFeatureCount = kRoot01 + 20,
};

std::vector<std::string> MakeNames() {
  std::vector<std::string> names = {"source_pattern",
                                    "source_subject_adjacent",
                                    "source_subject_far",
                                    "source_by",
                                    "source_none",
                                    "source_pronoun",
                                    "source_context",
                                    "source_person",
                                    "source_agent_only",
                                    "source_igo",
                                    "target_pattern",
                                    "target_next_actor",
                                    "target_passive_subject",
                                    "target_none",
                                    "target_pronoun",
                                    "target_context",
                                    "target_person",
                                    "target_agent_only",
                                    "target_igo",
                                    "same_country",
                                    "pattern_words",
                                    "noun_verb",
                                    "passive",
                                    "control_event",
                                    "reverse_event",
                                    "negated",
                                    "future",
                                    "hypothetical",
                                    "alleged",
                                    "sentence_length",
                                    "headline",
                                    "first_sentence",
                                    "source_distance",
                                    "target_distance",
                                    "sentence_events",
                                    "doc_political",
                                    "doc_topic_cues"};
  for (int r = 1; r <= 20; ++r) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "root_%02d", r);
    names.push_back(buf);
  }
  return names;
}

bool Igo(const std::string& code) {
  return code.compare(0, 3, "IGO") == 0 || code.compare(0, 3, "NGO") == 0 ||
         code.compare(0, 3, "IMG") == 0;
}

// The features of one side: the mention's kind.
void SideFeatures(const Mention& m, int pronoun, std::vector<double>* out) {
  (*out)[pronoun] = m.pronoun || m.last_two;
  (*out)[pronoun + 1] = m.context;
  (*out)[pronoun + 2] = m.person;
  (*out)[pronoun + 3] = m.code.compare(0, 3, "---") == 0;
  (*out)[pronoun + 4] = Igo(m.code);
}

// Tokens between a mention and the verb (either side), as log(1 + n).
double Distance(const Mention& m, uint32_t verb) {
  uint32_t n = m.end <= verb ? verb - m.end : m.begin > verb ? m.begin - verb - 1 : 0;
  return std::log1p(static_cast<double>(n));
}

}  // namespace

const std::vector<std::string>& FeatureNames() {
  static const std::vector<std::string> names = MakeNames();
  return names;
}

void EventFeatures(const CodedEvent& e, const SentenceFacts& s, std::vector<double>* out) {
  out->assign(kFeatureCount, 0.0);
  std::vector<double>& x = *out;
  const Derivation& d = e.derivation;
  switch (e.source ? d.source : Derivation::kNone) {
    case Derivation::kPattern:
      x[kSourcePattern] = 1;
      break;
    case Derivation::kByAgent:
      x[kSourceBy] = 1;
      break;
    case Derivation::kNone:
      x[kSourceNone] = 1;
      break;
    default:  // the subject: right before the verb group, or further left
      x[e.source->end + 1 >= d.group_begin ? kSourceSubjectAdjacent : kSourceSubjectFar] = 1;
  }
  switch (e.target ? d.target : Derivation::kNone) {
    case Derivation::kPattern:
      x[kTargetPattern] = 1;
      break;
    case Derivation::kPassiveSubject:
      x[kTargetPassiveSubject] = 1;
      break;
    case Derivation::kNone:
      x[kTargetNone] = 1;
      break;
    default:
      x[kTargetNextActor] = 1;
  }
  if (e.source) {
    SideFeatures(*e.source, kSourcePronoun, out);
    x[kSourceDistance] = Distance(*e.source, d.verb);
  }
  if (e.target) {
    SideFeatures(*e.target, kTargetPronoun, out);
    x[kTargetDistance] = Distance(*e.target, d.verb);
  }
  x[kSameCountry] =
      e.source && e.target && !e.source->country.empty() && e.source->country == e.target->country;
  x[kPatternWords] = std::min(d.pattern_words, uint8_t{6}) / 6.0;
  x[kNounVerb] = d.noun;
  x[kPassive] = d.passive;
  x[kControlEvent] = d.control;
  x[kReverseEvent] = !d.control && e.pattern && e.code != e.pattern->code();
  x[kNegated] = e.modality == Modality::kNegated;
  x[kFuture] = e.modality == Modality::kFuture;
  x[kHypothetical] = e.modality == Modality::kHypothetical;
  x[kAlleged] = e.modality == Modality::kAlleged;
  size_t tokens = s.tokens ? s.tokens->size() : 0;
  x[kSentenceLength] = std::min(tokens / 50.0, 2.0);
  x[kHeadline] = s.headline;
  x[kFirstSentence] = s.sentence_no == 1;
  x[kSentenceEvents] = std::log1p(static_cast<double>(s.events));
  if (e.code.size() >= 2 && e.code[0] >= '0' && e.code[0] <= '2' && e.code[1] >= '0' &&
      e.code[1] <= '9') {
    int root = (e.code[0] - '0') * 10 + (e.code[1] - '0');
    if (root >= 1 && root <= 20) x[kRoot01 + root - 1] = 1;
  }
}

void DocumentFeatures(int anchors, int cues, std::vector<double>* out) {
  if (out->size() < static_cast<size_t>(kFeatureCount)) return;
  (*out)[kDocPolitical] = anchors > 0;
  (*out)[kDocTopicCues] = cues > 0;
}

}  // namespace ladder::coder
