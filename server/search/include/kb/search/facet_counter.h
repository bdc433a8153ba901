#pragma once
// Exact, disjunctive facet counts in one pass over the matches of the text
// query: a document counts for facet F when it passes every active filter
// except F's own, so a user sees what widening a selection would give.
// Looks each match up in a FacetTable (nothing is read from the index per
// match), and is correct for multi-valued themes, which ValueCountMatchSpy
// is not.
#include <xapian.h>

#include <array>
#include <map>
#include <optional>
#include <set>
#include <vector>
#include <string>

#include "kb/schema/taxonomy.h"
#include "kb/search/doc_set.h"
#include "kb/search/facet_table.h"

namespace kb::search {

struct FacetFilters {
  std::uint8_t theme_mask = 0;      // 0 = no theme filter
  std::uint8_t maturity_mask = 0;   // 0 = no maturity filter
  std::set<std::string> municipalities;
  std::optional<int> year_min, year_max;
};

struct FacetCounts {
  std::array<Xapian::doccount, schema::kThemes.size()> themes{};
  std::array<Xapian::doccount, schema::kMaturities.size()> maturities{};
  std::map<std::string, Xapian::doccount> municipalities;
  std::map<int, Xapian::doccount> years;
  Xapian::doccount total = 0;  // documents that pass every filter
};

class FacetCounter {
 public:
  // `table` must describe the database the match runs on, and outlive this.
  FacetCounter(const FacetTable& table, const FacetFilters& filters);
  // Counts every member of `matches` (the text query's matches, unfiltered).
  void add(const DocSet& matches);
  FacetCounts counts() const;
  // Whether a document passes every filter.
  bool passes(Xapian::docid did) const noexcept;

 private:
  struct Verdict {
    bool theme, maturity, municipality, year;
  };
  Verdict judge(const FacetTable::Row& row) const noexcept;
  void add(Xapian::docid did);

  static constexpr int kFirstYear = 1900, kYears = 256;  // start years the schema allows, with room

  const FacetTable& table_;
  std::uint8_t theme_mask_, maturity_mask_;
  std::vector<bool> municipality_filter_;  // by municipality id; empty = no filter
  int year_min_, year_max_;
  bool year_filter_;
  std::array<Xapian::doccount, schema::kThemes.size()> themes_{};
  std::array<Xapian::doccount, schema::kMaturities.size()> maturities_{};
  std::vector<Xapian::doccount> municipalities_;  // by municipality id
  std::array<Xapian::doccount, kYears> years_{};
  std::map<int, Xapian::doccount> other_years_;  // outside [kFirstYear, kFirstYear + kYears)
  Xapian::doccount total_ = 0;
};

}  // namespace kb::search
