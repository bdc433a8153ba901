// kb-indexer: validates case records and indexes them (see indexer/README.md).
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "kb/index/indexer_run.h"

namespace {

int usage(const char* message = nullptr) {
  if (message) std::cerr << "kb-indexer: " << message << '\n';
  std::cerr << "usage: kb-indexer --db DIR [--check] [--stats] [--prune] [--stemmer dutch|kraaij_pohlmann]\n"
               "                  [--weights title=6,summary=3,tags=3,municipality=2,body=1]\n"
               "                  [--municipalities CSV] [--synonyms FILE] [--dictionary WORDLIST] [--export DIR] PATH...\n"
               "  PATH is a directory (recursively, *.json), a .jsonl file, or - for JSONL on stdin.\n"
               "  --stats prints the valid records per theme, maturity, municipality and start_year decade.\n"
               "  --weights sets the wdf per occurrence of some or all fields (integers 1..1000).\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // Xapian buffers the postings of this many documents before it writes them
  // to the (still uncommitted) tables; its default is 10,000. Its buffers are
  // std::maps per term, and smaller ones are faster: 200 cut the CPU time of a
  // 2,000-case run by about a quarter and its peak RSS from 127 to 41 MB
  // (scripts/BENCHMARKS.md). Nothing becomes visible before the commit either
  // way. An explicit XAPIAN_FLUSH_THRESHOLD wins.
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "200", /*overwrite=*/0);
  kb::index::RunOptions options;
  options.progress = isatty(STDERR_FILENO) != 0;
  bool have_db = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--check") {
      options.check_only = true;
    } else if (arg == "--stats") {
      options.stats = true;
    } else if (arg == "--prune") {
      options.prune = true;
    } else if (arg == "--help" || arg == "-h") {
      usage();
      return 0;
    } else if (arg == "--db" || arg == "--stemmer" || arg == "--municipalities" || arg == "--synonyms" ||
               arg == "--export" || arg == "--dictionary" || arg == "--weights") {
      const char* v = value();
      if (!v) return usage((arg + " needs a value").c_str());
      if (arg == "--db") {
        options.db = v;
        have_db = true;
      } else if (arg == "--stemmer") {
        const auto kind = kb::text::parse_stemmer(v);
        if (!kind) return usage("unknown stemmer (dutch, kraaij_pohlmann)");
        options.stemmer = *kind;
      } else if (arg == "--weights") {
        std::string error;
        const auto weights = kb::index::parse_field_weights(v, error);
        if (!weights) return usage(("--weights: " + error).c_str());
        options.weights = *weights;
      } else if (arg == "--municipalities") {
        options.municipalities = v;
      } else if (arg == "--synonyms") {
        options.synonyms = v;
      } else if (arg == "--export") {
        options.export_dir = v;
      } else {
        options.dictionary = v;
      }
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      return usage(("unknown option " + arg).c_str());
    } else {
      options.inputs.push_back(arg);
    }
  }
  if (!have_db && !options.check_only) return usage("--db is required (or use --check)");
  if (options.inputs.empty() && !options.export_dir) return usage("no input PATH");
  return kb::index::run_indexer(options, std::cin, std::cerr).exit_code;
}
