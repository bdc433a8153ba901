// Issue #5 (search benchmark): facet counts come from an in-memory
// FacetTable per Searcher. After the indexer commits, the same Searcher must
// count the new and changed cases, not the table it loaded before.
#include <gtest/gtest.h>

#include <string>

#include "kb/search/searcher.h"
#include "search_index_fixture.h"

namespace kb::search {
namespace {

nlohmann::json record(const std::string& id, const std::string& municipality, const std::string& theme, int year) {
  return testing::make_case(id, {{"title", "Proef met slimme lantaarnpalen " + id},
                                 {"municipality", municipality},
                                 {"themes", {theme}},
                                 {"summary", "Een proef met slimme lantaarnpalen in de wijk."},
                                 {"solution", "Sensoren in lantaarnpalen."},
                                 {"maturity", "pilot"},
                                 {"start_year", year}});
}

int count_of(const std::vector<FacetValue>& facet, const std::string& value) {
  for (const auto& v : facet)
    if (v.value == value) return static_cast<int>(v.count);
  return -1;
}

TEST(FacetFreshnessTest, CountsFollowEveryCommit) {
  testing::SearchIndexFixture index(
      testing::Records{record("proef-een", "Delft", "safety", 2020), record("proef-twee", "Delft", "mobility", 2021)});
  Searcher searcher(index.index_path(), testing::shared_lexicon());
  Params params{{"q", "lantaarnpalen"}};
  auto r = searcher.search(parse_search_request(params));
  ASSERT_EQ(r.total, 2u);
  EXPECT_EQ(count_of(r.facets.municipality, "delft"), 2);

  // A new case in another municipality, and one case moved to another theme and year.
  index.replace_all(testing::Records{record("proef-een", "Delft", "healthcare", 2019), record("proef-twee", "Delft", "mobility", 2021),
                     record("proef-drie", "Zwolle", "safety", 2022)});
  r = searcher.search(parse_search_request(params));
  EXPECT_EQ(r.total, 3u);
  EXPECT_EQ(count_of(r.facets.municipality, "zwolle"), 1);
  EXPECT_EQ(count_of(r.facets.theme, "healthcare"), 1);
  EXPECT_EQ(count_of(r.facets.theme, "safety"), 1);
  EXPECT_EQ(count_of(r.facets.start_year, "2019"), 1);
  EXPECT_EQ(count_of(r.facets.start_year, "2020"), -1);

  Params filtered{{"q", "lantaarnpalen"}, {"municipality", "zwolle"}};
  r = searcher.search(parse_search_request(filtered));
  EXPECT_EQ(r.total, 1u);
  EXPECT_EQ(count_of(r.facets.municipality, "delft"), 2) << "disjunctive: the other municipality still counts";
}

}  // namespace
}  // namespace kb::search
