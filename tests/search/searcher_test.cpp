// The search core on a temporary index built from the shipped corpus plus
// two fixture records (one draft, one with markup-like text).
#include "kb/search/searcher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "kb/search/errors.h"
#include "search_index_fixture.h"

#ifndef KB_SOURCE_DIR
#define KB_SOURCE_DIR "."
#endif

namespace kb::search {
namespace {
namespace fs = std::filesystem;

class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new testing::SearchIndexFixture(
        testing::Records{
            nlohmann::json::parse(R"({"id":"test-draft-geheim","title":"Geheim concept zeppelinhaven","municipality":"Utrecht","themes":["mobility"],"summary":"Een concept dat alleen curatoren mogen zien, over een zeppelinhaven.","solution":"Nog niets.","maturity":"idea","visibility":"draft"})"),
            nlohmann::json::parse(R"({"id":"test-escape","title":"Kwetsbaarheid x < y test","municipality":"Delft","themes":["safety"],"summary":"De zoekterm flubbertest staat hier, met tekens als & en \" en < > erachter.","solution":"Plain text & more","maturity":"pilot","start_year":2024})"),
        },
        {std::string(KB_SOURCE_DIR) + "/corpus/cases"});
    lexicon_ = testing::shared_lexicon();
    for (const auto& e : fs::recursive_directory_iterator(std::string(KB_SOURCE_DIR) + "/corpus/cases")) {
      if (e.path().extension() != ".json") continue;
      std::ifstream in(e.path());
      records_.push_back(nlohmann::json::parse(in));
    }
  }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }
  void SetUp() override { searcher_ = std::make_unique<Searcher>(index_->index_path(), lexicon_); }

  SearchAnswer search(Params params) { return searcher_->search(parse_search_request(params)); }

  static testing::SearchIndexFixture* index_;
  static std::shared_ptr<const stemming::Lexicon> lexicon_;
  static std::vector<nlohmann::json> records_;
  std::unique_ptr<Searcher> searcher_;
};
testing::SearchIndexFixture* SearcherTest::index_ = nullptr;
std::shared_ptr<const stemming::Lexicon> SearcherTest::lexicon_;
std::vector<nlohmann::json> SearcherTest::records_;

using testing::bracketed;
using testing::count_of;

TEST_F(SearcherTest, BrowseCountsEveryPublishedCase) {
  const auto r = search({});
  // The corpus plus the published fixture; the draft is not counted.
  EXPECT_EQ(r.total, records_.size() + 1);
  EXPECT_EQ(r.facets.theme.size(), 6u) << "every theme is listed, also at zero";
}

// Disjunctive facet counts, checked against counts computed independently
// from the corpus records.
TEST_F(SearcherTest, FacetCountsAreDisjunctiveAndExact) {
  const auto r = search({{"theme", "healthcare"}, {"municipality", "rotterdam"}, {"per_page", "100"}});
  std::map<std::string, int> themes, municipalities;
  int total = 0;
  for (const auto& c : records_) {
    const bool in_rotterdam = c.at("municipality") == "Rotterdam";
    bool healthcare = false;
    for (const auto& t : c.at("themes")) healthcare = healthcare || t == "healthcare";
    if (in_rotterdam)
      for (const auto& t : c.at("themes")) ++themes[t.get<std::string>()];
    if (healthcare) ++municipalities[c.at("municipality").get<std::string>()];
    if (in_rotterdam && healthcare) ++total;
  }
  EXPECT_EQ(static_cast<int>(r.total), total);
  EXPECT_EQ(static_cast<int>(r.hits.size()), total);
  const auto theme_counts = count_of(r.facets.theme);
  for (const auto& [theme, n] : themes) EXPECT_EQ(theme_counts.at(theme), n) << theme;
  const auto municipality_counts = count_of(r.facets.municipality);
  EXPECT_EQ(municipality_counts.at("rotterdam"), municipalities["Rotterdam"]);
  EXPECT_EQ(municipality_counts.at("amsterdam"), municipalities["Amsterdam"]);
}

TEST_F(SearcherTest, DraftsAreInvisibleToPublicSearchSuggestAndCases) {
  EXPECT_EQ(search({{"q", "zeppelinhaven"}}).total, 0u);
  EXPECT_THROW(searcher_->get_case("test-draft-geheim", "nl"), NotFound);
  EXPECT_EQ(searcher_->get_case("test-draft-geheim", "nl", true).visibility, "draft");
  EXPECT_TRUE(searcher_->suggest("zeppel", 5).suggestions.empty());
}

TEST_F(SearcherTest, CompoundPartsAndFoldingFindAndHighlight) {
  const auto r = search({{"q", "stress"}});
  ASSERT_GT(r.total, 0u);
  bool marked_part = false;
  for (const auto& h : r.hits) marked_part = marked_part || bracketed(h.snippet).find("hitte[stress]") != std::string::npos;
  EXPECT_TRUE(marked_part);
}

