// Issue 13: the reuse graph and province, as the search core answers them.
// Counts are checked against what the records themselves say, computed here
// independently of the indexer.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "kb/schema/municipality_registry.h"
#include "kb/search/errors.h"
#include "kb/search/searcher.h"
#include "search_index_fixture.h"

namespace kb::search {
namespace {

using testing::make_case;
using testing::Records;
using testing::SearchIndexFixture;
using testing::shared_lexicon;

// An original in Eindhoven adopted by Zwolle; cases derived from it in Den
// Haag and Utrecht, one from the Den Haag case in Delft; one derived from it
// in Eindhoven itself (no reuse by another municipality) and a draft in
// Tilburg (not public, so not shown as reuse).
Records family() {
  return {make_case("eindhoven-lantaarn", {{"municipality", "Eindhoven"}, {"adopted_by", {"Zwolle", "Den Haag"}}}),
          make_case("den-haag-lantaarn", {{"municipality", "Den Haag"}, {"derived_from", "eindhoven-lantaarn"}}),
          make_case("utrecht-lantaarn", {{"municipality", "Utrecht"}, {"derived_from", "eindhoven-lantaarn"}}),
          make_case("delft-lantaarn", {{"municipality", "Delft"}, {"derived_from", "den-haag-lantaarn"}}),
          make_case("eindhoven-lantaarn-twee", {{"municipality", "Eindhoven"}, {"derived_from", "eindhoven-lantaarn"}}),
          make_case("tilburg-lantaarn", {{"municipality", "Tilburg"}, {"derived_from", "eindhoven-lantaarn"},
                                         {"visibility", "draft"}})};
}

std::vector<std::string> reused_by(Searcher& s, const std::string& id) {
  std::vector<std::string> out;
  const auto view = s.get_case(id, "nl");
  for (const auto& e : view.stored.reused_by)
    out.push_back(e.municipality_slug + ":" + (e.case_id.empty() ? std::string("-") : e.case_id));
  return out;
}

const std::vector<std::string> kOriginalReuse = {"den-haag:den-haag-lantaarn", "utrecht:utrecht-lantaarn", "zwolle:-"};

TEST(ReuseGraph, CountsAreTheSameWhateverOrderTheRecordsArriveIn) {
  auto records = family();
  for (int order = 0; order < 2; ++order) {
    SCOPED_TRACE(order == 0 ? "original first" : "derived cases first");
    SearchIndexFixture index(records);
    Searcher s(index.index_path(), shared_lexicon());
    // Den Haag both adopted it and has a case of its own: listed once, with the case.
    EXPECT_EQ(reused_by(s, "eindhoven-lantaarn"), kOriginalReuse);
    EXPECT_EQ(reused_by(s, "den-haag-lantaarn"), std::vector<std::string>{"delft:delft-lantaarn"});
    EXPECT_TRUE(reused_by(s, "delft-lantaarn").empty());
    std::reverse(records.begin(), records.end());
  }
}

TEST(ReuseGraph, RecordsInSeparateRunsResolveWhenTheOriginalArrives) {
  auto records = family();
  SearchIndexFixture index(Records{records[1], records[2]});  // derived cases first, original unknown
  {
    Searcher s(index.index_path(), shared_lexicon());
    EXPECT_TRUE(reused_by(s, "den-haag-lantaarn").empty());
  }
  index.replace_all(records);
  Searcher s(index.index_path(), shared_lexicon());
  EXPECT_EQ(reused_by(s, "eindhoven-lantaarn"), kOriginalReuse);
  // And the derived cases leave again: the original keeps its adoptions only.
  index.replace_all(Records{records[0]});
  EXPECT_EQ(reused_by(s, "eindhoven-lantaarn"), (std::vector<std::string>{"den-haag:-", "zwolle:-"}));
}

TEST(ReuseGraph, FiltersSortAndFacetsSeeTheReuse) {
  SearchIndexFixture index(family());
  Searcher s(index.index_path(), shared_lexicon());
  const auto ids = [](const SearchAnswer& answer) {
    std::vector<std::string> out;
    for (const auto& h : answer.hits) out.push_back(h.id);
    return out;
  };
  SearchRequest r;
  r.reused_in = {"zwolle"};
  EXPECT_EQ(ids(s.search(r)), std::vector<std::string>{"eindhoven-lantaarn"});
  r.reused_in = {"delft", "zwolle"};
  EXPECT_EQ(s.search(r).total, 2u);
  r = {};
  r.reused_only = true;
  r.sort = Sort::reuse;
  EXPECT_EQ(ids(s.search(r)), (std::vector<std::string>{"eindhoven-lantaarn", "den-haag-lantaarn"}));
  const auto hits = s.search(r).hits;
  EXPECT_EQ(hits[0].reuse_count, 3u);
  EXPECT_EQ(hits[1].reuse_count, 1u);
  // The facet counts reuse per municipality; a draft's municipality is not there.
  std::map<std::string, int> reused_in;
  const auto browse = s.search(SearchRequest{});  // kept: the loop must not run over a temporary
  for (const auto& v : browse.facets.reused_in) reused_in[v.value] = static_cast<int>(v.count);
  EXPECT_EQ(reused_in, (std::map<std::string, int>{{"delft", 1}, {"den-haag", 1}, {"utrecht", 1}, {"zwolle", 1}}));
}

TEST(ReuseGraph, SimilarShowsTheFamilyApartWithTheOriginalFirst) {
  SearchIndexFixture index(family());
  Searcher s(index.index_path(), shared_lexicon());
  const auto answer = s.similar("delft-lantaarn", 10, "nl");
  std::vector<std::string> family_ids;
  for (const auto& h : answer.family) family_ids.push_back(h.id);
  ASSERT_FALSE(family_ids.empty());
  EXPECT_EQ(family_ids.front(), "eindhoven-lantaarn");
  EXPECT_EQ(std::set<std::string>(family_ids.begin(), family_ids.end()),
            (std::set<std::string>{"eindhoven-lantaarn", "den-haag-lantaarn", "utrecht-lantaarn", "eindhoven-lantaarn-twee"}))
      << "the draft and the case itself are not family members";
  for (const auto& h : answer.hits)
    EXPECT_EQ(std::find(family_ids.begin(), family_ids.end(), h.id), family_ids.end()) << h.id;
}

TEST(ReuseGraph, MunicipalityViewAnswersAliasesAndRefusesUnknownNames) {
  SearchIndexFixture index(family());
  Searcher s(index.index_path(), shared_lexicon());
  const auto den_haag = s.municipality("s-gravenhage", "nl");
  EXPECT_EQ(den_haag.slug, "den-haag");
  EXPECT_EQ(den_haag.province, "Zuid-Holland");
  EXPECT_EQ(den_haag.cases_total, 1u);
  ASSERT_EQ(den_haag.reused.size(), 1u);
  EXPECT_EQ(den_haag.reused[0].id, "eindhoven-lantaarn");
  EXPECT_EQ(s.municipality("Den Haag", "nl"), den_haag);
  EXPECT_THROW(s.municipality("nergenshuizen", "nl"), NotFound);
  const auto zwolle = s.municipality("zwolle", "nl");  // reused, no case of its own
  EXPECT_EQ(zwolle.cases_total, 0u);
  EXPECT_EQ(zwolle.reused_total, 1u);
  std::map<std::string, std::pair<int, int>> listed;
  const auto all = s.municipalities();
  for (const auto& m : all.municipalities)
    listed[m.slug] = {static_cast<int>(m.cases), static_cast<int>(m.reused)};
  EXPECT_EQ(listed.at("eindhoven"), std::make_pair(2, 0));
  EXPECT_EQ(listed.at("zwolle"), std::make_pair(0, 1));
  EXPECT_FALSE(listed.contains("tilburg")) << "a municipality with only a draft is not listed";
}

// The shipped corpus: reused_in and province facets against counts computed
// from the records, with other filters applied.
class CorpusReuseFacets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto& registry = schema::builtin_municipalities();
    const std::filesystem::path cases = std::filesystem::path(KB_SOURCE_DIR) / "corpus" / "cases";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(cases)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      const auto r = nlohmann::json::parse(in);
      if (r.value("visibility", std::string("published")) == "draft") continue;
      const auto* m = registry.find(r.at("municipality").get<std::string>());
      ASSERT_NE(m, nullptr) << entry.path();
      Record rec{m->slug, m->province_slug, {}, {}};
      for (const auto& t : r.at("themes")) rec.themes.insert(t.get<std::string>());
      for (const auto& a : r.value("adopted_by", nlohmann::json::array()))
        if (const auto* am = registry.find(a.get<std::string>()); am && am->slug != m->slug) rec.reused_in.insert(am->slug);
      records_[r.at("id").get<std::string>()] = rec;
      if (r.contains("derived_from")) derived_.emplace_back(r.at("derived_from").get<std::string>(), m->slug);
    }
    for (const auto& [target, slug] : derived_)
      if (auto it = records_.find(target); it != records_.end() && it->second.municipality != slug)
        it->second.reused_in.insert(slug);
    index_ = std::make_unique<SearchIndexFixture>(Records{}, std::vector<std::string>{cases.string()});
  }
  static void TearDownTestSuite() { index_.reset(); }

  struct Record {
    std::string municipality, province;
    std::set<std::string> themes, reused_in;
  };
  static inline std::map<std::string, Record> records_;
  static inline std::vector<std::pair<std::string, std::string>> derived_;
  static inline std::unique_ptr<SearchIndexFixture> index_;
};

