// Issue #5 (search benchmark): a relaxed query (no case has every word) ranks
// by how many of its words a case matches, then by BM25, as its `relaxed`
// flag promises; the page's ranked match only visits the best-covered cases.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kb/search/searcher.h"
#include "search_index_fixture.h"

namespace kb::search {
namespace {

nlohmann::json record(const std::string& id, const std::string& title, const std::string& summary) {
  return testing::make_case(id, {{"title", title},
                                 {"municipality", "Delft"},
                                 {"themes", {"safety"}},
                                 {"summary", summary},
                                 {"solution", "Een oplossing die de gemeente samen met bewoners heeft bedacht."},
                                 {"maturity", "pilot"},
                                 {"start_year", 2021}});
}

// `fluitketel` is rare and repeated, so BM25 alone would put the case with
// only that word first; the case with two of the three words must come
// first instead.
std::vector<nlohmann::json> records() {
  std::vector<nlohmann::json> out = {
      record("een-woord-vaak", "Fluitketel in de fluitketelwijk",
             "Fluitketel, fluitketel en nog eens fluitketel: de fluitketel staat centraal."),
      record("twee-woorden", "Proef in de wijk",
             "Een lange beschrijving van een proef waarin bewoners en ambtenaren samen kijken naar kwelwater in "
             "kelders en tuinen, en later ook een zeppelin boven de wijk laten vliegen voor metingen.")};
  for (int i = 0; i < 4; ++i) {
    out.push_back(record("kwel-" + std::to_string(i), "Kwelwater meten " + std::to_string(i),
                         "Kwelwater in de polder, gemeten door bewoners."));
    out.push_back(record("zeppelin-" + std::to_string(i), "Zeppelin boven de stad " + std::to_string(i),
                         "Een zeppelin meet de luchtkwaliteit boven de stad."));
  }
  return out;
}

TEST(RelaxedRankingTest, CasesWithMoreOfTheWordsComeFirst) {
  const testing::SearchIndexFixture index(records());
  Searcher searcher(index.index_path(), testing::shared_lexicon());
  Params params{{"q", "kwelwater zeppelin fluitketel"}};
  const auto r = searcher.search(parse_search_request(params));
  ASSERT_TRUE(r.relaxed);
  EXPECT_EQ(r.total, 10u);
  ASSERT_GE(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, "twee-woorden");
  // Among cases with one word each, BM25 decides: the rare, repeated word wins.
  EXPECT_EQ(r.hits[1].id, "een-woord-vaak");
}

}  // namespace
}  // namespace kb::search
