#include "search_index_fixture.h"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "kb/index/indexer_run.h"

namespace kb::search::testing {

nlohmann::json make_case(const std::string& id, const nlohmann::json& fields) {
  nlohmann::json record = {{"id", id},
                           {"title", "Proefcasus " + id},
                           {"municipality", "Utrecht"},
                           {"themes", {"mobility"}},
                           {"summary", "Een proefcasus voor de zoektests."},
                           {"solution", "Een oplossing die alleen in de tests bestaat."},
                           {"maturity", "pilot"}};
  for (const auto& [key, value] : fields.items()) record[key] = value;
  return record;
}

std::shared_ptr<const stemming::Lexicon> shared_lexicon() {
  static const std::shared_ptr<const stemming::Lexicon> lexicon = stemming::Lexicon::load();
  return lexicon;
}

SearchIndexFixture::SearchIndexFixture(const Records& records,
                                       const std::vector<std::string>& more_inputs) {
  std::string pattern = (std::filesystem::temp_directory_path() / "kb-search-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  dir_ = pattern;
  try {
    index(records, more_inputs, false);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    throw;
  }
}

SearchIndexFixture::~SearchIndexFixture() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void SearchIndexFixture::replace_all(const Records& records) { index(records, {}, true); }

void SearchIndexFixture::index(const Records& records, const std::vector<std::string>& more_inputs,
                               bool prune) {
  index::RunOptions options;
  options.db = index_path();
  options.prune = prune;
  if (!records.empty()) {
    const auto jsonl = dir_ / "records.jsonl";
    std::ofstream out(jsonl, std::ios::trunc);
    for (const auto& r : records) out << r.dump() << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write " + jsonl.string());
    options.inputs.push_back(jsonl.string());
  }
  options.inputs.insert(options.inputs.end(), more_inputs.begin(), more_inputs.end());
  std::ostringstream log;
  std::istringstream none;
  const auto summary = index::run_indexer(options, none, log);
  if (summary.exit_code != 0)
    throw std::runtime_error("kb-indexer exited " + std::to_string(summary.exit_code) + ":\n" + log.str());
}

std::string bracketed(const Snippet& snippet) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& m : snippet.marks) {
    out += snippet.text.substr(pos, m.begin - pos) + "[" + snippet.text.substr(m.begin, m.end - m.begin) + "]";
    pos = m.end;
  }
  return out + snippet.text.substr(pos);
}

std::map<std::string, int> count_of(const std::vector<FacetValue>& facet) {
  std::map<std::string, int> out;
  for (const auto& v : facet) out[v.value] = static_cast<int>(v.count);
  return out;
}

}  // namespace kb::search::testing