TEST_F(CorpusReuseFacets, ProvinceAndReusedInCountsMatchTheRecords) {
  Searcher s(index_->index_path(), shared_lexicon());
  std::size_t with_reuse = 0;
  for (const auto& [id, r] : records_) if (!r.reused_in.empty()) ++with_reuse;
  ASSERT_GE(with_reuse, 25u) << "issue 13 point 9: at least 25 cases with reuse";
  struct Filter {
    std::string theme, province, reused_in;
  };
  for (const Filter& f : {Filter{}, Filter{"employment", "", ""}, Filter{"", "zuid-holland", ""},
                          Filter{"healthcare", "noord-brabant", ""}, Filter{"", "", "den-haag"},
                          Filter{"climate-adaptation", "", "utrecht"}}) {
    SCOPED_TRACE("theme=" + f.theme + " province=" + f.province + " reused_in=" + f.reused_in);
    SearchRequest request;
    if (!f.theme.empty()) request.themes = {f.theme};
    if (!f.province.empty()) request.provinces = {f.province};
    if (!f.reused_in.empty()) request.reused_in = {f.reused_in};
    const auto answer = s.search(request);
    // Expected: each facet with every filter but its own.
    std::map<std::string, long long> provinces, reused_in;
    long long total = 0;
    for (const auto& [id, r] : records_) {
      const bool theme = f.theme.empty() || r.themes.contains(f.theme);
      const bool province = f.province.empty() || r.province == f.province;
      const bool reused = f.reused_in.empty() || r.reused_in.contains(f.reused_in);
      if (theme && reused) ++provinces[r.province];
      if (theme && province)
        for (const auto& slug : r.reused_in) ++reused_in[slug];
      if (theme && province && reused) ++total;
    }
    EXPECT_EQ(static_cast<long long>(answer.total), static_cast<long long>(total));
    const auto& facets = answer.facets;
    ASSERT_EQ(facets.province.size(), 12u) << "every province, also at 0";
    for (const auto& v : facets.province)
      EXPECT_EQ(static_cast<long long>(v.count), static_cast<long long>(provinces[v.value])) << v.value;
    std::map<std::string, long long> got;
    for (const auto& v : facets.reused_in)
      if (v.count > 0) got[v.value] = v.count;
    std::erase_if(reused_in, [](const auto& kv) { return kv.second == 0; });
    EXPECT_EQ(got, reused_in);
  }
}

