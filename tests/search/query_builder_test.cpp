// QueryBuilder on a tiny index: what each piece of query syntax matches (run
// through Xapian, so the test holds whatever shape the query tree takes),
// the relaxed query, spelling correction and the term limit.
#include "kb/search/query_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "kb/schema/taxonomy.h"
#include "kb/schema/terms.h"
#include "kb/search/errors.h"
#include "search_index_fixture.h"

namespace kb::search {
namespace {

namespace schema = kb::schema;
using testing::make_case;
using Ids = std::set<std::string>;

class QueryBuilderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fixture_ = new testing::SearchIndexFixture(testing::Records{
        make_case("qb-zeppelin", {{"summary", "Een zeppelin boven de polder."}}),
        make_case("qb-fluitketel", {{"summary", "Een fluitketel in de keuken."}}),
        make_case("qb-beide", {{"summary", "Een zeppelin en een fluitketel samen."}}),
        make_case("qb-kwelwater", {{"summary", "Kwelwater in de kelder: de stad van morgen."}}),
        make_case("qb-omgekeerd", {{"summary", "Voor morgen de stad in, zegt de wethouder."}}),
    });
  }
  static void TearDownTestSuite() {
    delete fixture_;
    fixture_ = nullptr;
  }
  void SetUp() override { db_ = fixture_->open(); }

  BuiltQuery build(std::string_view q, const Limits& limits = {}) {
    QueryBuilder builder(analyzer_, limits);
    return builder.build(q, db_);
  }

  // The ids of every document `query` matches.
  Ids matches(const Xapian::Query& query) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    Ids ids;
    for (const auto& doc : enquire.get_mset(0, db_.get_doccount()))
      for (auto t = db_.termlist_begin(doc); t != db_.termlist_end(doc); ++t)
        if (std::string term = *t; term.starts_with(schema::kId)) ids.insert(term.substr(schema::kId.size()));
    return ids;
  }
  Ids matches(std::string_view q) { return matches(build(q).query); }

  static testing::SearchIndexFixture* fixture_;
  Xapian::Database db_;
  stemming::Analyzer analyzer_{testing::shared_lexicon()};
};
testing::SearchIndexFixture* QueryBuilderTest::fixture_ = nullptr;

TEST_F(QueryBuilderTest, EveryWordIsRequired) {
  const auto built = build("zeppelin fluitketel");
  EXPECT_FALSE(built.browse);
  EXPECT_EQ(built.clauses.size(), 2u);
  EXPECT_EQ(matches(built.query), (Ids{"qb-beide"}));
  EXPECT_EQ(matches("zeppelin"), (Ids{"qb-zeppelin", "qb-beide"}));
}

TEST_F(QueryBuilderTest, OrJoinsNeighboursIntoOneRequiredGroup) {
  EXPECT_EQ(matches("zeppelin OR kwelwater"), (Ids{"qb-zeppelin", "qb-beide", "qb-kwelwater"}));
  // (fluitketel OR kwelwater) AND zeppelin
  const auto built = build("fluitketel OR kwelwater zeppelin");
  EXPECT_EQ(built.clauses.size(), 2u);
  EXPECT_EQ(matches(built.query), (Ids{"qb-beide"}));
  // A dangling OR and a lowercase `or` are no operators.
  EXPECT_EQ(matches("zeppelin OR"), matches("zeppelin"));
}

TEST_F(QueryBuilderTest, MinusExcludes) {
  EXPECT_EQ(matches("zeppelin -fluitketel"), (Ids{"qb-zeppelin"}));
  const auto only_excluded = build("-zeppelin");
  EXPECT_TRUE(only_excluded.browse) << "no positive clause: everything but the excluded";
  EXPECT_EQ(matches(only_excluded.query), (Ids{"qb-fluitketel", "qb-kwelwater", "qb-omgekeerd"}));
  EXPECT_EQ(matches("- zeppelin"), matches("zeppelin")) << "a bare - is no operator";
}

TEST_F(QueryBuilderTest, PhrasesMatchTheirWordsInOrderAcrossStopWords) {
  EXPECT_EQ(matches("\"stad van morgen\""), (Ids{"qb-kwelwater"}));
  EXPECT_EQ(matches("\"morgen de stad\""), (Ids{"qb-omgekeerd"})) << "order counts";
  EXPECT_EQ(matches("stad morgen"), (Ids{"qb-kwelwater", "qb-omgekeerd"})) << "without quotes, any order";
  EXPECT_EQ(matches("\"stad van morgen"), matches("\"stad van morgen\"")) << "an unterminated quote runs to the end";
}

