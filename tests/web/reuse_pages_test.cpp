// Issue 13 (reuse across municipalities) in the pages: the case page's
// "Hergebruikt door" / "Gebaseerd op" and the family apart from similar cases,
// municipality links and reuse counts on hits, the search page's province and
// reuse filters, and the /gemeenten pages. Pure renderer tests on the core's
// answer types; rendered_answers_test.cpp renders real answers of a Searcher.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

#include "kb/web/pages.h"

namespace {

using kb::web::PageRequest;
using kb::search::CaseView;
using kb::search::Hit;
using kb::search::MunicipalityList;
using kb::search::MunicipalityView;
using kb::search::SearchAnswer;
using kb::search::SimilarAnswer;
using nlohmann::json;

const std::string kEvil = "<script>alert(\"x'\")</script>";

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// The part of `html` from `start` up to the next `end` (or "" when `start` is absent).
std::string between(const std::string& html, const std::string& start, const std::string& end) {
  const std::size_t from = html.find(start);
  if (from == std::string::npos) return {};
  const std::size_t to = html.find(end, from);
  return html.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

// "Den Haag" -> "den-haag": enough for the names below.
std::string slug_of(std::string name) {
  for (char& c : name) c = c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

Hit hit(const std::string& id, const std::string& title, const std::string& municipality, std::size_t reuse_count = 0) {
  Hit h;
  h.id = id;
  h.title = title;
  h.municipality = municipality;
  h.municipality_slug = municipality.empty() ? "" : slug_of(municipality);
  h.reuse_count = reuse_count;
  return h;
}

// A derived case (Den Haag reused Amsterdam's Housing First), as GET /api/v1/cases/{id} has it.
CaseView derived_case() {
  CaseView view;
  view.stored.record = json::parse(R"json({
    "id": "den-haag-housing-first", "title": "Housing First Den Haag", "municipality": "Den Haag",
    "themes": ["healthcare"], "summary": "Eerst een eigen woning voor dakloze mensen.",
    "solution": "Direct een woning.", "maturity": "proven",
    "derived_from": "amsterdam-housing-first-discus"
  })json");
  view.stored.municipality_slug = "den-haag";
  view.stored.municipality_label = "Den Haag";
  view.stored.province = "Zuid-Holland";
  view.stored.province_slug = "zuid-holland";
  view.stored.reused_by = {{"Delft", "delft", ""}, {"Zoetermeer", "zoetermeer", "zoetermeer-housing-first"}};
  view.visibility = "published";
  return view;
}

CaseView without_derived_from(CaseView view) {
  view.stored.record.erase("derived_from");
  return view;
}

// GET /api/v1/cases/{id}/similar for it: the family apart from the hits.
SimilarAnswer similar_with_family() {
  SimilarAnswer answer;
  answer.id = "den-haag-housing-first";
  answer.hits = {hit("rotterdam-nu-niet-zwanger", "Nu Niet Zwanger", "Rotterdam")};
  answer.family = {hit("amsterdam-housing-first-discus", "Housing First (Discus)", "Amsterdam", 5),
                   hit("utrecht-housing-first", "Housing First Utrecht", "Utrecht")};
  return answer;
}

TEST(ReusePagesIssue13, CasePageShowsReusedByWithLinksNearTheTop) {
  const std::string html = kb::web::render_case_page(derived_case(), similar_with_family(), PageRequest{});
  const std::string reused = between(html, "<h2 id=\"section-reused-by\">Hergebruikt door</h2>", "</section>");
  ASSERT_FALSE(reused.empty()) << html;
  // With a case of its own: linked to that case; without: to the municipality page.
  EXPECT_NE(reused.find("<li><a href=\"/cases/zoetermeer-housing-first\">Zoetermeer</a></li>"), std::string::npos) << reused;
  EXPECT_NE(reused.find("<li><a href=\"/gemeenten/delft\">Delft</a></li>"), std::string::npos) << reused;
  // Near the top: before the facts and the case text.
  EXPECT_LT(html.find("section-reused-by"), html.find("<dl class=\"facts\">"));
  EXPECT_LT(html.find("section-reused-by"), html.find(">Aanpak</h2>"));
}

TEST(ReusePagesIssue13, CasePageShowsBasedOnWithTheOriginalsTitle) {
  const std::string html = kb::web::render_case_page(derived_case(), similar_with_family(), PageRequest{});
  const std::string based_on = between(html, "<p class=\"derived-from\">", "</p>");
  EXPECT_NE(based_on.find("Gebaseerd op"), std::string::npos) << html;
  EXPECT_NE(based_on.find("<a href=\"/cases/amsterdam-housing-first-discus\">Housing First (Discus)</a>"), std::string::npos)
      << based_on;
  EXPECT_NE(based_on.find("<a href=\"/gemeenten/amsterdam\">Amsterdam</a>"), std::string::npos) << based_on;
  EXPECT_LT(html.find("derived-from"), html.find("</header>", html.find("<header class=\"case-header\">")));

  // Without the original in the family (e.g. a draft original): the id stands in for the title.
  SimilarAnswer no_family = similar_with_family();
  no_family.family.clear();
  const std::string bare = kb::web::render_case_page(derived_case(), no_family, PageRequest{});
  EXPECT_NE(bare.find("<a href=\"/cases/amsterdam-housing-first-discus\">amsterdam-housing-first-discus</a>"),
            std::string::npos);
  // A case that reused nothing has no "Gebaseerd op".
  const CaseView original = without_derived_from(derived_case());
  EXPECT_EQ(kb::web::render_case_page(original, no_family, PageRequest{}).find("Gebaseerd op"), std::string::npos);
}

TEST(ReusePagesIssue13, CasePageShowsTheFamilyApartFromSimilarCases) {
  SimilarAnswer similar = similar_with_family();
  // An answer that also lists a family member among the hits: it is shown once, in the family.
  similar.hits.push_back(similar.family[1]);
  const std::string html = kb::web::render_case_page(derived_case(), similar, PageRequest{});
  const std::string family = between(html, "<section class=\"family\"", "</section>");
  const std::string similar_html = between(html, "<section class=\"similar\"", "</section>");
  ASSERT_FALSE(family.empty());
  EXPECT_NE(family.find(">De familie van deze oplossing</h2>"), std::string::npos);
  EXPECT_NE(family.find("<a href=\"/gemeenten/amsterdam\">Amsterdam</a>: <a href=\"/cases/amsterdam-housing-first-discus\">"
                        "Housing First (Discus)</a> <span class=\"badge badge-original\">origineel</span>"),
            std::string::npos)
      << family;
  EXPECT_NE(family.find("<a href=\"/cases/utrecht-housing-first\">"), std::string::npos);
  EXPECT_EQ(family.find("rotterdam-nu-niet-zwanger"), std::string::npos);
  EXPECT_NE(similar_html.find("Wie deed dit nog meer?"), std::string::npos);
  EXPECT_NE(similar_html.find("href=\"/cases/rotterdam-nu-niet-zwanger\""), std::string::npos);
  EXPECT_EQ(similar_html.find("utrecht-housing-first"), std::string::npos) << similar_html;
  EXPECT_LT(html.find("<section class=\"family\""), html.find("<section class=\"similar\""));

  // The original's own page: the family is the derived cases, none marked as the original.
  const CaseView original = without_derived_from(derived_case());
  EXPECT_EQ(kb::web::render_case_page(original, similar, PageRequest{}).find("badge-original"), std::string::npos);
}

TEST(ReusePagesIssue13, CasePageHeaderAndFactsLinkTheMunicipalityAndNameTheProvince) {
  PageRequest english;
  english.lang = "en";
  const std::string html = kb::web::render_case_page(derived_case(), similar_with_family(), english);
  EXPECT_NE(between(html, "<header class=\"case-header\">", "</header>")
                .find("<span class=\"badge badge-municipality\"><a href=\"/gemeenten/den-haag?lang=en\">Den Haag</a></span>"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>Province</dt><dd>Zuid-Holland</dd>"), std::string::npos);
  EXPECT_NE(html.find(">Reused by</h2>"), std::string::npos);
  EXPECT_NE(html.find("Based on"), std::string::npos);
  EXPECT_NE(html.find(">This solution's family</h2>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/cases/zoetermeer-housing-first?lang=en\">Zoetermeer</a>"), std::string::npos);
}

TEST(ReusePagesIssue13, CasePageEscapesReuseFields) {
  CaseView record = derived_case();
  record.stored.record["derived_from"] = kEvil;
  record.stored.reused_by = {{kEvil, kEvil, kEvil}, {kEvil, kEvil, ""}};
  SimilarAnswer similar = similar_with_family();
  for (Hit& h : similar.family)
    for (std::string* field : {&h.id, &h.title, &h.municipality, &h.municipality_slug}) *field = kEvil;
  const std::string html = kb::web::render_case_page(record, similar, PageRequest{});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("alert(\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/gemeenten/%3Cscript%3Ealert%28%22x%27%22%29%3C%2Fscript%3E\""), std::string::npos);
}

TEST(ReusePagesIssue13, HitsLinkTheMunicipalityAndShowTheReuseCount) {
  SearchAnswer answer;
  answer.total = 3;
  answer.hits = {hit("barneveld-anwb-automaatje", "ANWB AutoMaatje", "Barneveld", 12), hit("x-een", "Eén keer", "Ede", 1),
                 hit("x-nul", "Nooit", "Ede", 0)};
  const std::string html = kb::web::render_search_page(answer, PageRequest{});
  EXPECT_NE(html.find("<a href=\"/gemeenten/barneveld\">Barneveld</a>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"badge badge-reuse\">Hergebruikt door 12 gemeenten</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"badge badge-reuse\">Hergebruikt door 1 gemeente</span>"), std::string::npos);
  EXPECT_EQ(count_of(html, "badge-reuse"), 2U);  // not for a count of 0
  PageRequest english;
  english.lang = "en";
  EXPECT_NE(kb::web::render_search_page(answer, english).find("Reused by 12 municipalities"), std::string::npos);
}

SearchAnswer answer_with_reuse_facets() {
  SearchAnswer answer;
  answer.total = 1;
  answer.facets.province = {{"fryslan", "Fryslân", 0, {}}, {"gelderland", "Gelderland", 7, {}}};
  answer.facets.reused_in = {{"zwolle", "Zwolle", 2, {}}, {"ede", "Ede", 0, {}}};
  return answer;
}

TEST(ReusePagesIssue13, SearchPageHasProvinceAndReusedInFacetsReusedOnlyAndSortByReuse) {
  PageRequest req;
  req.params = {{"province", "gelderland"}, {"reused", "true"}, {"sort", "reuse"}, {"q", "auto"}};
  const std::string html = kb::web::render_search_page(answer_with_reuse_facets(), req);
  EXPECT_NE(html.find("<legend>Provincie</legend>"), std::string::npos);
  EXPECT_NE(html.find("<legend>Hergebruikt in</legend>"), std::string::npos);
  // Every province is listed, also at 0; checked when selected.
  EXPECT_NE(html.find("name=\"province\" value=\"fryslan\" form=\"search-form\"><label for=\"facet-province-0\">Fryslân "
                      "<span class=\"facet-count\">(0)</span>"),
            std::string::npos);
  EXPECT_NE(html.find("name=\"province\" value=\"gelderland\" form=\"search-form\" checked>"), std::string::npos);
  // reused_in lists municipalities with results only, like the municipality facet.
  EXPECT_NE(html.find("name=\"reused_in\" value=\"zwolle\""), std::string::npos);
  EXPECT_EQ(html.find("name=\"reused_in\" value=\"ede\""), std::string::npos);
  EXPECT_NE(html.find("name=\"reused\" value=\"true\" form=\"search-form\" checked><label for=\"facet-reused\">"
                      "Alleen hergebruikte oplossingen</label>"),
            std::string::npos);
  EXPECT_NE(html.find("<option value=\"reuse\" selected>Meest hergebruikt</option>"), std::string::npos);
  // "Clear all filters" drops the new filters too and keeps the query and sort.
  EXPECT_NE(html.find("<p><a href=\"/?sort=reuse&amp;q=auto\">Alle filters wissen</a></p>"), std::string::npos) << html;
}

MunicipalityList municipalities_answer() {
  MunicipalityList answer;
  answer.municipalities = {{"assen", "Assen", "Drenthe", "drenthe", 2, 1},
                           {"den-haag", "Den Haag", "Zuid-Holland", "zuid-holland", 26, 4},
                           {"emmen", "Emmen", "Drenthe", "drenthe", 1, 2}};
  return answer;
}

TEST(ReusePagesIssue13, MunicipalitiesPageGroupsByProvinceWithCountsAndLinks) {
  const std::string html = kb::web::render_municipalities_page(municipalities_answer(), PageRequest{});
  EXPECT_NE(html.find("<h1>Gemeenten</h1>"), std::string::npos);
  EXPECT_NE(html.find("<title>Gemeenten — Kennisbank Smart Society</title>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/gemeenten\" aria-current=\"page\">Gemeenten</a>"), std::string::npos);  // navigation
  const std::string drenthe = between(html, ">Drenthe</h2>", "</section>");
  EXPECT_NE(drenthe.find("<tr><th scope=\"row\"><a href=\"/gemeenten/assen\">Assen</a></th><td>2</td><td>1</td></tr>"),
            std::string::npos)
      << drenthe;
  EXPECT_NE(drenthe.find("/gemeenten/emmen"), std::string::npos);
  EXPECT_EQ(drenthe.find("den-haag"), std::string::npos);
  EXPECT_LT(html.find(">Drenthe</h2>"), html.find(">Zuid-Holland</h2>"));
  EXPECT_NE(html.find("<a href=\"/gemeenten/den-haag\">Den Haag</a></th><td>26</td><td>4</td>"), std::string::npos);
  EXPECT_NE(html.find("3 gemeenten"), std::string::npos);

  PageRequest english;
  english.lang = "en";
  const std::string en = kb::web::render_municipalities_page(municipalities_answer(), english);
  EXPECT_NE(en.find("<h1>Municipalities</h1>"), std::string::npos);
  EXPECT_NE(en.find("href=\"/gemeenten/assen?lang=en\""), std::string::npos);
}

MunicipalityView municipality_answer() {
  MunicipalityView answer;
  answer.slug = "den-haag";
  answer.name = "Den Haag";
  answer.province = "Zuid-Holland";
  answer.province_slug = "zuid-holland";
  answer.cases = {hit("den-haag-housing-first", "Housing First Den Haag", "Den Haag")};
  answer.cases_total = 26;
  answer.reused = {hit("amsterdam-housing-first-discus", "Housing First (Discus)", "Amsterdam", 5)};
  answer.reused_total = 1;
  return answer;
}

TEST(ReusePagesIssue13, MunicipalityPageListsOwnAndReusedCases) {
  PageRequest req;
  req.base_path = "/gemeenten/s-gravenhage";  // an alias renders the canonical municipality
  const std::string html = kb::web::render_municipality_page(municipality_answer(), req);
  EXPECT_NE(html.find("<h1>Den Haag</h1>"), std::string::npos);
  EXPECT_NE(html.find("<link rel=\"canonical\" href=\"/gemeenten/den-haag\">"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/?province=zuid-holland\">Zuid-Holland</a>"), std::string::npos);
  const std::string own = between(html, "<h2 id=\"section-own\">", "</section>");
  const std::string reused = between(html, "<h2 id=\"section-reused\">", "</section>");
  EXPECT_NE(own.find("Eigen oplossingen <span class=\"facet-count\">(26)</span>"), std::string::npos) << own;
  EXPECT_NE(own.find("href=\"/cases/den-haag-housing-first\""), std::string::npos);
  // More cases than shown: a link to all of them in the search page.
  EXPECT_NE(own.find("<a href=\"/?municipality=den-haag\">Alle 26 in de zoekpagina</a>"), std::string::npos) << own;
  EXPECT_NE(reused.find("Overgenomen van andere gemeenten"), std::string::npos);
  EXPECT_NE(reused.find("href=\"/cases/amsterdam-housing-first-discus\""), std::string::npos);
  EXPECT_NE(reused.find("Hergebruikt door 5 gemeenten"), std::string::npos);
  EXPECT_EQ(reused.find("zoekpagina"), std::string::npos);  // all shown
  EXPECT_EQ(reused.find("den-haag-housing-first"), std::string::npos);
}

TEST(ReusePagesIssue13, MunicipalityPageWithoutCasesSaysSo) {
  MunicipalityView answer = municipality_answer();
  answer.cases.clear();
  answer.cases_total = 0;
  answer.reused.clear();
  answer.reused_total = 0;
  PageRequest english;
  english.lang = "en";
  const std::string html = kb::web::render_municipality_page(answer, english);
  EXPECT_NE(html.find("This municipality has no solutions of its own in the knowledge base yet."), std::string::npos);
  EXPECT_NE(html.find("No reuse of other municipalities&#39; solutions is known"), std::string::npos);
  EXPECT_NE(html.find("<link rel=\"canonical\" href=\"/gemeenten/den-haag?lang=en\">"), std::string::npos);
  EXPECT_EQ(html.find("<ol class=\"results\">"), std::string::npos);
}

TEST(ReusePagesIssue13, MunicipalityPagesEscapeNamesAndTitles) {
  MunicipalityList list = municipalities_answer();
  for (auto& m : list.municipalities) m.name = m.province = m.slug = kEvil;
  MunicipalityView one = municipality_answer();
  one.slug = one.name = one.province = one.province_slug = kEvil;
  for (auto* hits : {&one.cases, &one.reused})
    for (std::string* field : {&(*hits)[0].id, &(*hits)[0].title, &(*hits)[0].municipality, &(*hits)[0].municipality_slug})
      *field = kEvil;
  PageRequest req;
  req.params = {{kEvil, kEvil}};
  req.base_path = "/gemeenten/" + kEvil;
  for (const std::string& html : {kb::web::render_municipalities_page(list, req), kb::web::render_municipality_page(one, req)}) {
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("alert(\""), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  }
  EXPECT_NE(kb::web::render_municipality_page(one, req).find("<title>&lt;script&gt;"), std::string::npos);
}

}  // namespace
