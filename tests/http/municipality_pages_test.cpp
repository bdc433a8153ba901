// Issue 13 pages over HTTP, on the shipped corpus (its real reuse relations):
// /gemeenten, /gemeenten/{slug} with an alias and an unknown municipality, and
// the reuse section of the case page, each checked against the API's answer.
#include <string>

#include "http_client.h"

namespace kb::http::testing {
namespace {

using MunicipalityPagesIssue13 = ServerFixture;

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

void expect_html_page(const ClientResponse& r, long status) {
  EXPECT_EQ(r.status, status) << r.body.substr(0, 300);
  EXPECT_EQ(r.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(contains(r.body, "<!doctype html>"));
}

TEST_F(MunicipalityPagesIssue13, ListPageLinksEveryMunicipalityOfTheApiWithItsCounts) {
  const auto api = request("GET", url("/api/v1/municipalities")).json();
  const auto page = request("GET", url("/gemeenten"));
  expect_html_page(page, 200);
  ASSERT_GT(api.at("total").get<int>(), 20);
  for (const auto& m : api.at("municipalities")) {
    const std::string row = "<a href=\"/gemeenten/" + m.at("slug").get<std::string>() + "\">";
    const std::size_t at = page.body.find(row);
    ASSERT_NE(at, std::string::npos) << m.dump();
    const std::string counts = "</th><td>" + std::to_string(m.at("cases").get<int>()) + "</td><td>" +
                               std::to_string(m.at("reused").get<int>()) + "</td></tr>";
    EXPECT_EQ(page.body.find("</th>", at), page.body.find(counts, at)) << m.dump();
  }
  EXPECT_TRUE(contains(page.body, ">Zuid-Holland</h2>"));
  EXPECT_TRUE(contains(page.body, ">Fryslân</h2>"));
  EXPECT_TRUE(contains(request("GET", url("/gemeenten?lang=en")).body, "<h1>Municipalities</h1>"));
}

TEST_F(MunicipalityPagesIssue13, MunicipalityPageShowsItsOwnAndItsReusedCases) {
  const auto api = request("GET", url("/api/v1/municipalities/den-haag")).json();
  const auto page = request("GET", url("/gemeenten/den-haag"));
  expect_html_page(page, 200);
  EXPECT_TRUE(contains(page.body, "<h1>Den Haag</h1>"));
  EXPECT_TRUE(contains(page.body, "Zuid-Holland"));
  ASSERT_FALSE(api.at("cases").empty());
  ASSERT_FALSE(api.at("reused").empty()) << "Den Haag reused Housing First, Tegelwippen and more";
  const std::size_t reused_at = page.body.find("Overgenomen van andere gemeenten");
  ASSERT_NE(reused_at, std::string::npos);
  for (const auto& hit : api.at("cases")) {
    const std::size_t at = page.body.find("href=\"/cases/" + hit.at("id").get<std::string>() + "\"");
    EXPECT_LT(at, reused_at) << hit.at("id");
  }
  for (const auto& hit : api.at("reused")) {
    const std::size_t at = page.body.find("href=\"/cases/" + hit.at("id").get<std::string>() + "\"", reused_at);
    EXPECT_NE(at, std::string::npos) << hit.at("id");
  }
  EXPECT_TRUE(contains(page.body, "href=\"/cases/amsterdam-housing-first-discus\""));
}

TEST_F(MunicipalityPagesIssue13, AnAliasRendersTheCanonicalMunicipality) {
  const auto canonical = request("GET", url("/gemeenten/den-haag"));
  const auto alias = request("GET", url("/gemeenten/s-gravenhage"));
  expect_html_page(alias, 200);
  EXPECT_TRUE(contains(alias.body, "<h1>Den Haag</h1>"));
  EXPECT_TRUE(contains(alias.body, "<link rel=\"canonical\" href=\"/gemeenten/den-haag\">"));
  // The same content: only the language switch (the requested path) differs.
  const auto main_of = [](const std::string& html) {
    return html.substr(html.find("<main"), html.find("</main>") - html.find("<main"));
  };
  EXPECT_EQ(main_of(alias.body), main_of(canonical.body));
}

TEST_F(MunicipalityPagesIssue13, AnUnknownMunicipalityIsTheHtml404Page) {
  const auto r = request("GET", url("/gemeenten/nergens"));
  expect_html_page(r, 404);
  EXPECT_TRUE(contains(r.body, "<h1>Niet gevonden</h1>"));
  EXPECT_TRUE(contains(r.body, "nergens"));
}

TEST_F(MunicipalityPagesIssue13, CasePagesShowTheRealReuseOfTheCorpus) {
  // Den Haag's Housing First is derived from Amsterdam's (corpus/cases/den-haag/den-haag-housing-first.json).
  const auto derived = request("GET", url("/cases/den-haag-housing-first"));
  expect_html_page(derived, 200);
  EXPECT_TRUE(contains(derived.body, "Gebaseerd op:</strong> <a href=\"/cases/amsterdam-housing-first-discus\">"));
  EXPECT_TRUE(contains(derived.body, "De familie van deze oplossing"));
  EXPECT_TRUE(contains(derived.body, "<a href=\"/gemeenten/den-haag\">Den Haag</a>"));

  const auto record = request("GET", url("/api/v1/cases/amsterdam-housing-first-discus")).json();
  const auto original = request("GET", url("/cases/amsterdam-housing-first-discus"));
  expect_html_page(original, 200);
  ASSERT_GE(record.at("reuse_count").get<int>(), 3);
  const std::size_t section = original.body.find(">Hergebruikt door</h2>");
  ASSERT_NE(section, std::string::npos);
  for (const auto& entry : record.at("reused_by")) {
    const std::string target = entry.at("case_id").is_string()
                                   ? "/cases/" + entry.at("case_id").get<std::string>()
                                   : "/gemeenten/" + entry.at("municipality_slug").get<std::string>();
    const std::string link = "<li><a href=\"" + target + "\">" + entry.at("municipality").get<std::string>() + "</a></li>";
    EXPECT_NE(original.body.find(link, section), std::string::npos) << link;
  }
  EXPECT_EQ(original.body.find("Gebaseerd op"), std::string::npos);
}

}  // namespace
}  // namespace kb::http::testing
