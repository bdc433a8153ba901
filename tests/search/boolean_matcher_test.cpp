// Issue #5 (search benchmark): exact totals and facet counts come from
// BooleanMatcher, which reads posting lists into DocSets instead of running
// Xapian's ranked matcher over every match. It must match exactly the
// documents Xapian matches, for every operator the query builder produces
// and for the ones it hands back to Xapian.
#include "kb/search/boolean_matcher.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "kb/search/clause_coverage.h"
#include "kb/search/doc_set.h"

namespace kb::search {
namespace {
namespace fs = std::filesystem;
using Q = Xapian::Query;

Q of(Q::op op, std::vector<Q> subqueries) { return Q(op, subqueries.begin(), subqueries.end()); }

std::set<Xapian::docid> members(const DocSet& set) {
  std::set<Xapian::docid> out;
  set.for_each([&](Xapian::docid did) { out.insert(did); });
  return out;
}

// A synthetic index: document i has term "a" when i % 2 == 0, "b" when
// i % 3 == 0, "c" when i % 7 == 0, "rare" for five documents, the phrase
// "slimme lantaarn" in every fifth, and its number in value slot 0. Every
// eleventh document is deleted, so docids have gaps.
class BooleanMatcherTest : public ::testing::Test {
 protected:
  static constexpr Xapian::docid kDocs = 600;

  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/kb-boolean-matcher-XXXXXX";
    dir_ = mkdtemp(tmpl);
    Xapian::WritableDatabase db(dir_ + "/index", Xapian::DB_CREATE);
    for (Xapian::docid i = 1; i <= kDocs; ++i) {
      Xapian::Document doc;
      Xapian::termpos pos = 1;
      if (i % 2 == 0) doc.add_posting("a", pos++);
      if (i % 3 == 0) doc.add_posting("b", pos++);
      if (i % 7 == 0) doc.add_posting("c", pos++);
      if (i % 120 == 7) doc.add_posting("rare", pos++);
      if (i % 5 == 0) {
        doc.add_posting("slimme", pos++);
        doc.add_posting("lantaarn", pos++);
      } else if (i % 5 == 1) {
        doc.add_posting("lantaarn", pos++);
        doc.add_posting("slimme", pos++);
      }
      doc.add_term("lantaarnpaal" + std::to_string(i % 4));
      doc.add_value(0, Xapian::sortable_serialise(i));
      db.add_document(doc);
    }
    for (Xapian::docid i = 11; i <= kDocs; i += 11) db.delete_document(i);
    db.commit();
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  void SetUp() override {
    db_ = Xapian::Database(dir_ + "/index");
    all_ = DocSet(db_.get_lastdocid());
    for (auto it = db_.postlist_begin(""); it != db_.postlist_end(""); ++it) all_.add(*it);
  }

  // What Xapian's own matcher matches.
  std::set<Xapian::docid> reference(const Q& query) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const auto mset = enquire.get_mset(0, db_.get_doccount());
    std::set<Xapian::docid> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
    return out;
  }

  static std::string dir_;
  Xapian::Database db_;
  DocSet all_;
};
std::string BooleanMatcherTest::dir_;

TEST_F(BooleanMatcherTest, MatchesWhatXapianMatches) {
  const std::vector<std::pair<const char*, Q>> cases = {
      {"term", Q("a")},
      {"missing term", Q("nowhere")},
      {"match all", Q::MatchAll},
      {"match nothing", Q::MatchNothing},
      {"and", Q(Q::OP_AND, Q("a"), Q("b"))},
      {"and with a missing term", Q(Q::OP_AND, Q("a"), Q("nowhere"))},
      {"and probing long lists for a rare term", Q(Q::OP_AND, Q("a"), Q("rare"))},
      {"and of three", of(Q::OP_AND, {Q("a"), Q("b"), Q("c")})},
      {"or", Q(Q::OP_OR, Q("b"), Q("c"))},
      {"and not", Q(Q::OP_AND_NOT, Q("a"), Q("b"))},
      {"filter", Q(Q::OP_FILTER, Q("c"), Q("a"))},
      {"and maybe", Q(Q::OP_AND_MAYBE, Q("c"), Q("a"))},
      {"scale weight", Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, Q("c"), Q("rare")), 0.6)},
      {"synonym", Q(Q::OP_SYNONYM, Q("b"), Q("rare"))},
      {"phrase (Xapian's matcher)", of(Q::OP_PHRASE, {Q("slimme"), Q("lantaarn")})},
      {"wildcard (Xapian's matcher)", Q(Q::OP_WILDCARD, "lantaarnpaal")},
      {"value range (Xapian's matcher)", Q(Q::OP_VALUE_RANGE, 0, Xapian::sortable_serialise(100),
                                           Xapian::sortable_serialise(250))},
      {"and of a compound and a term", Q(Q::OP_AND, Q(Q::OP_OR, Q("b"), Q("c")), Q("a"))},
      {"and of compounds only", Q(Q::OP_AND, Q(Q::OP_OR, Q("b"), Q("c")), Q(Q::OP_OR, Q("a"), Q("rare")))},
      {"and with a phrase", Q(Q::OP_AND, of(Q::OP_PHRASE, {Q("slimme"), Q("lantaarn")}), Q("b"))},
      {"nested", Q(Q::OP_AND_NOT, Q(Q::OP_AND, Q::MatchAll, Q(Q::OP_OR, Q("a"), Q("c"))),
                   Q(Q::OP_AND, Q("b"), Q(Q::OP_WILDCARD, "lantaarnpaal")))},
  };
  for (const auto& [name, query] : cases) {
    BooleanMatcher matcher(db_, all_);
    EXPECT_EQ(members(matcher.match(query)), reference(query)) << name << ": " << query.get_description();
  }
}

