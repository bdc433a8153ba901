// GET /api/v1/taxonomy: the generated taxonomy as the widget and the curation
// app read it, equal to corpus/themes.json, cacheable, cross-origin readable.
#include <fstream>
#include <sstream>

#include "http_client.h"

namespace kb::http::testing {
namespace {

using TaxonomyRoute = ServerFixture;

nlohmann::json themes_json() {
  std::ifstream in(std::string(KB_SOURCE_DIR) + "/corpus/themes.json");
  std::ostringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

TEST_F(TaxonomyRoute, AnswersCorpusThemesJsonWithValuesForIds) {
  const auto r = request("GET", url("/api/v1/taxonomy"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  EXPECT_EQ(r.headers.at("cache-control"), "public, max-age=300");
  nlohmann::json expected = themes_json();
  for (auto& [key, list] : expected.items()) {
    for (auto& entry : list) {
      entry["value"] = entry.at("id");
      entry.erase("id");
    }
  }
  EXPECT_EQ(r.json(), expected);
  // Order is display order: the first theme of the file comes first.
  EXPECT_EQ(r.json().at("themes")[0].at("value"), themes_json().at("themes")[0].at("id"));
}

TEST_F(TaxonomyRoute, HasAnEtagAndIsReadableCrossOrigin) {
  const auto first = request("GET", url("/api/v1/taxonomy"), {"Origin: https://www.gemeente.nl"});
  ASSERT_TRUE(first.headers.count("etag"));
  EXPECT_EQ(first.headers.at("access-control-allow-origin"), "*");
  const auto again = request("GET", url("/api/v1/taxonomy"), {"If-None-Match: " + first.headers.at("etag")});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(request("POST", url("/api/v1/taxonomy")).status, 405);
}

}  // namespace
}  // namespace kb::http::testing
