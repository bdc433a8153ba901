#pragma once
// Exact, disjunctive facet counts in one pass over the matches of the text
// query: a document counts for facet F when it passes every active filter
// except F's own, so a user sees what widening a selection would give.
// Reads one packed value per document (schema::FacetKey), and is correct for
// multi-valued themes, which ValueCountMatchSpy is not.
#include <xapian.h>

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "kb/index/schema.h"

namespace kb::search {

struct FacetFilters {
  std::uint8_t theme_mask = 0;      // 0 = no theme filter
  std::uint8_t maturity_mask = 0;   // 0 = no maturity filter
  std::set<std::string> municipalities;
  std::optional<int> year_min, year_max;
};

struct FacetCounts {
  std::array<Xapian::doccount, index::schema::kThemes.size()> themes{};
  std::array<Xapian::doccount, index::schema::kMaturities.size()> maturities{};
  std::map<std::string, Xapian::doccount> municipalities;
  std::map<int, Xapian::doccount> years;
  Xapian::doccount total = 0;  // documents that pass every filter
};

class FacetCounter : public Xapian::MatchSpy {
 public:
  explicit FacetCounter(FacetFilters filters) : filters_(std::move(filters)) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const FacetCounts& counts() const noexcept { return counts_; }

 private:
  FacetFilters filters_;
  FacetCounts counts_;
};

}  // namespace kb::search
