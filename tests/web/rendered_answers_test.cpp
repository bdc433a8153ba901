// Issue 12 point 7: the pages rendered from answers a real Searcher gives on
// a temporary index (the shared search-index fixture), not from hand-made
// values: what the core answers is what the page shows, field for field.
#include <gtest/gtest.h>

#include <string>

#include "kb/search/request.h"
#include "kb/search/searcher.h"
#include "kb/web/atom_feed.h"
#include "kb/web/pages.h"
#include "search_index_fixture.h"

namespace kb::web {
namespace {

using search::Searcher;
using search::testing::make_case;
using search::testing::Records;
using search::testing::SearchIndexFixture;
using search::testing::shared_lexicon;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A lantern solution from Eindhoven, adopted by Zwolle and reused by Den Haag
// (a case of its own, reused in turn by Delft); a draft from Tilburg; one
// unrelated case.
Records records() {
  return {make_case("eindhoven-lantaarn", {{"municipality", "Eindhoven"},
                                           {"title", "Slimme lantaarnpalen in Eindhoven"},
                                           {"summary", "Lantaarnpalen die dimmen als er niemand is."},
                                           {"themes", {"safety", "urbanisation"}},
                                           {"maturity", "scaled"},
                                           {"start_year", 2017},
                                           {"adopted_by", {"Zwolle"}},
                                           {"updated", "2025-03-01"}}),
          make_case("den-haag-lantaarn", {{"municipality", "Den Haag"},
                                          {"title", "Lantaarnpalen die meedenken"},
                                          {"summary", "Den Haag nam de slimme lantaarn over."},
                                          {"title_en", "Street lights that think along"},
                                          {"derived_from", "eindhoven-lantaarn"},
                                          {"updated", "2025-06-01"}}),
          make_case("delft-lantaarn", {{"municipality", "Delft"}, {"derived_from", "den-haag-lantaarn"},
                                       {"summary", "Delft dimt de lantaarn ook."}}),
          make_case("tilburg-lantaarn", {{"municipality", "Tilburg"}, {"visibility", "draft"},
                                         {"summary", "Een lantaarn in concept."}}),
          make_case("utrecht-fietsstraat", {{"title", "Fietsstraten in Utrecht"}, {"summary", "Ruimte voor de fiets."}})};
}

class RenderedAnswersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { index_ = new SearchIndexFixture(records()); }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }
  static SearchIndexFixture* index_;
  Searcher searcher_{index_->index_path(), shared_lexicon()};
};

SearchIndexFixture* RenderedAnswersTest::index_ = nullptr;

TEST_F(RenderedAnswersTest, SearchPageShowsEveryHitTheCoreFound) {
  const search::Params params = {{"q", "lantaarn"}};
  const auto answer = searcher_.search(search::parse_search_request(params));
  ASSERT_EQ(answer.total, 3u);  // the draft is not public
  PageRequest req;
  req.params = params;
  const std::string html = render_search_page(answer, req);
  EXPECT_TRUE(has(html, "3 oplossingen gevonden voor ‘lantaarn’"));
  for (const auto& hit : answer.hits) {
    EXPECT_TRUE(has(html, "href=\"/cases/" + hit.id + "\">" + hit.title + "</a>")) << hit.id;
    EXPECT_TRUE(has(html, "<a href=\"/gemeenten/" + hit.municipality_slug + "\">" + hit.municipality + "</a>")) << hit.id;
    ASSERT_FALSE(hit.snippet.marks.empty()) << hit.id;
    EXPECT_TRUE(has(html, snippet_html(hit.snippet))) << hit.id;
  }
  EXPECT_FALSE(has(html, "tilburg-lantaarn"));
  EXPECT_TRUE(has(html, "<mark>"));
  // Eindhoven's solution is reused by Den Haag and Zwolle: the badge says so.
  EXPECT_TRUE(has(html, "Hergebruikt door 2 gemeenten"));
  // The facets are the answer's: safety counts the one case that has it.
  EXPECT_TRUE(has(html, "Veiligheid <span class=\"facet-count\">(1)</span>"));
}