// A selected value without matches is still listed (the user can untick
// it), at 0, with its label, and once however often it was selected.
TEST(ReuseGraph, ASelectedReusedInWithoutMatchesIsListedOnceAtZero) {
  SearchIndexFixture index(family());
  Searcher s(index.index_path(), shared_lexicon());
  SearchRequest r;
  r.reused_in = {"s-hertogenbosch", "zwolle", "s-hertogenbosch"};
  const auto answer = s.search(r);
  std::vector<std::string> listed;
  for (const auto& v : answer.facets.reused_in) {
    listed.push_back(v.value + "=" + std::to_string(v.count));
    if (v.value == "s-hertogenbosch") {
      EXPECT_EQ(v.label, "'s-Hertogenbosch");
    }
  }
  EXPECT_EQ(std::count(listed.begin(), listed.end(), "s-hertogenbosch=0"), 1) << ::testing::PrintToString(listed);
  EXPECT_EQ(std::count(listed.begin(), listed.end(), "zwolle=1"), 1) << ::testing::PrintToString(listed);
}

TEST(ProvinceFacet, LabelsAreNamesAndSlugsHaveNoDiacritics) {
  SearchIndexFixture index(Records{make_case("leeuwarden-test", {{"municipality", "Leeuwarden"}})});
  Searcher s(index.index_path(), shared_lexicon());
  SearchRequest r;
  r.provinces = {"fryslan"};
  const auto answer = s.search(r);
  EXPECT_EQ(answer.total, 1u);
  EXPECT_EQ(answer.hits[0].province, "Fryslân");
  EXPECT_EQ(answer.hits[0].province_slug, "fryslan");
  bool listed = false;
  for (const auto& v : answer.facets.province)
    if (v.value == "fryslan") listed = v.label == "Fryslân" && v.count == 1;
  EXPECT_TRUE(listed);
}

}  // namespace
}  // namespace kb::search
