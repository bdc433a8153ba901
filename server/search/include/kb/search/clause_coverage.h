#pragma once
// How many clauses of a query each document matches. A relaxed query (the OR
// of the clauses an AND query had, tried when the AND found almost nothing)
// ranks by this first and by BM25 second, as the answer's `relaxed` flag
// promises: a case with four of five words above one with two. That order
// also lets the ranked match skip every document that cannot reach the page:
// best() keeps only the best-covered documents that fill it.
#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kb/search/boolean_matcher.h"
#include "kb/search/doc_set.h"

namespace kb::search {

class ClauseCoverage : public Xapian::KeyMaker {
 public:
  // Matches every clause with `matcher` (whose database the ranked match uses).
  ClauseCoverage(BooleanMatcher& matcher, const std::vector<Xapian::Query>& clauses, Xapian::docid last_docid);

  // The sort key: the number of clauses as one byte, so more sorts higher.
  std::string operator()(const Xapian::Document& doc) const override;
  std::uint8_t of(Xapian::docid did) const noexcept { return did < coverage_.size() ? coverage_[did] : 0; }

  // The members of `eligible` that match at least k clauses, for the largest
  // k that leaves `wanted` documents or more (all of `eligible` when none does).
  DocSet best(const DocSet& eligible, Xapian::doccount wanted) const;

 private:
  std::vector<std::uint8_t> coverage_;  // by docid
};

}  // namespace kb::search
