// Loads dictionary files and folders of any supported format into a builder.
#ifndef LADDER_DICT_LOADER_H_
#define LADDER_DICT_LOADER_H_

#include <string>

#include "dict/dictionary.h"

namespace ladder::dict {

// Reads a whole file; errors name the path.
Result<std::string> ReadFile(const std::string& path);

// `path` is a file or a folder (read recursively, files in name order;
// hidden files, README* and *.md skipped). Each file's format is recognised
// from its content: a compiled snapshot (dict/snapshot.h, by its magic
// bytes), ladder's own ("%ladder ..." header) or a legacy format (PETRARCH,
// Phoenix, TABARI). Entry problems go to builder->problems();
// an unreadable path or unrecognised file is an error.
Status LoadDictionaryPath(const std::string& path, DictionaryBuilder* builder);

}  // namespace ladder::dict

#endif  // LADDER_DICT_LOADER_H_
