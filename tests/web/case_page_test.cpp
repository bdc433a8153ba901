#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "kb/web/pages.h"

namespace {

using kb::web::PageRequest;
using kb::web::render_case_page;
using nlohmann::json;

json sample_case() {
  return json::parse(R"json({
    "id": "rotterdam-waterplein-benthemplein",
    "title": "Waterplein Benthemplein",
    "title_en": "Benthemplein water square",
    "municipality": "Rotterdam", "municipality_slug": "rotterdam", "municipality_label": "Rotterdam",
    "themes": ["climate-adaptation", "urbanisation"],
    "theme_labels": [{"value": "climate-adaptation", "label": "Klimaatadaptatie"},
                     {"value": "urbanisation", "label": "Verstedelijking"}],
    "summary": "Een sportplein dat bij hevige regen tijdelijk regenwater opvangt en zo de riolering ontlast.",
    "summary_en": "A sports square that temporarily stores rainwater during heavy rain.",
    "problem": "Bij piekbuien loopt het gemengde riool over.",
    "solution": "Drie verdiepte bassins.\n\nBij droog weer sportruimte.",
    "results": "Minder wateroverlast.", "lessons": "Betrek bewoners vroeg.", "scale_up": "Een plein met ruimte.",
    "maturity": "proven", "maturity_label": "Bewezen", "status": "completed", "start_year": 2012,
    "partners": [{"name": "Waterschap Schieland en de Krimpenerwaard", "kind": "government"}],
    "adopted_by": ["Utrecht", "Den Haag"],
    "tags": ["waterplein", "regenwater"],
    "links": [{"title": "Projectpagina", "url": "https://www.rotterdam.nl/waterplein"},
              {"title": "Kwaadaardig", "url": "javascript:alert(1)"}],
    "contact": {"organisation": "Gemeente Rotterdam", "email": "klimaat@rotterdam.nl"},
    "updated": "2024-05-01"
  })json");
}

json similar_answer() {
  return json::parse(R"json({"hits": [{"id": "utrecht-wadi", "title": "Wadi's in Utrecht", "municipality": "Utrecht",
    "themes": ["climate-adaptation"], "maturity": "scaled", "start_year": 2015, "summary": "Wadi's.",
    "snippet": "Wadi's."}]})json");
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
  EXPECT_NE(html.find("<li>Den Haag</li>"), std::string::npos);
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
  json record = sample_case();
  for (auto& [key, value] : record.items()) {
    if (value.is_string()) value = evil;
  }
  record["themes"] = json::array({evil});
  record["theme_labels"] = json::array({json{{"value", evil}, {"label", evil}}});
  record["partners"] = json::array({json{{"name", evil}, {"kind", evil}}});
  record["adopted_by"] = json::array({evil});
  record["tags"] = json::array({evil});
  record["links"] = json::array({json{{"title", evil}, {"url", "https://x.nl/\"><script>alert(1)</script>"}}});
  record["contact"] = json{{"organisation", evil}, {"email", evil}};
  json similar = similar_answer();
  for (auto& [key, value] : similar["hits"][0].items()) {
    if (value.is_string()) value = evil;
  }
  PageRequest req;
  req.base_path = "/cases/" + evil;
  req.params = {{evil, evil}};
  const std::string html = render_case_page(record, similar, req);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("alert(\""), std::string::npos);
  EXPECT_NE(html.find("href=\"https://x.nl/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" rel=\"noopener\""),
            std::string::npos);
  EXPECT_NE(html.find("<title>&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"description\" content=\"&lt;script&gt;"), std::string::npos);
}

TEST(CasePage, DraftIsNotIndexedAndMissingFieldsAreLeftOut) {
  json record = json::parse(R"json({"id": "x-y", "title": "Kaal", "municipality": "Ede", "themes": ["safety"],
    "summary": "Een korte samenvatting van de zaak.", "solution": "Iets.", "maturity": "idea", "visibility": "draft"})json");
  const std::string html = render_case_page(record, json::object(), PageRequest{});
  EXPECT_NE(html.find("<meta name=\"robots\" content=\"noindex\">"), std::string::npos);
  EXPECT_EQ(html.find(">Vraagstuk</h2>"), std::string::npos);
  EXPECT_EQ(html.find(">Partners</h2>"), std::string::npos);
  EXPECT_NE(html.find("Veiligheid"), std::string::npos);
  EXPECT_NE(html.find("Er zijn nog geen vergelijkbare oplossingen bekend."), std::string::npos);
}

}  // namespace
