// kb-search: the search core from the command line, for curators and scripts
// (the relevance benchmark uses it). Prints the API's JSON answer.
//   kb-search --db DIR [name=value]...     e.g. q=hittestress theme=healthcare
#include <iostream>
#include <string>
#include <vector>

#include "kb/cli11/command_line.h"
#include "kb/http/answer_json.h"
#include "kb/search/errors.h"
#include "kb/search/searcher.h"

namespace {

// name=value, the parameters of GET /api/v1/search.
kb::search::Params parse_params(const std::vector<std::string>& args) {
  kb::search::Params params;
  for (const auto& arg : args) {
    const auto eq = arg.find('=');
    params.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
  }
  return params;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  std::vector<std::string> args;
  CLI::App cli{"Runs one search on an index and prints the JSON answer of GET /api/v1/search.", "kb-search"};
  kb::cli11::use_house_style(cli);
  cli.add_option("--db", db, "the index directory (required)")->type_name("DIR");
  cli.add_option("PARAM", args, "name=value, a parameter of /api/v1/search, e.g. q=hittestress theme=healthcare")
      ->check(CLI::Validator(
          [](const std::string& arg) { return arg.find('=') == std::string::npos ? "not name=value: " + arg : ""; },
          ""))
      ->type_name("NAME=VALUE");
  cli.final_callback([&cli] { kb::cli11::require(cli, "--db"); });
  if (const auto exit_code = kb::cli11::parse(cli, argc, argv)) return *exit_code;
  try {
    kb::search::Searcher searcher(db, kb::stemming::Lexicon::load());
    std::cout << kb::http::to_json(searcher.search(kb::search::parse_search_request(parse_params(args)))).dump(2) << '\n';
  } catch (const kb::search::InvalidRequest& e) {
    for (const auto& p : e.problems()) std::cerr << "kb-search: " << p.field << ": " << p.message << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "kb-search: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
