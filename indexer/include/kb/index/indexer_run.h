#pragma once
// One run of kb-indexer, as a library function so that tests drive it
// without a process: read -> parse -> validate -> index, one commit.
#include <array>
#include <cstddef>
#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/schema/taxonomy.h"
#include "kb/schema/terms.h"
#include "kb/stemming/analyzer.h"

namespace kb::index {

struct RunOptions {
  std::filesystem::path db;
  std::vector<std::string> inputs;
  bool check_only = false;
  bool prune = false;
  bool progress = false;                             // a progress line on stderr
  bool stats = false;                                // print CorpusStats on stderr before the summary
  bool strict = false;                               // a warning rejects its record (exit 1)
  stemming::StemmerKind stemmer = stemming::StemmerKind::dutch;
  schema::FieldWeights weights{};                    // wdf per field occurrence (kb/schema/terms.h)
  // The server holds the write lock for one curation write at a time: wait
  // for it rather than fail (exit 2 after this long).
  std::chrono::milliseconds lock_wait{15'000};
  std::optional<std::filesystem::path> municipalities;  // default: the compiled-in CBS list
  std::optional<std::filesystem::path> synonyms;        // default: the compiled-in list
  std::optional<std::filesystem::path> export_dir;      // write records back as corpus files
  std::string dictionary = "/usr/share/dict/dutch";
};

// Counts over the records of one run that were accepted (valid, an id not
// seen before in the run, no derived_from cycle); collected on every run,
// printed with RunOptions::stats.
struct CorpusStats {
  std::size_t records = 0;
  std::array<std::size_t, schema::kThemes.size()> themes{};          // by schema::kThemes index
  std::array<std::size_t, schema::kMaturities.size()> maturities{};  // by schema::kMaturities index
  std::map<std::string, std::size_t> municipalities;                 // display name -> records
  std::map<std::string, std::size_t> decades;                        // "2010s", or "unknown" without start_year
};

struct RunSummary {
  std::size_t indexed = 0, unchanged = 0, rejected = 0, removed = 0, exported = 0;
  // The same title twice in one municipality, a derived_from that names no
  // known case at the end of the run. With RunOptions::strict each is also a
  // rejection.
  std::size_t warnings = 0;
  double seconds = 0;
  int exit_code = 0;  // 0 all good (warnings allowed), 1 some records rejected, 2 usage or I/O error
  CorpusStats stats;
};

// Reports rejected records as `file:line: field: message` and the summary
// line on `err`.
RunSummary run_indexer(const RunOptions& options, std::istream& in, std::ostream& err);

// Writes `stats` as the block that --stats prints: themes (all of them, also
// at 0) and maturities in schema order, municipalities by count (descending,
// then by name), decades in order.
void print_stats(const CorpusStats& stats, std::ostream& out);

// Parses `title=6,summary=3,tags=3,municipality=2,body=1`: any subset of the
// five fields, each at most once, each an integer 1..1000; fields not named
// keep their default. nullopt with `error` set on anything else.
std::optional<schema::FieldWeights> parse_field_weights(std::string_view text, std::string& error);

}  // namespace kb::index
