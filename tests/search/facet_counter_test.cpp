// FacetTable and FacetCounter on a tiny hand-built index: the rows the table
// reads, exact disjunctive counts (a facet ignores its own filter, and
// multi-valued themes count once per theme), years, the table's reload on a
// new revision; and, through Searcher, that drafts are never counted.
#include "kb/search/facet_counter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "kb/schema/taxonomy.h"
#include "kb/schema/terms.h"
#include "kb/search/facet_table.h"
#include "kb/search/searcher.h"
#include "search_index_fixture.h"

namespace kb::search {
namespace {

namespace schema = kb::schema;
using nlohmann::json;
using testing::make_case;

testing::Records tiny_corpus() {
  return {
      make_case("fc-utrecht-1", {{"municipality", "Utrecht"}, {"themes", {"mobility", "safety"}}, {"maturity", "pilot"}, {"start_year", 2020}}),
      make_case("fc-utrecht-2", {{"municipality", "Utrecht"}, {"themes", {"mobility"}}, {"maturity", "proven"}, {"start_year", 2021}}),
      make_case("fc-delft-1", {{"municipality", "Delft"}, {"themes", {"safety"}}, {"maturity", "pilot"}, {"start_year", 2020}}),
      make_case("fc-delft-2", {{"municipality", "Delft"}, {"themes", {"healthcare"}}, {"maturity", "idea"}}),
      make_case("fc-zwolle-concept", {{"municipality", "Zwolle"}, {"themes", {"mobility"}}, {"maturity", "pilot"},
                                      {"start_year", 2022}, {"visibility", "draft"}}),
  };
}

std::uint8_t theme_bit(std::string_view id) { return static_cast<std::uint8_t>(1u << schema::theme_index(id)); }
std::uint8_t maturity_bit(std::string_view id) { return static_cast<std::uint8_t>(1u << schema::maturity_index(id)); }

Xapian::doccount theme_count(const FacetCounts& c, std::string_view id) { return c.themes.at(static_cast<std::size_t>(schema::theme_index(id))); }
Xapian::doccount maturity_count(const FacetCounts& c, std::string_view id) {
  return c.maturities.at(static_cast<std::size_t>(schema::maturity_index(id)));
}
template <typename Map, typename Key>
Xapian::doccount count_in(const Map& counts, const Key& key) {
  const auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}
Xapian::doccount count_in(const std::vector<SlugCount>& counts, const std::string& slug) {
  const auto it = std::find_if(counts.begin(), counts.end(), [&](const SlugCount& c) { return c.slug == slug; });
  return it == counts.end() ? 0 : it->count;
}

Xapian::docid docid_of(const Xapian::Database& db, const std::string& id) {
  const auto it = db.postlist_begin(schema::term(schema::kId, id));
  return it == db.postlist_end(schema::term(schema::kId, id)) ? 0 : *it;
}

class FacetCounterTest : public ::testing::Test {
 protected:
  FacetCounterTest() : fixture_(tiny_corpus()), db_(fixture_.open()) { table_.load(db_); }

  FacetCounts count(const FacetFilters& filters) {
    FacetCounter counter(table_, filters);
    counter.add(table_.documents());
    return counter.counts();
  }