TEST_F(QueryBuilderTest, TrailingStarIsAPrefix) {
  const auto built = build("zeppe*");
  EXPECT_EQ(matches(built.query), (Ids{"qb-zeppelin", "qb-beide"}));
  EXPECT_NE(std::find(built.words.begin(), built.words.end(), "zeppe"), built.words.end());
  EXPECT_EQ(matches("fluitk* zeppelin"), (Ids{"qb-beide"}));
  EXPECT_TRUE(matches("zeppo*").empty());
}

TEST_F(QueryBuilderTest, StopWordsAreDroppedUnlessTheyAreAllThereIs) {
  const auto with_stop_words = build("de zeppelin van");
  EXPECT_EQ(with_stop_words.clauses.size(), 1u);
  EXPECT_EQ(matches(with_stop_words.query), matches("zeppelin"));
  const auto only_stop_words = build("de van");
  EXPECT_FALSE(only_stop_words.browse) << "a query of stop words is not a browse of everything";
  EXPECT_FALSE(only_stop_words.clauses.empty());
}

TEST_F(QueryBuilderTest, MultiWordQueriesGetARelaxedAnyWordQuery) {
  EXPECT_TRUE(build("zeppelin").relaxed.empty()) << "one clause: nothing to relax";
  const auto built = build("zeppelin kwelwater");
  EXPECT_TRUE(matches(built.query).empty());
  ASSERT_FALSE(built.relaxed.empty());
  EXPECT_EQ(matches(built.relaxed), (Ids{"qb-zeppelin", "qb-beide", "qb-kwelwater"}));
  const auto excluding = build("zeppelin kwelwater -fluitketel");
  EXPECT_EQ(matches(excluding.relaxed), (Ids{"qb-zeppelin", "qb-kwelwater"})) << "the relaxed query keeps exclusions";
}

TEST_F(QueryBuilderTest, MisspelledWordsAreSearchedAsTheirCorrection) {
  const auto built = build("zepelin");
  EXPECT_EQ(built.corrected, "zeppelin");
  EXPECT_EQ(matches(built.query), (Ids{"qb-zeppelin", "qb-beide"}));
  EXPECT_EQ(build("fluitketel zepelin").corrected, "fluitketel zeppelin");
  EXPECT_EQ(build("zeppelin fluitketel").corrected, "") << "nothing to correct";
}

// A word only the synonym list knows is searched as its synonyms, not
// corrected into a look-alike the index has (relevance q: `ontharden` was
// corrected to `onthouden` once a case used that word).
TEST(QueryBuilderSynonyms, AWordWithSynonymsIsNotCorrected) {
  testing::SearchIndexFixture index(testing::Records{
      make_case("qb-onthouden", {{"summary", "Wat bewoners onthouden van de informatieavond."}}),
      make_case("qb-tegels", {{"summary", "Tegelwippen in de wijk met bewoners."}})});
  const Xapian::Database db = index.open();
  stemming::Analyzer analyzer{testing::shared_lexicon()};
  QueryBuilder builder(analyzer);
  const auto built = builder.build("ontharden", db);
  EXPECT_EQ(built.corrected, "");
  Xapian::Enquire enquire(db);
  enquire.set_query(built.query);
  const auto mset = enquire.get_mset(0, 10);
  ASSERT_EQ(mset.size(), 1u);
  EXPECT_NE(mset.begin().get_document().get_data().find("qb-tegels"), std::string::npos);
}

TEST_F(QueryBuilderTest, MoreTermsThanTheLimitIsAnInvalidRequest) {
  Limits limits;
  limits.max_query_terms = 3;
  EXPECT_NO_THROW(build("zeppelin fluitketel kwelwater", limits));
  try {
    build("zeppelin fluitketel kwelwater stad", limits);
    ADD_FAILURE() << "four terms passed a limit of three";
  } catch (const InvalidRequest& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems().front().field, "q");
  }
}

TEST_F(QueryBuilderTest, EmptyQueryBrowsesEverything) {
  const auto built = build("   ");
  EXPECT_TRUE(built.browse);
  EXPECT_TRUE(built.clauses.empty());
  EXPECT_EQ(matches(built.query).size(), 5u);
}

}  // namespace
}  // namespace kb::search
