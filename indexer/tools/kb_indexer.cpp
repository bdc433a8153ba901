// kb-indexer: validates case records and indexes them (see indexer/README.md).
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "kb/cli11/command_line.h"
#include "kb/index/indexer_run.h"

namespace {

void add_options(CLI::App& cli, kb::index::RunOptions& options) {
  cli.add_option("--db", options.db, "the index directory (required unless --check)")->type_name("DIR");
  cli.add_flag("--check", options.check_only, "validate only; nothing is written");
  cli.add_flag("--stats", options.stats, "print the valid records per theme, maturity, municipality and start_year decade");
  cli.add_flag("--strict", options.strict,
               "treat warnings (the same title twice in one municipality, a derived_from naming no known case) as "
               "errors: the record is rejected, exit 1");
  cli.add_flag("--prune", options.prune, "remove the cases that are not in the input");
  cli.add_option_function<std::string>(
         "--stemmer",
         [&options](const std::string& name) {
           const auto kind = kb::stemming::parse_stemmer(name);
           if (!kind) throw CLI::ValidationError("--stemmer", "unknown stemmer '" + name + "' (dutch, kraaij_pohlmann)");
           options.stemmer = *kind;
         },
         "dutch or kraaij_pohlmann")
      ->type_name("NAME")
      ->default_str(std::string(kb::stemming::stemmer_name(options.stemmer)));
  cli.add_option_function<std::string>(
      "--weights",
      [&options](const std::string& text) {
        std::string error;
        const auto weights = kb::index::parse_field_weights(text, error);
        if (!weights) throw CLI::ValidationError("--weights", error);
        options.weights = *weights;
      },
      "the wdf per occurrence of some or all fields, integers 1..1000, e.g. "
      "title=6,summary=3,tags=3,municipality=2,body=1")
      ->type_name("FIELD=N,...");
  cli.add_option("--municipalities", options.municipalities, "a municipalities CSV (default: the compiled-in CBS list)")
      ->type_name("CSV");
  cli.add_option("--synonyms", options.synonyms, "a synonyms file (default: the compiled-in list)")->type_name("FILE");
  cli.add_option("--dictionary", options.dictionary, "the word list for compound splitting")
      ->type_name("WORDLIST")
      ->capture_default_str();
  cli.add_option("--export", options.export_dir, "write the indexed records back as corpus files into DIR")
      ->type_name("DIR");
  cli.add_option("PATH", options.inputs, "a directory (recursively, *.json and *.jsonl), a .jsonl file, or - for JSONL on stdin")
      ->type_name("PATH");
}

// What CLI11 cannot say per option; reported in the same style.
void require_db_and_input(CLI::App& cli, const kb::index::RunOptions& options) {
  cli.final_callback([&cli, &options] {
    if (cli.count("--db") == 0 && !options.check_only) throw CLI::ValidationError("--db is required (or use --check)");
    if (options.inputs.empty() && !options.export_dir) throw CLI::ValidationError("no input PATH");
  });
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
  CLI::App cli{"Validates case records and indexes them, in one transaction per run.", "kb-indexer"};
  kb::cli11::use_house_style(cli);
  add_options(cli, options);
  require_db_and_input(cli, options);
  if (const auto exit_code = kb::cli11::parse(cli, argc, argv)) return *exit_code;
  return kb::index::run_indexer(options, std::cin, std::cerr).exit_code;
}