TEST_F(SearcherTest, TypoIsCorrectedAndStillFinds) {
  const auto r = search({{"q", "klimaatadaptie"}});
  // Both are corpus words one or two edits away; either is a right correction.
  const auto dym = r.did_you_mean.value_or("(none)");
  EXPECT_TRUE(dym == "klimaatadaptatie" || dym == "klimaatadaptief") << dym;
  EXPECT_GT(r.total, 0u);
}

// A real Dutch word that the corpus lacks is not "corrected" into another
// word (it was: `drones` became `droeg`; the corpus now has drones).
TEST_F(SearcherTest, KnownWordsAreNotCorrected) {
  const auto r = search({{"q", "trompetten"}});
  EXPECT_FALSE(r.did_you_mean.has_value());
  EXPECT_EQ(r.total, 0u);
}

// A variant spelling in the word list is corrected when the correction keeps
// its beginning.
TEST_F(SearcherTest, RealWordVariantIsCorrected) {
  const auto r = search({{"q", "lantarenpaal"}});
  ASSERT_TRUE(r.did_you_mean.has_value());
  EXPECT_EQ(r.did_you_mean->rfind("lantaarn", 0), 0u);
  EXPECT_GT(r.total, 0u);
}

// A question typed as a sentence finds more than the one case that has every
// word, and says that it relaxed the query.
TEST_F(SearcherTest, LongQuestionsAreRelaxed) {
  const auto r = search({{"q", "hoe vangen andere gemeenten regenwater op bij hoosbuien"}});
  EXPECT_TRUE(r.relaxed);
  EXPECT_GE(r.total, 3u);
  const auto strict = search({{"q", "regenwater"}});
  EXPECT_FALSE(strict.relaxed);
}

// Broken query syntax is never an error: the words in it are searched as
// words, and syntax with no words left matches like a query of no words.
TEST_F(SearcherTest, MalformedSyntaxIsReadAsWords) {
  const auto water = search({{"q", "water"}}).total;
  ASSERT_GT(water, 0u);
  for (const char* q : {"\"water", "water OR", "water\"", "(water", "water)"})
    EXPECT_EQ(search({{"q", q}}).total, water) << q;
  ASSERT_EQ(search({{"q", "flubbertest"}}).total, 1u);
  for (const char* q : {"OR", "- -", "***", "\"\"", "NOT AND"}) {
    const auto r = search({{"q", q}});
    EXPECT_LE(r.hits.size(), 10u) << q;
    EXPECT_LE(r.hits.size(), r.total) << q;
  }
}

// Issue #4 (indexing rate): stop words get no postings but keep their
// positions, so a phrase still matches across them, in order, and only there.
TEST_F(SearcherTest, PhrasesMatchAcrossStopWordsWithoutTheirPostings) {
  // Fixture summary: "De zoekterm flubbertest staat hier, met tekens als & en ...".
  EXPECT_EQ(search({{"q", "\"staat hier met tekens\""}}).total, 1u);
  EXPECT_EQ(search({{"q", "\"flubbertest staat\""}}).total, 1u);
  EXPECT_EQ(search({{"q", "\"staat tekens\""}}).total, 0u) << "two words in between";
  EXPECT_EQ(search({{"q", "\"tekens met hier staat\""}}).total, 0u) << "order counts";
  const Xapian::Database db = index_->open();
  EXPECT_EQ(db.get_termfreq("hier"), 0u);
  EXPECT_EQ(db.get_termfreq("de"), 0u);
  EXPECT_GT(db.get_termfreq("zoekterm"), 0u);
}

// The core's snippet is plain text with spans (issue 12): the characters
// HTML would need escaped come out as they are, and escaping is kb::web's.
TEST_F(SearcherTest, SnippetsArePlainTextWithSpans) {
  const auto r = search({{"q", "flubbertest"}});
  ASSERT_EQ(r.total, 1u);
  const Snippet& snippet = r.hits[0].snippet;
  EXPECT_NE(snippet.text.find("tekens als & en \" en < >"), std::string::npos) << snippet.text;
  EXPECT_EQ(snippet.text.find("&amp;"), std::string::npos);
  EXPECT_EQ(r.hits[0].title, "Kwetsbaarheid x < y test");
  EXPECT_NE(bracketed(snippet).find("zoekterm [flubbertest] staat"), std::string::npos) << bracketed(snippet);
  EXPECT_EQ(snippet.lang, "nl");
}

