// Issue #5 (search benchmark): a relaxed query (no case has every word) ranks
// by how many of its words a case matches, then by BM25, as its `relaxed`
// flag promises; the page's ranked match only visits the best-covered cases.
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

std::string record(const std::string& id, const std::string& title, const std::string& summary) {
  return R"({"id":")" + id + R"(","title":")" + title + R"(","municipality":"Delft","themes":["safety"],"summary":")" +
         summary + R"(","solution":"Een oplossing die de gemeente samen met bewoners heeft bedacht.","maturity":"pilot","start_year":2021})" +
         "\n";
}

class RelaxedRankingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kb-relaxed-XXXXXX";
    dir_ = mkdtemp(tmpl);
    // `fluitketel` is rare and repeated, so BM25 alone would put the case
    // with only that word first; the case with two of the three words must
    // come first instead.
    std::string jsonl =
        record("een-woord-vaak", "Fluitketel in de fluitketelwijk",
               "Fluitketel, fluitketel en nog eens fluitketel: de fluitketel staat centraal.") +
        record("twee-woorden", "Proef in de wijk",
               "Een lange beschrijving van een proef waarin bewoners en ambtenaren samen kijken naar kwelwater in "
               "kelders en tuinen, en later ook een zeppelin boven de wijk laten vliegen voor metingen.");
    for (int i = 0; i < 4; ++i) {
      jsonl += record("kwel-" + std::to_string(i), "Kwelwater meten " + std::to_string(i),
                      "Kwelwater in de polder, gemeten door bewoners.");
      jsonl += record("zeppelin-" + std::to_string(i), "Zeppelin boven de stad " + std::to_string(i),
                      "Een zeppelin meet de luchtkwaliteit boven de stad.");
    }
    const std::string file = dir_ + "/cases.jsonl";
    std::ofstream(file) << jsonl;
    index::RunOptions options;
    options.db = dir_ + "/index";
    options.inputs = {file};
    std::ostringstream log;
    std::istringstream none;
    ASSERT_EQ(index::run_indexer(options, none, log).exit_code, 0) << log.str();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string dir_;
};

TEST_F(RelaxedRankingTest, CasesWithMoreOfTheWordsComeFirst) {
  Searcher searcher(dir_ + "/index", text::Lexicon::load());
  Params params{{"q", "kwelwater zeppelin fluitketel"}};
  const auto r = searcher.search(parse_search_request(params));
  ASSERT_TRUE(r.at("relaxed").get<bool>());
  EXPECT_EQ(r.at("total"), 10);
  ASSERT_GE(r.at("hits").size(), 2u);
  EXPECT_EQ(r.at("hits")[0].at("id"), "twee-woorden");
  // Among cases with one word each, BM25 decides: the rare, repeated word wins.
  EXPECT_EQ(r.at("hits")[1].at("id"), "een-woord-vaak");
}

}  // namespace
}  // namespace kb::search
