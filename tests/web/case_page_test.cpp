#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "kb/web/pages.h"

namespace {

using kb::web::PageRequest;
using kb::web::render_case_page;
using kb::search::CaseView;
using kb::search::Hit;
using kb::search::SimilarAnswer;
using nlohmann::json;

// A case as the core answers it: the record (a corpus record as curators
// write it) and what the index derives from it.
CaseView view_of(json record, const std::string& slug = "", const std::string& label = "") {
  CaseView view;
  view.stored.record = std::move(record);
  view.stored.municipality_slug = slug;
  view.stored.municipality_label = label;
  view.visibility = view.stored.visibility();
  return view;
}

CaseView sample_case() {
  CaseView view = view_of(json::parse(R"json({
    "id": "rotterdam-waterplein-benthemplein",
    "title": "Waterplein Benthemplein",
    "title_en": "Benthemplein water square",
    "municipality": "Rotterdam",
    "themes": ["climate-adaptation", "urbanisation"],
    "summary": "Een sportplein dat bij hevige regen tijdelijk regenwater opvangt en zo de riolering ontlast.",
    "summary_en": "A sports square that temporarily stores rainwater during heavy rain.",
    "problem": "Bij piekbuien loopt het gemengde riool over.",
    "solution": "Drie verdiepte bassins.\n\nBij droog weer sportruimte.",
    "results": "Minder wateroverlast.", "lessons": "Betrek bewoners vroeg.", "scale_up": "Een plein met ruimte.",
    "maturity": "proven", "status": "completed", "start_year": 2012,
    "partners": [{"name": "Waterschap Schieland en de Krimpenerwaard", "kind": "government"}],
    "adopted_by": ["Utrecht", "Den Haag"],
    "tags": ["waterplein", "regenwater"],
    "links": [{"title": "Projectpagina", "url": "https://www.rotterdam.nl/waterplein"},
              {"title": "Kwaadaardig", "url": "javascript:alert(1)"}],
    "contact": {"organisation": "Gemeente Rotterdam", "email": "klimaat@rotterdam.nl"},
    "updated": "2024-05-01"
  })json"), "rotterdam", "Rotterdam");
  view.theme_labels = {{"climate-adaptation", "Klimaatadaptatie"}, {"urbanisation", "Verstedelijking"}};
  view.maturity_label = "Bewezen";
  view.stored.province = "Zuid-Holland";
  view.stored.reused_by = {{"Utrecht", "utrecht", ""}, {"Den Haag", "den-haag", ""}};
  return view;
}

SimilarAnswer similar_answer() {
  Hit hit;
  hit.id = "utrecht-wadi";
  hit.title = "Wadi's in Utrecht";
  hit.municipality = "Utrecht";
  hit.themes = {"climate-adaptation"};
  hit.maturity = "scaled";
  hit.start_year = 2015;
  hit.summary = "Wadi's.";
  hit.snippet.text = "Wadi's.";
  SimilarAnswer answer;
  answer.id = "rotterdam-waterplein-benthemplein";
  answer.hits = {hit};
  return answer;
}

TEST(CasePage, TitleMetaAndAllFields) {
  PageRequest req;
  req.base_path = "/cases/rotterdam-waterplein-benthemplein";
  const std::string html = render_case_page(sample_case(), similar_answer(), req);
  EXPECT_NE(html.find("<title>Waterplein Benthemplein — Kennisbank Smart Society</title>"), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"description\" content=\"Een sportplein dat bij hevige regen"), std::string::npos);
  EXPECT_NE(html.find("<h1>Waterplein Benthemplein</h1>"), std::string::npos);
  for (const char* heading : {">Vraagstuk</h2>", ">Aanpak</h2>", ">Resultaten</h2>", ">Lessen</h2>",
                              ">Opschaling</h2>", ">Partners</h2>", ">Hergebruikt door</h2>",
                              ">Vergelijkbare oplossingen</h2>", ">Trefwoorden</h2>", ">Contact</h2>"}) {
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(html.find("<p>Drie verdiepte bassins.</p>\n<p>Bij droog weer sportruimte.</p>"), std::string::npos);
  EXPECT_NE(html.find("Waterschap Schieland en de Krimpenerwaard <span class=\"partner-kind\">(Overheid)</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<li><a href=\"/gemeenten/den-haag\">Den Haag</a></li>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Provincie</dt><dd>Zuid-Holland</dd>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://www.rotterdam.nl/waterplein\" rel=\"noopener\">Projectpagina</a>"),
            std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_NE(html.find("Gemeente Rotterdam"), std::string::npos);
  EXPECT_NE(html.find("mailto:klimaat@rotterdam.nl"), std::string::npos);
  EXPECT_NE(html.find("Klimaatadaptatie, Verstedelijking"), std::string::npos);
  EXPECT_NE(html.find("badge-maturity-proven\">Bewezen</span>"), std::string::npos);
  EXPECT_NE(html.find("Afgerond"), std::string::npos);
  EXPECT_NE(html.find("href=\"/cases/utrecht-wadi\""), std::string::npos);
  EXPECT_NE(html.find("Opgeschaald"), std::string::npos);
  EXPECT_NE(html.find("href=\"/?q=%22waterplein%22\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/cases/rotterdam-waterplein-benthemplein?lang=en\" hreflang=\"en\""), std::string::npos);
}

TEST(CasePage, EnglishUsesTranslatedTitleAndMarksDutchText) {
  PageRequest req;
  req.lang = "en";
  const std::string html = render_case_page(sample_case(), similar_answer(), req);
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("<title>Benthemplein water square — Kennisbank Smart Society</title>"), std::string::npos);
  EXPECT_NE(html.find("content=\"A sports square"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"case-body\" lang=\"nl\">"), std::string::npos);
  EXPECT_NE(html.find(">Problem</h2>"), std::string::npos);
  EXPECT_NE(html.find(">Reused by</h2>"), std::string::npos);
  EXPECT_NE(html.find("(Government)"), std::string::npos);
}

TEST(CasePage, EscapesEveryField) {
  const std::string evil = "<script>alert(\"x'\")</script>";
  CaseView view = sample_case();
  json& record = view.stored.record;
  for (auto& [key, value] : record.items()) {
    if (value.is_string()) value = evil;
  }
  record["themes"] = json::array({evil});
  record["partners"] = json::array({json{{"name", evil}, {"kind", evil}}});
  record["tags"] = json::array({evil});
  record["links"] = json::array({json{{"title", evil}, {"url", "https://x.nl/\"><script>alert(1)</script>"}}});
  record["contact"] = json{{"organisation", evil}, {"email", evil}};
  view.theme_labels = {{evil, evil}};
  view.maturity_label = evil;
  view.stored.municipality_label = evil;
  view.stored.municipality_slug = evil;
  view.stored.province = evil;
  view.stored.reused_by = {{evil, evil, ""}, {evil, "", evil}};
  SimilarAnswer similar = similar_answer();
  Hit& hit = similar.hits[0];
  for (std::string* field : {&hit.id, &hit.title, &hit.municipality, &hit.municipality_slug, &hit.maturity, &hit.summary,
                             &hit.maturity_label, &hit.snippet.text})
    *field = evil;
  similar.family = {hit};
  similar.family[0].id = "x";
  PageRequest req;
  req.base_path = "/cases/" + evil;
  req.params = {{evil, evil}};
  const std::string html = render_case_page(view, similar, req);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("alert(\""), std::string::npos);
  EXPECT_NE(html.find("href=\"https://x.nl/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" rel=\"noopener\""),
            std::string::npos);
  EXPECT_NE(html.find("<title>&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"description\" content=\"&lt;script&gt;"), std::string::npos);
}

TEST(CasePage, DraftIsNotIndexedAndMissingFieldsAreLeftOut) {
  const CaseView view = view_of(json::parse(R"json({"id": "x-y", "title": "Kaal", "municipality": "Ede",
    "themes": ["safety"], "summary": "Een korte samenvatting van de zaak.", "solution": "Iets.", "maturity": "idea",
    "visibility": "draft"})json"));
  const std::string html = render_case_page(view, SimilarAnswer{}, PageRequest{});
  EXPECT_NE(html.find("<meta name=\"robots\" content=\"noindex\">"), std::string::npos);
  EXPECT_EQ(html.find(">Vraagstuk</h2>"), std::string::npos);
  EXPECT_EQ(html.find(">Partners</h2>"), std::string::npos);
  EXPECT_NE(html.find("Veiligheid"), std::string::npos);
  EXPECT_NE(html.find("Er zijn nog geen vergelijkbare oplossingen bekend."), std::string::npos);
}

}  // namespace