TEST_F(RenderedAnswersTest, CasePageShowsTheStoredRecordItsReuseAndItsFamily) {
  const auto view = searcher_.get_case("den-haag-lantaarn", "nl");
  const auto similar = searcher_.similar("den-haag-lantaarn", 5, "nl");
  const std::string html = render_case_page(view, similar, PageRequest{});
  EXPECT_TRUE(has(html, "<h1>Lantaarnpalen die meedenken</h1>"));
  EXPECT_TRUE(has(html, "<span class=\"badge badge-municipality\"><a href=\"/gemeenten/den-haag\">Den Haag</a></span>"));
  EXPECT_TRUE(has(html, "<dt>Provincie</dt><dd>" + view.stored.province + "</dd>"));
  EXPECT_FALSE(view.stored.province.empty());
  // Reused by Delft, with a case of its own; based on Eindhoven's original.
  EXPECT_TRUE(has(html, "<li><a href=\"/cases/delft-lantaarn\">Delft</a></li>"));
  EXPECT_TRUE(has(html, "<a href=\"/cases/eindhoven-lantaarn\">Slimme lantaarnpalen in Eindhoven</a> "
                        "(<a href=\"/gemeenten/eindhoven\">Eindhoven</a>)"));
  ASSERT_FALSE(similar.family.empty());
  EXPECT_EQ(similar.family.front().id, "eindhoven-lantaarn");
  EXPECT_TRUE(has(html, "<span class=\"badge badge-original\">origineel</span>"));
  EXPECT_FALSE(has(html, "tilburg-lantaarn"));
  // English: the case's English title, the Dutch one named as the original.
  PageRequest en;
  en.lang = "en";
  const std::string english = render_case_page(searcher_.get_case("den-haag-lantaarn", "en"), similar, en);
  EXPECT_TRUE(has(english, "<h1>Street lights that think along</h1>"));
  EXPECT_TRUE(has(english, "Original title: <span lang=\"nl\">Lantaarnpalen die meedenken</span>"));
}

TEST_F(RenderedAnswersTest, MunicipalityPagesShowTheCountsTheCoreGives) {
  const auto list = searcher_.municipalities();
  const std::string overview = render_municipalities_page(list, PageRequest{});
  ASSERT_FALSE(list.municipalities.empty());
  for (const auto& m : list.municipalities)
    EXPECT_TRUE(has(overview, "<a href=\"/gemeenten/" + m.slug + "\">" + m.name + "</a></th><td>" +
                                  std::to_string(m.cases) + "</td><td>" + std::to_string(m.reused) + "</td>"))
        << m.slug;
  const auto den_haag = searcher_.municipality("den-haag", "nl");
  const std::string page = render_municipality_page(den_haag, PageRequest{});
  EXPECT_TRUE(has(page, "<h1>Den Haag</h1>"));
  EXPECT_TRUE(has(page, "href=\"/cases/den-haag-lantaarn\""));     // its own
  EXPECT_TRUE(has(page, "href=\"/cases/eindhoven-lantaarn\""));    // what it reused
  EXPECT_TRUE(has(page, "Eigen oplossingen <span class=\"facet-count\">(1)</span>"));
}

TEST_F(RenderedAnswersTest, FeedListsTheNewestFirstWithTheirDates) {
  const search::Params params = {{"q", "lantaarn"}, {"sort", "updated"}};
  const auto answer = searcher_.search(search::parse_search_request(params));
  PageRequest req;
  req.origin = "https://kb.example.nl";
  const std::string xml = render_atom_feed(answer, req, "2026-01-01");
  const auto den_haag = xml.find("<id>https://kb.example.nl/cases/den-haag-lantaarn</id>");
  const auto eindhoven = xml.find("<id>https://kb.example.nl/cases/eindhoven-lantaarn</id>");
  ASSERT_NE(den_haag, std::string::npos);
  ASSERT_NE(eindhoven, std::string::npos);
  EXPECT_LT(den_haag, eindhoven);
  EXPECT_TRUE(has(xml, "<updated>2025-06-01T00:00:00Z</updated>"));
  EXPECT_TRUE(has(xml, "<category term=\"safety\" label=\"Veiligheid\""));
}

}  // namespace
}  // namespace kb::web
