#pragma once
// One run of kb-indexer, as a library function so that tests drive it
// without a process: read -> parse -> validate -> index, one commit.
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "kb/text/analyzer.h"

namespace kb::index {

struct RunOptions {
  std::filesystem::path db;
  std::vector<std::string> inputs;
  bool check_only = false;
  bool prune = false;
  bool progress = false;                             // a progress line on stderr
  text::StemmerKind stemmer = text::StemmerKind::dutch;
  std::optional<std::filesystem::path> municipalities;  // default: the compiled-in CBS list
  std::optional<std::filesystem::path> synonyms;        // default: the compiled-in list
  std::optional<std::filesystem::path> export_dir;      // write records back as corpus files
  std::string dictionary = "/usr/share/dict/dutch";
};

struct RunSummary {
  std::size_t indexed = 0, unchanged = 0, rejected = 0, removed = 0, exported = 0;
  double seconds = 0;
  int exit_code = 0;  // 0 all good, 1 some records rejected, 2 usage or I/O error
};

// Reports rejected records as `file:line: field: message` and the summary
// line on `err`.
RunSummary run_indexer(const RunOptions& options, std::istream& in, std::ostream& err);

// The compiled-in corpus/municipalities.csv.
std::string_view builtin_municipalities_csv();

}  // namespace kb::index
