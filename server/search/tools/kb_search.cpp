// kb-search: the search core from the command line, for curators and scripts
// (the relevance benchmark uses it). Prints the API's JSON answer.
//   kb-search --db DIR [name=value]...     e.g. q=hittestress theme=healthcare
#include <iostream>

#include "kb/search/errors.h"
#include "kb/search/searcher.h"

int main(int argc, char** argv) {
  std::string db;
  kb::search::Params params;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (const auto eq = arg.find('='); eq != std::string::npos) {
      params.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
    } else {
      std::cerr << "usage: kb-search --db DIR [name=value]...\n";
      return 2;
    }
  }
  if (db.empty()) {
    std::cerr << "usage: kb-search --db DIR [name=value]...\n";
    return 2;
  }
  try {
    kb::search::Searcher searcher(db, kb::text::Lexicon::load());
    std::cout << searcher.search(kb::search::parse_search_request(params)).dump(2) << '\n';
  } catch (const kb::search::InvalidRequest& e) {
    for (const auto& p : e.problems()) std::cerr << "kb-search: " << p.field << ": " << p.message << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "kb-search: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