  testing::SearchIndexFixture fixture_;
  Xapian::Database db_;
  FacetTable table_;
};

TEST_F(FacetCounterTest, TableHasOneRowPerDocument) {
  EXPECT_EQ(table_.documents().size(), 5u);
  const auto& row = table_.row(docid_of(db_, "fc-utrecht-1"));
  EXPECT_EQ(row.themes, theme_bit("mobility") | theme_bit("safety"));
  EXPECT_EQ(row.maturity, schema::maturity_index("pilot"));
  EXPECT_EQ(row.year, 2020);
  ASSERT_NE(row.municipality, FacetTable::kNoMunicipality);
  EXPECT_EQ(table_.municipalities().at(row.municipality), "utrecht");
  EXPECT_EQ(table_.municipality_id("utrecht"), row.municipality);
  EXPECT_EQ(table_.municipality_id("nergensdorp"), FacetTable::kNoMunicipality);
  EXPECT_EQ(table_.row(docid_of(db_, "fc-delft-2")).year, 0) << "no start_year";
  EXPECT_EQ(table_.row(db_.get_lastdocid() + 100).themes, 0) << "a docid past the end reads as an empty row";
}

TEST_F(FacetCounterTest, WithoutFiltersEveryMatchCountsOncePerValue) {
  const auto c = count({});
  EXPECT_EQ(c.total, 5u);
  EXPECT_EQ(theme_count(c, "mobility"), 3u);
  EXPECT_EQ(theme_count(c, "safety"), 2u) << "a case with two themes counts for both";
  EXPECT_EQ(theme_count(c, "healthcare"), 1u);
  EXPECT_EQ(theme_count(c, "employment"), 0u);
  EXPECT_EQ(maturity_count(c, "pilot"), 3u);
  EXPECT_EQ(count_in(c.municipalities, std::string("utrecht")), 2u);
  EXPECT_EQ(count_in(c.municipalities, std::string("delft")), 2u);
  EXPECT_EQ(count_in(c.years, 2020), 2u);
  EXPECT_EQ(count_in(c.years, 2021), 1u);
  EXPECT_EQ(count_in(c.years, 0), 0u) << "an unknown year is no year bucket";
}

TEST_F(FacetCounterTest, MunicipalitiesComeHighestCountFirstThenBySlugWithTheirLabels) {
  const auto c = count({});
  std::vector<std::pair<std::string, Xapian::doccount>> got;
  for (const SlugCount& m : c.municipalities) got.emplace_back(std::string(m.slug), m.count);
  const std::vector<std::pair<std::string, Xapian::doccount>> want = {{"delft", 2}, {"utrecht", 2}, {"zwolle", 1}};
  EXPECT_EQ(got, want);
  ASSERT_FALSE(c.municipalities.empty());
  EXPECT_EQ(c.municipalities.front().label, "Delft") << "the registry's display name, not the slug";
}

TEST_F(FacetCounterTest, EachFacetIgnoresItsOwnFilterButAppliesTheOthers) {
  FacetFilters filters;
  filters.theme_mask = theme_bit("mobility");
  filters.municipalities = {"delft"};
  const auto c = count(filters);
  EXPECT_EQ(c.total, 0u) << "no Delft case is about mobility";
  // Themes: only the municipality filter applies (Delft's two cases).
  EXPECT_EQ(theme_count(c, "safety"), 1u);
  EXPECT_EQ(theme_count(c, "healthcare"), 1u);
  EXPECT_EQ(theme_count(c, "mobility"), 0u);
  // Municipalities: only the theme filter applies (the three mobility cases).
  EXPECT_EQ(count_in(c.municipalities, std::string("utrecht")), 2u);
  EXPECT_EQ(count_in(c.municipalities, std::string("zwolle")), 1u);
  EXPECT_EQ(count_in(c.municipalities, std::string("delft")), 0u);
  // Maturity and year: both filters apply, and nothing passes both.
  EXPECT_EQ(maturity_count(c, "pilot"), 0u);
  EXPECT_EQ(count_in(c.years, 2020), 0u);
}

TEST_F(FacetCounterTest, ThemeAndMaturityFiltersAreOrWithinAFacet) {
  FacetFilters filters;
  filters.theme_mask = theme_bit("healthcare") | theme_bit("safety");
  filters.maturity_mask = maturity_bit("pilot");
  const auto c = count(filters);
  EXPECT_EQ(c.total, 2u);  // fc-utrecht-1 (safety, pilot) and fc-delft-1 (safety, pilot)
  EXPECT_EQ(maturity_count(c, "idea"), 1u) << "fc-delft-2 would come in with idea";
  EXPECT_EQ(theme_count(c, "mobility"), 2u) << "pilots about mobility: fc-utrecht-1 and the Zwolle case";
  EXPECT_TRUE(FacetCounter(table_, filters).passes(docid_of(db_, "fc-delft-1")));
  EXPECT_FALSE(FacetCounter(table_, filters).passes(docid_of(db_, "fc-delft-2")));
}

TEST_F(FacetCounterTest, YearRangeFiltersAllButTheYearFacet) {
  FacetFilters filters;
  filters.year_min = 2021;
  const auto c = count(filters);
  EXPECT_EQ(c.total, 2u);  // 2021 and 2022
  EXPECT_EQ(count_in(c.years, 2020), 2u) << "the year facet shows what widening the range gives";
  EXPECT_EQ(count_in(c.years, 2022), 1u);
  EXPECT_EQ(theme_count(c, "mobility"), 2u);
  EXPECT_EQ(theme_count(c, "healthcare"), 0u) << "a case without a year never passes a year filter";
  filters.year_max = 2021;
  EXPECT_EQ(count(filters).total, 1u);
}

TEST_F(FacetCounterTest, OnlyTheGivenMatchesAreCounted) {
  DocSet some(db_.get_lastdocid());
  some.add(docid_of(db_, "fc-utrecht-1"));
  some.add(docid_of(db_, "fc-delft-2"));
  FacetCounter counter(table_, {});
  counter.add(some);
  const auto c = counter.counts();
  EXPECT_EQ(c.total, 2u);
  EXPECT_EQ(theme_count(c, "mobility"), 1u);
  EXPECT_EQ(count_in(c.municipalities, std::string("delft")), 1u);
}

TEST_F(FacetCounterTest, ReloadedTableFollowsANewRevision) {
  const Xapian::docid removed = docid_of(db_, "fc-delft-1");
  auto changed = tiny_corpus();
  changed.erase(changed.begin() + 2);      // fc-delft-1 is gone
  changed[0]["themes"] = {"employment"};   // fc-utrecht-1 moves theme
  changed.push_back(make_case("fc-ede-1", {{"municipality", "Ede"}, {"start_year", 2023}}));
  fixture_.replace_all(changed);
  ASSERT_TRUE(db_.reopen());
  const auto stale = count({});
  EXPECT_EQ(stale.total, 5u) << "the table is a snapshot until it is loaded again";
  table_.load(db_);
  const auto c = count({});
  EXPECT_EQ(c.total, 5u);
  EXPECT_EQ(table_.documents().size(), 5u);
  EXPECT_EQ(theme_count(c, "employment"), 1u);
  EXPECT_EQ(theme_count(c, "safety"), 0u);
  EXPECT_EQ(count_in(c.municipalities, std::string("delft")), 1u);
  EXPECT_EQ(count_in(c.municipalities, std::string("ede")), 1u);
  EXPECT_EQ(count_in(c.years, 2023), 1u);
  EXPECT_FALSE(table_.documents().contains(removed));
}

// The public answers count published cases only; the draft's municipality
// and year do not appear at all.
TEST_F(FacetCounterTest, DraftsAreNeverCountedInPublicAnswers) {
  Searcher searcher(fixture_.index_path(), testing::shared_lexicon());
  const auto answer = searcher.search(parse_search_request({}));
  EXPECT_EQ(answer.total, 4u);
  const auto& facets = answer.facets;
  auto count_of = [](const std::vector<FacetValue>& values, const std::string& value) {
    for (const auto& v : values)
      if (v.value == value) return static_cast<int>(v.count);
    return 0;
  };
  EXPECT_EQ(count_of(facets.theme, "mobility"), 2);
  EXPECT_EQ(count_of(facets.municipality, "zwolle"), 0);
  EXPECT_EQ(count_of(facets.start_year, "2022"), 0);
  const auto taxonomy = searcher.facets("nl");
  EXPECT_EQ(taxonomy.total, 4u);
  EXPECT_EQ(count_of(taxonomy.facets.theme, "mobility"), 2);
}

}  // namespace
}  // namespace kb::search
