#include "kb/search/facet_counter.h"

namespace kb::search {

FacetCounter::FacetCounter(const FacetTable& table, const FacetFilters& filters)
    : table_(table),
      theme_mask_(filters.theme_mask),
      maturity_mask_(filters.maturity_mask),
      year_min_(filters.year_min.value_or(0)),
      year_max_(filters.year_max.value_or(0xFFFF)),
      year_filter_(filters.year_min.has_value() || filters.year_max.has_value()),
      municipalities_(table.municipalities().size(), 0) {
  if (!filters.municipalities.empty()) {
    municipality_filter_.assign(table.municipalities().size(), false);
    for (const auto& slug : filters.municipalities)
      if (const auto id = table.municipality_id(slug); id != FacetTable::kNoMunicipality) municipality_filter_[id] = true;
  }
}

void FacetCounter::add(const DocSet& matches) {
  matches.for_each([this](Xapian::docid did) { add(did); });
}

FacetCounter::Verdict FacetCounter::judge(const FacetTable::Row& row) const noexcept {
  return {theme_mask_ == 0 || (row.themes & theme_mask_) != 0,
          maturity_mask_ == 0 || ((1u << row.maturity) & maturity_mask_) != 0,
          municipality_filter_.empty() ||
              (row.municipality < municipality_filter_.size() && municipality_filter_[row.municipality]),
          !year_filter_ || (row.year != 0 && row.year >= year_min_ && row.year <= year_max_)};
}

bool FacetCounter::passes(Xapian::docid did) const noexcept {
  const auto v = judge(table_.row(did));
  return v.theme && v.maturity && v.municipality && v.year;
}

void FacetCounter::add(Xapian::docid did) {
  const FacetTable::Row& row = table_.row(did);
  const auto [theme, maturity, municipality, year] = judge(row);
  if (municipality && maturity && year)
    for (std::size_t i = 0; i < themes_.size(); ++i)
      if (row.themes & (1u << i)) ++themes_[i];
  if (theme && municipality && year && row.maturity < maturities_.size()) ++maturities_[row.maturity];
  if (theme && maturity && year && row.municipality < municipalities_.size()) ++municipalities_[row.municipality];
  if (theme && maturity && municipality && row.year != 0) {
    const int slot = row.year - kFirstYear;
    if (slot >= 0 && slot < kYears) ++years_[static_cast<std::size_t>(slot)];
    else ++other_years_[row.year];
  }
  if (theme && maturity && municipality && year) ++total_;
}

FacetCounts FacetCounter::counts() const {
  FacetCounts out;
  out.themes = themes_;
  out.maturities = maturities_;
  const auto& names = table_.municipalities();
  for (std::size_t i = 0; i < municipalities_.size(); ++i)
    if (municipalities_[i] > 0) out.municipalities[names[i]] = municipalities_[i];
  for (int i = 0; i < kYears; ++i)
    if (years_[static_cast<std::size_t>(i)] > 0) out.years[kFirstYear + i] = years_[static_cast<std::size_t>(i)];
  for (const auto& [y, n] : other_years_) out.years[y] += n;
  out.total = total_;
  return out;
}

}  // namespace kb::search
