#pragma once
// Every document a query matches, without ranking: what exact totals and
// facet counts need. Xapian's matcher visits each match through its whole
// ranked-match machinery (about 170 ns a document here, even with
// BoolWeight); reading the posting lists straight into DocSets costs about
// 40 ns a posting, so a query matching 64,000 of 100,000 cases takes ~3 ms
// instead of ~11 ms (scripts/BENCHMARKS.md).
//
// Terms, AND, OR, AND_NOT, FILTER, AND_MAYBE, SYNONYM, MAX, SCALE_WEIGHT and
// MatchAll are evaluated here; any other operator (phrases, wildcards, value
// ranges, ...) is handed to Xapian's own matcher, so the answer is always the
// set Xapian would match. Every subquery is remembered for the
// matcher's lifetime, so a relaxed query (the OR of the words an AND query
// had) costs almost nothing after the AND. Not thread-safe (it uses the
// caller's Database); one matcher per request and database revision.
#include <xapian.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

#include "kb/search/doc_set.h"

namespace kb::search {

class BooleanMatcher {
 public:
  using Clock = std::chrono::steady_clock;

  // Matching went past the deadline: the set would be incomplete.
  class Timeout : public std::runtime_error {
   public:
    Timeout() : std::runtime_error("the match took longer than its time limit") {}
  };

  // `all_documents` holds every docid of db's current revision (what
  // MatchAll matches); both must outlive the matcher. A query that takes
  // past `deadline` (dozens of wildcards, say) throws Timeout.
  BooleanMatcher(const Xapian::Database& db, const DocSet& all_documents,
                 Clock::time_point deadline = Clock::time_point::max());

  // Throws Timeout, and what Xapian throws (DatabaseModifiedError included).
  DocSet match(const Xapian::Query& query);

 private:
  DocSet evaluate(const Xapian::Query& query);
  DocSet term(const std::string& term);
  DocSet conjunction(const Xapian::Query& query);
  DocSet by_xapian(const Xapian::Query& query) const;
  void check_deadline() const;

  const Xapian::Database& db_;
  const DocSet& all_;
  Clock::time_point deadline_;
  std::map<std::string, DocSet> memo_;   // by Query::get_description()
  std::map<std::string, DocSet> terms_;  // by term
};

}  // namespace kb::search
