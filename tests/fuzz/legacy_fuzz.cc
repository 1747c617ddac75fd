// libFuzzer target: the legacy dictionary readers (src/dict/legacy.h).
// The first input byte picks the file name, the format hint; the rest is the
// file's content. Projects do not follow the files they name.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dict/legacy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kNames[] = {
      "PETR.Validate.verbs.txt", "CAMEO.2.0.txt",     "Phoenix.Countries.actors.txt",
      "Phoenix.agents.txt",      "Phoenix.discards.txt", "Phoenix.IssueCoding.txt",
      "demo.actors",             "demo.verbs",        "demo.agents",
      "demo.options",            "demo.project",      "unknown.txt"};
  if (size == 0) return 0;
  const char* name = kNames[data[0] % (sizeof kNames / sizeof kNames[0])];
  std::string_view content(reinterpret_cast<const char*>(data + 1), size - 1);
  ladder::dict::DictionaryBuilder builder;
  ladder::dict::LegacyOptions options;
  ladder::dict::LegacyReadOptions read_options;
  read_options.follow_project = false;
  (void)ladder::dict::ReadLegacyDictionaryFromString(content, name, &builder, &options,
                                                     read_options);
  (void)builder.Compile();
  return 0;
}