TEST_F(SearcherTest, SortsAndPaginates) {
  const auto newest = search({{"sort", "newest"}, {"per_page", "20"}});
  int previous = 3000;
  for (const auto& h : newest.hits) {
    if (!h.start_year) continue;
    EXPECT_LE(*h.start_year, previous);
    previous = *h.start_year;
  }
  const auto by_title = search({{"sort", "title"}, {"per_page", "100"}});
  std::string last;
  for (const auto& h : by_title.hits) {
    std::string t = h.title;
    for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_LE(last.substr(0, 3), t.substr(0, 3));
    last = t;
  }
  const int total = static_cast<int>(by_title.total);
  const auto past_end = search({{"page", "50"}, {"per_page", "10"}});
  EXPECT_TRUE(past_end.hits.empty());
  EXPECT_EQ(static_cast<int>(past_end.total), total);
  const auto last_page = search({{"page", std::to_string((total + 9) / 10)}, {"per_page", "10"}});
  EXPECT_EQ(static_cast<int>(last_page.hits.size()), total % 10 == 0 ? 10 : total % 10);
}

// Issue #5 (search benchmark): sort=newest ranks only the newest years that
// can fill the page, and a relaxed query only its best-covered cases. Either
// shortcut must give the pages one long page gives: same cases, same order.
TEST_F(SearcherTest, ShortcutPagesAgreeWithOneLongPage) {
  const std::vector<Params> queries = {
      {{"sort", "newest"}},
      {{"q", "water"}, {"sort", "newest"}},
      {{"q", "water"}, {"sort", "newest"}, {"year_min", "2015"}, {"year_max", "2021"}},
      {{"q", "data"}, {"sort", "newest"}, {"theme", "mobility"}},
      {{"q", "hoe vangen andere gemeenten regenwater op bij hoosbuien"}},
      {{"q", "hoe vangen andere gemeenten regenwater op bij hoosbuien"}, {"theme", "climate-adaptation"}},
  };
  for (const auto& base : queries) {
    Params long_page = base;
    long_page.emplace_back("per_page", "30");
    const auto all = search(long_page);
    std::vector<std::string> expected, got;
    for (const auto& h : all.hits) expected.push_back(h.id);
    ASSERT_GE(expected.size(), 12u) << all.query;
    for (int page = 1; page <= 6; ++page) {
      Params p = base;
      p.emplace_back("per_page", "5");
      p.emplace_back("page", std::to_string(page));
      const auto r = search(p);
      EXPECT_EQ(r.total, all.total);
      for (const auto& h : r.hits) got.push_back(h.id);
    }
    EXPECT_EQ(got, expected) << all.query;
  }
}

TEST_F(SearcherTest, SimilarPrefersOtherMunicipalitiesAndExcludesItself) {
  const auto r = searcher_->similar("rotterdam-waterplein-benthemplein", 5, "nl");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_NE(r.hits[0].municipality_slug, "rotterdam");
  for (const auto& h : r.hits) EXPECT_NE(h.id, "rotterdam-waterplein-benthemplein");
  EXPECT_THROW(searcher_->similar("no-such-case", 5, "nl"), NotFound);
}

TEST_F(SearcherTest, SuggestCompletesByFrequency) {
  const auto s = searcher_->suggest("klim", 5).suggestions;
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0].text.rfind("klim", 0), 0u);
  for (std::size_t i = 1; i < s.size(); ++i) EXPECT_GE(s[i - 1].count, s[i].count);
}

TEST_F(SearcherTest, QueryTermLimit) {
  std::string q;
  for (int i = 0; i < 65; ++i) q += "water ";
  EXPECT_THROW(search({{"q", q}}), InvalidRequest);
}

}  // namespace
}  // namespace kb::search

namespace kb::search {
namespace {

// issue 17 point 4: an English page's snippet comes from the English summary
// when the query matches there, and says which language it is in.
TEST(SnippetLanguage, EnglishPagesGetEnglishSnippetsWhereTheQueryMatchesThere) {
  testing::SearchIndexFixture index(testing::Records{testing::make_case(
      "utrecht-hitte", {{"summary", "Een kaart van de hitte in de stad, per straat."},
                        {"title_en", "Heat map"},
                        {"summary_en", "A map of the heat in the city, street by street."}})});
  Searcher s(index.index_path(), testing::shared_lexicon());
  const auto hit_for = [&](const std::string& q, const std::string& lang) {
    SearchRequest r;
    r.q = q;
    r.lang = lang;
    const auto answer = s.search(r);
    EXPECT_EQ(answer.hits.size(), 1u) << q;
    return answer.hits.empty() ? Hit{} : answer.hits[0];
  };
  const auto english = hit_for("street", "en");
  EXPECT_EQ(english.snippet.lang, "en");
  EXPECT_NE(bracketed(english.snippet).find("[street]"), std::string::npos);
  const auto dutch_query = hit_for("straat", "en");
  EXPECT_EQ(dutch_query.snippet.lang, "nl") << "the match is in the Dutch text";
  EXPECT_NE(bracketed(dutch_query.snippet).find("[straat]"), std::string::npos);
  EXPECT_EQ(hit_for("street", "nl").snippet.lang, "nl") << "Dutch pages keep the Dutch text";
  EXPECT_EQ(hit_for("", "en").snippet.lang, "en") << "browsing in English shows the English summary";
}

}  // namespace
}  // namespace kb::search
