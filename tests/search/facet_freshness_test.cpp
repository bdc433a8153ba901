// Issue #5 (search benchmark): facet counts come from an in-memory
// FacetTable per Searcher. After the indexer commits, the same Searcher must
// count the new and changed cases, not the table it loaded before.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kb/index/indexer_run.h"
#include "kb/search/searcher.h"

namespace kb::search {
namespace {
namespace fs = std::filesystem;

std::string record(const std::string& id, const std::string& municipality, const std::string& theme, int year) {
  return R"({"id":")" + id + R"(","title":"Proef met slimme lantaarnpalen )" + id + R"(","municipality":")" +
         municipality + R"(","themes":[")" + theme + R"("],"summary":"Een proef met slimme lantaarnpalen in de wijk.","solution":"Sensoren in lantaarnpalen.","maturity":"pilot","start_year":)" +
         std::to_string(year) + "}\n";
}

class FacetFreshnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kb-facet-fresh-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void index(const std::string& jsonl) {
    const std::string file = dir_ + "/cases.jsonl";
    std::ofstream(file) << jsonl;
    index::RunOptions options;
    options.db = dir_ + "/index";
    options.inputs = {file};
    options.prune = true;
    std::ostringstream log;
    std::istringstream none;
    ASSERT_EQ(index::run_indexer(options, none, log).exit_code, 0) << log.str();
  }

  static int count_of(const nlohmann::json& facet, const std::string& value) {
    for (const auto& v : facet)
      if (v.at("value") == value) return v.at("count").get<int>();
    return -1;
  }

  std::string dir_;
};

TEST_F(FacetFreshnessTest, CountsFollowEveryCommit) {
  index(record("proef-een", "Delft", "safety", 2020) + record("proef-twee", "Delft", "mobility", 2021));
  Searcher searcher(dir_ + "/index", text::Lexicon::load());
  Params params{{"q", "lantaarnpalen"}};
  auto r = searcher.search(parse_search_request(params));
  ASSERT_EQ(r.at("total"), 2);
  EXPECT_EQ(count_of(r.at("facets").at("municipality"), "delft"), 2);

  // A new case in another municipality, and one case moved to another theme and year.
  index(record("proef-een", "Delft", "healthcare", 2019) + record("proef-twee", "Delft", "mobility", 2021) +
        record("proef-drie", "Zwolle", "safety", 2022));
  r = searcher.search(parse_search_request(params));
  EXPECT_EQ(r.at("total"), 3);
  EXPECT_EQ(count_of(r.at("facets").at("municipality"), "zwolle"), 1);
  EXPECT_EQ(count_of(r.at("facets").at("theme"), "healthcare"), 1);
  EXPECT_EQ(count_of(r.at("facets").at("theme"), "safety"), 1);
  EXPECT_EQ(count_of(r.at("facets").at("start_year"), "2019"), 1);
  EXPECT_EQ(count_of(r.at("facets").at("start_year"), "2020"), -1);

  Params filtered{{"q", "lantaarnpalen"}, {"municipality", "zwolle"}};
  r = searcher.search(parse_search_request(filtered));
  EXPECT_EQ(r.at("total"), 1);
  EXPECT_EQ(count_of(r.at("facets").at("municipality"), "delft"), 2) << "disjunctive: the other municipality still counts";
}

}  // namespace
}  // namespace kb::search
