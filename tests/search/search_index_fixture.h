#pragma once
// The shared fixture of the search tests: a temporary index built from a
// short list of case records (plus, optionally, whole corpus folders) by the
// real indexer code (kb::index::run_indexer), removed again on destruction.
#include <xapian.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kb/stemming/lexicon.h"

#include "kb/search/answers.h"

namespace kb::search::testing {

using Records = std::vector<nlohmann::json>;

// A valid, published case record: `id` is also in the title (so titles stay
// unique), and `fields` replace or add fields (`{"visibility", "draft"}`).
nlohmann::json make_case(const std::string& id, const nlohmann::json& fields = nlohmann::json::object());

// A snippet with its marks written as [..], for assertions: "hitte[stress]".
std::string bracketed(const Snippet& snippet);

// The value -> count map of one facet of an answer.
std::map<std::string, int> count_of(const std::vector<FacetValue>& facet);

// The word list and built-in lists, loaded once per test binary.
std::shared_ptr<const stemming::Lexicon> shared_lexicon();

class SearchIndexFixture {
 public:
  // Indexes `records` and then every path of `more_inputs` (corpus folders,
  // JSON or JSONL files). Throws std::runtime_error with the indexer's log
  // when it does not exit 0.
  explicit SearchIndexFixture(const Records& records,
                              const std::vector<std::string>& more_inputs = {});
  ~SearchIndexFixture();
  SearchIndexFixture(const SearchIndexFixture&) = delete;
  SearchIndexFixture& operator=(const SearchIndexFixture&) = delete;

  // Re-indexes with --prune: afterwards the index holds exactly `records`
  // (a new revision of the same database).
  void replace_all(const Records& records);

  const std::filesystem::path& dir() const noexcept { return dir_; }
  std::filesystem::path index_path() const { return dir_ / "index"; }
  Xapian::Database open() const { return Xapian::Database(index_path().string()); }

 private:
  void index(const Records& records, const std::vector<std::string>& more_inputs, bool prune);

  std::filesystem::path dir_;
};

}  // namespace kb::search::testing
