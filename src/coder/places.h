// The engine's gazetteer (src/geo/): from a dictionary snapshot's "PLACES"
// section when the engine opens one snapshot that carries it, else built from
// the GeoNames cities extracted at build time, iso-codes and data/places/.
// Built gazetteers are cached per process (every Engine of a process shares
// one), so opening many engines reads the sources once.
#ifndef LADDER_CODER_PLACES_H_
#define LADDER_CODER_PLACES_H_

#include <memory>
#include <string>
#include <vector>

#include "dict/snapshot.h"
#include "geo/gazetteer.h"
#include "ladder/engine.h"

namespace ladder::coder {

inline constexpr char kPlacesSectionTag[] = "PLACES";

// The gazetteer `options` call for; problems with data/places/ go to *problems.
Result<std::shared_ptr<const geo::Gazetteer>> OpenGazetteer(const EngineOptions& options,
                                                            std::vector<std::string>* problems);

}  // namespace ladder::coder

#endif  // LADDER_CODER_PLACES_H_
