// The taxonomy tables are generated from corpus/themes.json at build time:
// they must hold exactly what the file says, in its order.
#include "kb/schema/taxonomy.h"
#include "kb/schema/terms.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#ifndef KB_SOURCE_DIR
#error "KB_SOURCE_DIR must name the source tree (set by tests/*/CMakeLists.txt)"
#endif

namespace kb::schema {
namespace {

using nlohmann::json;

const json& themes_json() {
  static const json data = [] {
    std::ifstream in(std::string(KB_SOURCE_DIR) + "/corpus/themes.json");
    std::ostringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
  }();
  return data;
}

// Compares one generated id array and its label array with a list of the file.
template <std::size_t N>
void expect_same(const char* key, const std::array<std::string_view, N>& ids,
                 const std::array<TaxonomyLabel, N>& labels) {
  SCOPED_TRACE(key);
  const json& list = themes_json().at(key);
  ASSERT_EQ(list.size(), N);
  for (std::size_t i = 0; i < N; ++i) {
    EXPECT_EQ(ids[i], list[i].at("id").get<std::string>());
    EXPECT_EQ(labels[i].id, list[i].at("id").get<std::string>());
    EXPECT_EQ(labels[i].nl, list[i].at("nl").get<std::string>());
    EXPECT_EQ(labels[i].en, list[i].at("en").get<std::string>());
  }
}

TEST(TaxonomyTablesTest, EqualCorpusThemesJson) {
  expect_same("themes", kThemes, kThemeLabels);
  expect_same("maturities", kMaturities, kMaturityLabels);
  expect_same("statuses", kStatuses, kStatusLabels);
  expect_same("partner_kinds", kPartnerKinds, kPartnerKindLabels);
  const json& themes = themes_json().at("themes");
  for (std::size_t i = 0; i < kThemes.size(); ++i) {
    EXPECT_EQ(kThemeDescriptions[i].id, kThemes[i]);
    EXPECT_EQ(kThemeDescriptions[i].nl, themes[i].at("description_nl").get<std::string>());
    EXPECT_EQ(kThemeDescriptions[i].en, themes[i].at("description_en").get<std::string>());
  }
}

TEST(TaxonomyTablesTest, FileHoldsNoOtherLists) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : themes_json().items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"maturities", "partner_kinds", "statuses", "themes"}));
}

TEST(TaxonomyTest, LabelsByLanguageAndUnknownIdsAsGiven) {
  EXPECT_EQ(theme_label("climate-adaptation", "nl"), "Klimaatadaptatie");
  EXPECT_EQ(theme_label("climate-adaptation", "en"), "Climate adaptation");
  EXPECT_EQ(theme_label("urbanisation", "en"), "Urbanisation");
  EXPECT_EQ(theme_label("safety", "de"), "Veiligheid");  // any other language: Dutch
  EXPECT_EQ(theme_label("unknown-theme", "en"), "unknown-theme");
  EXPECT_EQ(maturity_label("scaled", "nl"), "Opgeschaald");
  EXPECT_EQ(maturity_label("proven", "en"), "Proven");
  EXPECT_EQ(status_label("active", "nl"), "Lopend");
  EXPECT_EQ(status_label("stopped", "en"), "Stopped");
  EXPECT_EQ(partner_kind_label("knowledge", "en"), "Knowledge institution");
  EXPECT_EQ(partner_kind_label("civil-society", "nl"), "Maatschappelijke organisatie");
  EXPECT_EQ(partner_kind_label("", "nl"), "");
  EXPECT_EQ(theme_description("mobility", "en").substr(0, 14), "Accessibility ");
  EXPECT_EQ(theme_description("nope", "nl"), "nope");
}

TEST(TaxonomyTest, IndexesFollowTheTables) {
  for (std::size_t i = 0; i < kThemes.size(); ++i) EXPECT_EQ(theme_index(kThemes[i]), static_cast<int>(i));
  for (std::size_t i = 0; i < kMaturities.size(); ++i) EXPECT_EQ(maturity_index(kMaturities[i]), static_cast<int>(i));
  EXPECT_EQ(theme_index("Mobility"), -1);  // ids are exact
  EXPECT_EQ(maturity_index(""), -1);
}

}  // namespace
}  // namespace kb::schema

// issue 13: the packed facet value keeps province and reused_in.
TEST(FacetKeyTest, RoundTripsEveryField) {
  kb::schema::FacetKey key;
  key.themes = 0x25;
  key.maturity = 3;
  key.year = 2019;
  key.draft = true;
  key.municipality = "den-haag";
  key.province = "zuid-holland";
  key.reused_in = {"delft", "zwolle"};
  const auto back = kb::schema::FacetKey::decode(key.encode());
  EXPECT_EQ(back.themes, key.themes);
  EXPECT_EQ(back.maturity, key.maturity);
  EXPECT_EQ(back.year, key.year);
  EXPECT_TRUE(back.draft);
  EXPECT_EQ(back.municipality, key.municipality);
  EXPECT_EQ(back.province, key.province);
  EXPECT_EQ(back.reused_in, key.reused_in);
  const std::string truncated = key.encode().substr(0, 12);
  EXPECT_EQ(kb::schema::FacetKey::decode(truncated).municipality, "") << "a cut value is not misread";
}
