// kb-analyze: shows how the Dutch analysis pipeline sees text.
//   kb-analyze [--stemmer NAME] [--no-compounds] [--dictionary PATH] [--stats]
//       one JSON object {"tokens": [...]} per input line
//   kb-analyze --stem-only [--stemmer NAME]
//       the stem of each input word, one per line, without folding (the mode
//       that reproduces Snowball's reference vocabularies)
#include <xapian.h>

#include <iostream>
#include <string>

#include "kb/text/analyzer.h"
#include "kb/text/token_json.h"

namespace {

int usage() {
  std::cerr << "usage: kb-analyze [--stem-only] [--stemmer dutch|kraaij_pohlmann] [--no-compounds]\n"
               "                  [--dictionary PATH] [--stats] < text\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  kb::text::AnalyzerOptions options;
  bool stem_only = false, stats = false;
  std::string dictionary(kb::text::kDefaultDictionaryPath);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--stem-only") {
      stem_only = true;
    } else if (arg == "--no-compounds") {
      options.split_compounds = false;
    } else if (arg == "--stats") {
      stats = true;
    } else if ((arg == "--stemmer" || arg == "--dictionary") && i + 1 < argc) {
      const std::string value = argv[++i];
      if (arg == "--dictionary") {
        dictionary = value;
      } else if (auto kind = kb::text::parse_stemmer(value)) {
        options.stemmer = *kind;
      } else {
        std::cerr << "kb-analyze: unknown stemmer '" << value << "' (dutch, kraaij_pohlmann)\n";
        return 2;
      }
    } else {
      return usage();
    }
  }
  try {
    std::string line;
    if (stem_only) {
      Xapian::Stem stem{std::string(kb::text::stemmer_name(options.stemmer))};
      while (std::getline(std::cin, line)) std::cout << stem(line) << '\n';
      return 0;
    }
    const auto lexicon = kb::text::Lexicon::load(dictionary);
    if (stats)
      std::cerr << "dictionary: " << lexicon->dictionary().size() << " words, lexicon memory "
                << lexicon->memory_bytes() / 1024 << " KiB\n";
    kb::text::Analyzer analyzer(lexicon, options);
    while (std::getline(std::cin, line)) std::cout << kb::text::tokens_to_json(analyzer.analyze(line)).dump() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "kb-analyze: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
