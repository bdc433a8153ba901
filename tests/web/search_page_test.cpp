#include <gtest/gtest.h>

#include <string>

#include "kb/web/pages.h"

namespace {

using kb::web::PageRequest;
using kb::web::render_search_page;

const std::string kEvil = "<script>alert(\"x'\")</script>";

using kb::search::FacetValue;
using kb::search::Hit;
using kb::search::SearchAnswer;

// The answer the core gives for q=hittestress, page 2 (a typed value: a
// renamed field fails to compile here).
Hit sample_hit() {
  Hit hit;
  hit.id = "utrecht-hitteplan";
  hit.title = "Hitteplan Utrecht";
  hit.municipality = "Utrecht";
  hit.municipality_slug = "utrecht";
  hit.themes = {"climate-adaptation"};
  hit.maturity = "proven";
  hit.start_year = 2019;
  hit.summary = "Een plan.";
  hit.snippet = {"… hittestress in …", {{4, 9}}, "nl"};
  hit.score = 0.92;
  return hit;
}

SearchAnswer sample_answer() {
  SearchAnswer answer;
  answer.query = "hittestress";
  answer.total = 45;
  answer.page = 2;
  answer.per_page = 10;
  answer.hits = {sample_hit()};
  answer.facets.theme = {{"climate-adaptation", "Klimaatadaptatie", 9, {}}, {"mobility", "Mobiliteit", 0, {}}};
  answer.facets.municipality = {{"utrecht", "Utrecht", 4, {}}, {"rotterdam", "Rotterdam", 3, {}}};
  answer.facets.maturity = {{"proven", "Bewezen", 6, {}}};
  answer.facets.start_year = {{"2019", std::nullopt, 3, {}}};
  answer.took_ms = 0.8;
  return answer;
}

PageRequest request_with_filters() {
  PageRequest req;
  req.params = {{"q", "hittestress"}, {"theme", "climate-adaptation"}, {"theme", "mobility"},
                {"municipality", "utrecht"}, {"sort", "newest"}, {"page", "2"}};
  return req;
}

TEST(SearchPage, IsACompleteAccessibleDocument) {
  const std::string html = render_search_page(sample_answer(), request_with_filters());
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0U);
  EXPECT_NE(html.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(html.find("class=\"skip-link\" href=\"#main\""), std::string::npos);
  EXPECT_NE(html.find("<main id=\"main\""), std::string::npos);
  EXPECT_NE(html.find("<header"), std::string::npos);
  EXPECT_NE(html.find("<footer"), std::string::npos);
  EXPECT_NE(html.find("role=\"search\""), std::string::npos);
  EXPECT_NE(html.find("aria-live=\"polite\""), std::string::npos);
  EXPECT_NE(html.find("<legend>Thema</legend>"), std::string::npos);
  EXPECT_NE(html.find("45 oplossingen gevonden"), std::string::npos);
  EXPECT_NE(html.find("href=\"/cases/utrecht-hitteplan\""), std::string::npos);
  EXPECT_NE(html.find("<mark>hitte</mark>stress"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/\" aria-current=\"page\">Zoeken</a>"), std::string::npos);
}

TEST(SearchPage, FacetCheckboxesCheckedWhenSelected) {
  const std::string html = render_search_page(sample_answer(), request_with_filters());
  EXPECT_NE(html.find("name=\"theme\" value=\"climate-adaptation\" form=\"search-form\" checked>"), std::string::npos);
  EXPECT_NE(html.find("name=\"theme\" value=\"mobility\" form=\"search-form\" checked>"), std::string::npos);
  EXPECT_NE(html.find("name=\"municipality\" value=\"utrecht\" form=\"search-form\" checked>"), std::string::npos);
  EXPECT_NE(html.find("name=\"municipality\" value=\"rotterdam\" form=\"search-form\">"), std::string::npos);
  EXPECT_NE(html.find("name=\"maturity\" value=\"proven\" form=\"search-form\">"), std::string::npos);
  EXPECT_NE(html.find("Klimaatadaptatie <span class=\"facet-count\">(9)</span>"), std::string::npos);
  EXPECT_NE(html.find("<option value=\"newest\" selected>"), std::string::npos);
}

TEST(SearchPage, PaginationLinksPreserveEveryParameter) {
  const std::string html = render_search_page(sample_answer(), request_with_filters());
  const std::string kept = "q=hittestress&amp;theme=climate-adaptation&amp;theme=mobility&amp;municipality=utrecht"
                           "&amp;sort=newest&amp;page=";
  EXPECT_NE(html.find("href=\"/?" + kept + "1\" rel=\"prev\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/?" + kept + "3\" rel=\"next\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/?" + kept + "2\" aria-current=\"page\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/?" + kept + "5\""), std::string::npos);  // last page of 45 / 10
  EXPECT_EQ(html.find("page=6"), std::string::npos);
}

TEST(SearchPage, LanguageSwitchAndEnglishLabels) {
  PageRequest req = request_with_filters();
  const std::string dutch = render_search_page(sample_answer(), req);
  EXPECT_NE(dutch.find("page=2&amp;lang=en\" hreflang=\"en\""), std::string::npos);

  req.lang = "en";
  req.params.emplace_back("lang", "en");
  SearchAnswer answer = sample_answer();
  answer.facets = {};  // fall back to the built-in taxonomy labels
  const std::string english = render_search_page(answer, req);
  EXPECT_NE(english.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(english.find(">Climate adaptation</label>"), std::string::npos);
  EXPECT_NE(english.find(">Urbanisation</label>"), std::string::npos);
  EXPECT_NE(english.find(">Scaled</label>"), std::string::npos);
  EXPECT_NE(english.find("Themes: Climate adaptation"), std::string::npos);
  EXPECT_NE(english.find("45 solutions found"), std::string::npos);
  EXPECT_NE(english.find("<input type=\"hidden\" name=\"lang\" value=\"en\">"), std::string::npos);
  EXPECT_NE(english.find("href=\"/cases/utrecht-hitteplan?lang=en\""), std::string::npos);
  EXPECT_NE(english.find("hreflang=\"nl\""), std::string::npos);
  EXPECT_EQ(english.find("page=2&amp;lang=en&amp;lang=en"), std::string::npos);
}

TEST(SearchPage, DidYouMeanAndRelaxedNotice) {
  SearchAnswer answer = sample_answer();
  answer.did_you_mean = "hittestress";
  answer.relaxed = true;
  PageRequest req;
  req.params = {{"q", "hitestres"}, {"theme", "safety"}, {"page", "3"}};
  const std::string html = render_search_page(answer, req);
  EXPECT_NE(html.find("<a href=\"/?q=hittestress&amp;theme=safety\">hittestress</a>"), std::string::npos);
  EXPECT_NE(html.find("Geen oplossing bevat al uw zoekwoorden"), std::string::npos);
  EXPECT_NE(html.find("value=\"safety\" form=\"search-form\" checked"), std::string::npos);  // added though not in facets
}

TEST(SearchPage, EscapesEveryFieldAndParameter) {
  SearchAnswer answer = sample_answer();
  Hit& hit = answer.hits[0];
  for (std::string* field : {&hit.id, &hit.title, &hit.municipality, &hit.municipality_slug, &hit.maturity, &hit.summary})
    *field = kEvil;
  hit.themes = {kEvil};
  hit.snippet = {"a" + kEvil, {{0, 1}, {2, 9}}, "nl"};
  answer.facets.theme[0].label = kEvil;
  answer.facets.theme[0].value = kEvil;
  answer.facets.municipality[0].label = kEvil;
  answer.did_you_mean = kEvil;
  answer.query = kEvil;
  PageRequest req;
  req.params = {{"q", kEvil}, {"year_min", kEvil}, {"per_page", kEvil}, {kEvil, kEvil}, {"municipality", kEvil}};
  req.base_path = "/\"><script>x</script>";
  const std::string html = render_search_page(answer, req);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("alert(\""), std::string::npos);
  EXPECT_EQ(html.find("x'"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&#39;&quot;)&lt;/script&gt;"), std::string::npos);
}

TEST(SearchPage, EmptyAndOddAnswersStillRender) {
  const std::string empty = render_search_page(SearchAnswer{}, PageRequest{});
  EXPECT_NE(empty.find("Geen oplossingen gevonden"), std::string::npos);
  EXPECT_EQ(empty.find("class=\"pagination\""), std::string::npos);
  EXPECT_NE(empty.find(">Klimaatadaptatie</label>"), std::string::npos);  // the taxonomy without counts
  SearchAnswer odd;
  odd.page = -3;
  odd.per_page = 0;
  odd.total = 7;
  const std::string html = render_search_page(odd, PageRequest{});
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_NE(html.find("7 oplossingen gevonden"), std::string::npos);
}

}  // namespace

// Issue 13, point 6: the page links the Atom feed of its own search (its
// filters and query, without paging and sort) in its head.
TEST(SearchPage, HeadLinksTheFeedOfTheSameSearch) {
  const std::string html = render_search_page(sample_answer(), request_with_filters());
  const auto link = html.find("<link rel=\"alternate\" type=\"application/atom+xml\"");
  ASSERT_NE(link, std::string::npos);
  EXPECT_LT(link, html.find("</head>"));
  EXPECT_NE(html.find("href=\"/feed.atom?q=hittestress&amp;theme=climate-adaptation&amp;theme=mobility&amp;"
                      "municipality=utrecht\">", link),
            std::string::npos);
  EXPECT_NE(html.find("<option value=\"updated\">Laatst bijgewerkt</option>"), std::string::npos);
}

namespace {

// issue 17 point 4: English pages show English titles where a case has them,
// and mark Dutch text as Dutch (WCAG 3.1.2).
TEST(SearchPage, EnglishPagesShowEnglishTitlesAndMarkDutchText) {
  SearchAnswer answer = sample_answer();
  answer.hits[0].title_en = "Utrecht heat plan";
  Hit english_snippet = answer.hits[0];
  english_snippet.id = "utrecht-tweede";
  english_snippet.title_en = "Second plan";
  english_snippet.snippet = {"A heat plan.", {{2, 6}}, "en"};
  Hit untranslated = answer.hits[0];
  untranslated.id = "utrecht-derde";
  untranslated.title_en.reset();
  untranslated.title = "Derde plan";
  answer.hits = {answer.hits[0], english_snippet, untranslated};
  PageRequest en;
  en.lang = "en";
  const std::string html = render_search_page(answer, en);
  EXPECT_NE(html.find(">Utrecht heat plan</a>"), std::string::npos) << "the English title, no lang attribute";
  EXPECT_EQ(html.find(">Hitteplan Utrecht</a>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"snippet\" lang=\"nl\">… <mark>hitte</mark>stress in …</p>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"snippet\">A <mark>heat</mark> plan.</p>"), std::string::npos);
  EXPECT_NE(html.find(" lang=\"nl\">Derde plan</a>"), std::string::npos) << "a Dutch title on an English page";
  // A Dutch page: Dutch titles, and an English snippet is marked as English.
  const std::string nl = render_search_page(answer, PageRequest{});
  EXPECT_NE(nl.find(">Hitteplan Utrecht</a>"), std::string::npos);
  EXPECT_NE(nl.find("<p class=\"snippet\" lang=\"en\">A <mark>heat</mark> plan.</p>"), std::string::npos);
}

}  // namespace