// A request matches its strict query and then its relaxed one on one matcher:
// remembered subqueries must give the same sets as fresh ones.
TEST_F(BooleanMatcherTest, RememberedSubqueriesGiveTheSameAnswer) {
  const Q b_or_c(Q::OP_OR, Q("b"), Q("c"));
  const Q strict(Q::OP_AND, b_or_c, Q("a"));
  const Q relaxed(Q::OP_OR, b_or_c, Q("a"));
  BooleanMatcher matcher(db_, all_);
  EXPECT_EQ(members(matcher.match(strict)), reference(strict));
  EXPECT_EQ(members(matcher.match(relaxed)), reference(relaxed));
  EXPECT_EQ(members(matcher.match(strict)), reference(strict));
}

// Issue #5 (limits): a query whose matching runs past its deadline throws
// instead of returning counts from an incomplete set.
TEST_F(BooleanMatcherTest, PastTheDeadlineMatchingThrows) {
  const auto past = BooleanMatcher::Clock::now() - std::chrono::seconds(1);
  const auto future = BooleanMatcher::Clock::now() + std::chrono::hours(1);
  for (const Q& query : {Q("a"), of(Q::OP_AND, {Q("a"), Q("b")}), Q(Q::OP_WILDCARD, "lantaarnpaal")}) {
    BooleanMatcher late(db_, all_, past);
    EXPECT_THROW(late.match(query), BooleanMatcher::Timeout) << query.get_description();
    BooleanMatcher in_time(db_, all_, future);
    EXPECT_EQ(members(in_time.match(query)), reference(query)) << query.get_description();
  }
}

TEST_F(BooleanMatcherTest, DocSetAlgebraAndIteration) {
  DocSet a(200), b(200);
  for (Xapian::docid d : {1u, 63u, 64u, 65u, 127u, 200u}) a.add(d);
  for (Xapian::docid d : {64u, 127u, 150u}) b.add(d);
  b.add(201);  // beyond the revision's last docid: ignored
  EXPECT_EQ(a.size(), 6u);
  EXPECT_EQ(b.size(), 3u);
  EXPECT_FALSE(b.contains(201));
  EXPECT_EQ(a.first_from(2), 63u);
  EXPECT_EQ(a.first_from(128), 200u);
  EXPECT_EQ(a.first_from(201), 0u);
  DocSet u = a;
  EXPECT_EQ(members(u.unite(b)), (std::set<Xapian::docid>{1, 63, 64, 65, 127, 150, 200}));
  DocSet i = a;
  EXPECT_EQ(members(i.intersect(b)), (std::set<Xapian::docid>{64, 127}));
  DocSet s = a;
  EXPECT_EQ(members(s.subtract(b)), (std::set<Xapian::docid>{1, 63, 65, 200}));
  s.remove(63);
  EXPECT_FALSE(s.contains(63));
  EXPECT_TRUE(DocSet(10).empty());
  EXPECT_EQ(DocSet().first_from(0), 0u);
}

// The ranked match restricted to a DocSet ranks exactly its members.
TEST_F(BooleanMatcherTest, PostingSourceRestrictsARankedMatch) {
  DocSet wanted(db_.get_lastdocid());
  for (Xapian::docid d = 2; d <= kDocs; d += 13) wanted.add(d);
  DocSetPostingSource source(wanted);
  const Q query(Q::OP_FILTER, Q(Q::OP_OR, Q("a"), Q("b")), Q(&source));
  std::set<Xapian::docid> expected;
  for (const auto d : reference(Q(Q::OP_OR, Q("a"), Q("b"))))
    if (wanted.contains(d)) expected.insert(d);
  ASSERT_FALSE(expected.empty());
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  const auto mset = enquire.get_mset(0, kDocs);
  std::set<Xapian::docid> got;
  for (auto it = mset.begin(); it != mset.end(); ++it) got.insert(*it);
  EXPECT_EQ(got, expected);
}

TEST_F(BooleanMatcherTest, ClauseCoverageCountsClausesAndKeepsTheBestCovered) {
  BooleanMatcher matcher(db_, all_);
  const std::vector<Q> clauses = {Q("a"), Q("b"), Q("c")};
  const ClauseCoverage coverage(matcher, clauses, db_.get_lastdocid());
  EXPECT_EQ(coverage.of(42), 3u);  // 42 = 2 * 3 * 7
  EXPECT_EQ(coverage.of(6), 2u);
  EXPECT_EQ(coverage.of(9), 1u);
  EXPECT_EQ(coverage.of(1), 0u);
  EXPECT_LT(coverage(db_.get_document(6)), coverage(db_.get_document(42))) << "more clauses sort higher";

  const DocSet eligible = matcher.match(of(Q::OP_OR, {Q("a"), Q("b"), Q("c")}));
  std::size_t all_three = 0, two_or_more = 0;
  eligible.for_each([&](Xapian::docid d) {
    all_three += coverage.of(d) == 3;
    two_or_more += coverage.of(d) >= 2;
  });
  ASSERT_GT(two_or_more, all_three + 1);
  // Enough documents match all three: only they are kept.
  const DocSet top = coverage.best(eligible, static_cast<Xapian::doccount>(all_three));
  EXPECT_EQ(top.size(), all_three);
  top.for_each([&](Xapian::docid d) { EXPECT_EQ(coverage.of(d), 3u) << d; });
  // One more than that: everything with two or more.
  EXPECT_EQ(coverage.best(eligible, static_cast<Xapian::doccount>(all_three + 1)).size(), two_or_more);
  // More than there are: all of them.
  EXPECT_EQ(coverage.best(eligible, kDocs * 2).size(), eligible.size());
}

}  // namespace
}  // namespace kb::search
