// Confidence features: how an event was derived (CodedEvent::derivation,
// its mentions, its sentence and document), as the numbers the confidence
// model (include/ladder/confidence.h) weighs. doc/evaluation.md lists them.
//
// Thread-safety: pure functions.
#ifndef LADDER_CODER_CONFIDENCE_FEATURES_H_
#define LADDER_CODER_CONFIDENCE_FEATURES_H_

#include <string>
#include <vector>

#include "coder/sentence_coder.h"
#include "text/text.h"

namespace ladder::coder {

// The feature names, in the order of the values EventFeatures fills.
const std::vector<std::string>& FeatureNames();

// What the features read of the event's sentence.
struct SentenceFacts {
  const std::vector<text::Token>* tokens = nullptr;
  int sentence_no = 1;    // 1-based
  bool headline = false;  // no final stop: a headline or a title
  size_t events = 0;      // events coded in the sentence
};

// Fills *out (resized to FeatureNames().size()) with the event's features;
// the document's (DocumentFeatures) are left 0.
void EventFeatures(const CodedEvent& event, const SentenceFacts& sentence,
                   std::vector<double>* out);

// Sets the document-level features once the whole document is read: its
// political anchors and topic cues (coder/topics.h).
void DocumentFeatures(int anchors, int cues, std::vector<double>* out);

}  // namespace ladder::coder

#endif  // LADDER_CODER_CONFIDENCE_FEATURES_H_
