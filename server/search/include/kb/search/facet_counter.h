#pragma once
// Exact, disjunctive facet counts in one pass over the matches of the text
// query: a document counts for facet F when it passes every active filter
// except F's own, so a user sees what widening a selection would give.
// Looks each match up in a FacetTable (nothing is read from the index per
// match), and is correct for multi-valued themes and reused_in, which
// ValueCountMatchSpy is not.
#include <xapian.h>

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kb/schema/taxonomy.h"
#include "kb/search/doc_set.h"
#include "kb/search/facet_table.h"

namespace kb::search {

struct FacetFilters {
  std::uint8_t theme_mask = 0;      // 0 = no theme filter
  std::uint8_t maturity_mask = 0;   // 0 = no maturity filter
  std::set<std::string> municipalities;
  std::optional<int> year_min, year_max;
  std::set<std::string> provinces;  // province slugs
  std::set<std::string> reused_in;  // municipality slugs
  bool reused_only = false;         // reused=true: reused by at least one other municipality
};

// A municipality and its count; the views point into the FacetTable, so
// they hold while it is not reloaded (for the request that counted them).
struct SlugCount {
  std::string_view slug, label;
  Xapian::doccount count = 0;
};

struct FacetCounts {
  std::array<Xapian::doccount, schema::kThemes.size()> themes{};
  std::array<Xapian::doccount, schema::kMaturities.size()> maturities{};
  std::vector<SlugCount> municipalities;  // counts > 0, highest first, then by slug
  std::map<int, Xapian::doccount> years;
  std::map<std::string, Xapian::doccount> provinces;  // slug -> count, only counts > 0
  std::vector<SlugCount> reused_in;       // as municipalities
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
  // One bit per filter a document passes; `reused` has no facet of its own.
  enum Dimension : unsigned {
    kThemeBit = 1u << 0,
    kMaturityBit = 1u << 1,
    kMunicipalityBit = 1u << 2,
    kYearBit = 1u << 3,
    kProvinceBit = 1u << 4,
    kReusedInBit = 1u << 5,
    kReusedBit = 1u << 6,
    kAll = (1u << 7) - 1,
  };
  unsigned judge(Xapian::docid did, const FacetTable::Row& row) const noexcept;
  // Counts `row` in every facet `passed` (judge()'s bits) allows.
  void count(Xapian::docid did, const FacetTable::Row& row, unsigned passed);
  static std::vector<bool> id_filter(const std::set<std::string>& slugs, std::size_t size, auto&& id_of);

  static constexpr int kFirstYear = 1900, kYears = 256;  // start years the schema allows, with room

  const FacetTable& table_;
  std::uint8_t theme_mask_, maturity_mask_;
  std::vector<bool> municipality_filter_;  // by municipality id; empty = no filter
  std::vector<bool> province_filter_;      // by province id; empty = no filter
  std::vector<bool> reused_in_filter_;     // by municipality id; empty = no filter
  bool reused_only_;
  bool filtered_;  // any filter active; without one every match counts everywhere
  int year_min_, year_max_;
  bool year_filter_;
  std::array<Xapian::doccount, schema::kThemes.size()> themes_{};
  std::array<Xapian::doccount, schema::kMaturities.size()> maturities_{};
  std::vector<Xapian::doccount> municipalities_;  // by municipality id
  std::vector<Xapian::doccount> provinces_;       // by province id
  std::vector<Xapian::doccount> reused_in_;       // by municipality id
  std::array<Xapian::doccount, kYears> years_{};
  std::map<int, Xapian::doccount> other_years_;  // outside [kFirstYear, kFirstYear + kYears)
  Xapian::doccount total_ = 0;
};

}  // namespace kb::search
