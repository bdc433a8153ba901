// kb-analyze: shows how the Dutch analysis pipeline sees text.
//   kb-analyze [--stemmer NAME] [--no-compounds] [--dictionary PATH] [--stats]
//       one JSON object {"tokens": [...]} per input line
//   kb-analyze --stem-only [--stemmer NAME]
//       the stem of each input word, one per line, without folding (the mode
//       that reproduces Snowball's reference vocabularies)
#include <xapian.h>

#include <iostream>
#include <string>

#include "kb/cli11/command_line.h"
#include "kb/stemming/analyzer.h"
#include "kb/stemming/token_json.h"

namespace {

struct CommandLine {
  kb::stemming::AnalyzerOptions options;
  bool stem_only = false;
  bool stats = false;
  std::string dictionary{kb::stemming::kDefaultDictionaryPath};
};

void add_options(CLI::App& cli, CommandLine& c) {
  cli.add_flag("--stem-only", c.stem_only, "only the Snowball stem of each input line, without folding");
  cli.add_option_function<std::string>(
         "--stemmer",
         [&c](const std::string& name) {
           const auto kind = kb::stemming::parse_stemmer(name);
           if (!kind) throw CLI::ValidationError("--stemmer", "unknown stemmer '" + name + "' (dutch, kraaij_pohlmann)");
           c.options.stemmer = *kind;
         },
         "dutch or kraaij_pohlmann")
      ->type_name("NAME")
      ->default_str(std::string(kb::stemming::stemmer_name(c.options.stemmer)));
  cli.add_flag_callback("--no-compounds", [&c] { c.options.split_compounds = false; }, "do not split compounds");
  cli.add_option("--dictionary", c.dictionary, "the word list for compound splitting")
      ->type_name("PATH")
      ->capture_default_str();
  cli.add_flag("--stats", c.stats, "print the size of the dictionary and the lexicon on stderr");
}

void print_stems(kb::stemming::StemmerKind stemmer) {
  Xapian::Stem stem{std::string(kb::stemming::stemmer_name(stemmer))};
  std::string line;
  while (std::getline(std::cin, line)) std::cout << stem(line) << '\n';
}

void print_tokens(const CommandLine& c) {
  const auto lexicon = kb::stemming::Lexicon::load(c.dictionary);
  if (c.stats)
    std::cerr << "dictionary: " << lexicon->dictionary().size() << " words, lexicon memory "
              << lexicon->memory_bytes() / 1024 << " KiB\n";
  kb::stemming::Analyzer analyzer(lexicon, c.options);
  std::string line;
  while (std::getline(std::cin, line)) std::cout << kb::stemming::tokens_to_json(analyzer.analyze(line)).dump() << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CommandLine command_line;
  CLI::App cli{"Shows how the Dutch analysis pipeline sees text: one JSON object {\"tokens\": [...]} per line of stdin.",
               "kb-analyze"};
  kb::cli11::use_house_style(cli);
  add_options(cli, command_line);
  if (const auto exit_code = kb::cli11::parse(cli, argc, argv)) return *exit_code;
  try {
    if (command_line.stem_only)
      print_stems(command_line.options.stemmer);
    else
      print_tokens(command_line);
  } catch (const std::exception& e) {
    std::cerr << "kb-analyze: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
