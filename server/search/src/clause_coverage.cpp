#include "kb/search/clause_coverage.h"

#include <algorithm>
#include <array>
#include <limits>

namespace kb::search {

ClauseCoverage::ClauseCoverage(BooleanMatcher& matcher, const std::vector<Xapian::Query>& clauses,
                               Xapian::docid last_docid)
    : coverage_(static_cast<std::size_t>(last_docid) + 1, 0) {
  for (const auto& clause : clauses)
    matcher.match(clause).for_each([&](Xapian::docid did) {
      if (did < coverage_.size() && coverage_[did] < std::numeric_limits<std::uint8_t>::max()) ++coverage_[did];
    });
}

std::string ClauseCoverage::operator()(const Xapian::Document& doc) const {
  return std::string(1, static_cast<char>(of(doc.get_docid())));
}

DocSet ClauseCoverage::best(const DocSet& eligible, Xapian::doccount wanted) const {
  std::array<Xapian::doccount, 256> histogram{};
  eligible.for_each([&](Xapian::docid did) { ++histogram[of(did)]; });
  std::size_t k = histogram.size();
  Xapian::doccount seen = 0;
  while (k > 0 && seen < wanted) seen += histogram[--k];
  if (seen < wanted || k == 0) return eligible;
  DocSet out(eligible.last_docid());
  eligible.for_each([&](Xapian::docid did) {
    if (of(did) >= k) out.add(did);
  });
  return out;
}

}  // namespace kb::search
