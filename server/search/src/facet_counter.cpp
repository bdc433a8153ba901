#include "kb/search/facet_counter.h"

#include <algorithm>

namespace kb::search {

std::vector<bool> FacetCounter::id_filter(const std::set<std::string>& slugs, std::size_t size, auto&& id_of) {
  if (slugs.empty()) return {};
  // A selected value the index does not hold still filters: nothing passes it.
  std::vector<bool> filter(size, false);
  for (const auto& slug : slugs)
    if (const std::size_t id = id_of(slug); id < size) filter[id] = true;
  if (filter.empty()) filter.push_back(false);  // non-empty = active
  return filter;
}

FacetCounter::FacetCounter(const FacetTable& table, const FacetFilters& filters)
    : table_(table),
      theme_mask_(filters.theme_mask),
      maturity_mask_(filters.maturity_mask),
      reused_only_(filters.reused_only),
      year_min_(filters.year_min.value_or(0)),
      year_max_(filters.year_max.value_or(0xFFFF)),
      year_filter_(filters.year_min.has_value() || filters.year_max.has_value()),
      municipalities_(table.municipalities().size(), 0),
      provinces_(table.provinces().size(), 0),
      reused_in_(table.municipalities().size(), 0) {
  const auto municipality_id = [&](const std::string& s) -> std::size_t { return table.municipality_id(s); };
  municipality_filter_ = id_filter(filters.municipalities, table.municipalities().size(), municipality_id);
  reused_in_filter_ = id_filter(filters.reused_in, table.municipalities().size(), municipality_id);
  province_filter_ = id_filter(filters.provinces, table.provinces().size(),
                               [&](const std::string& s) -> std::size_t { return table.province_id(s); });
  filtered_ = theme_mask_ != 0 || maturity_mask_ != 0 || !municipality_filter_.empty() || year_filter_ ||
              !province_filter_.empty() || !reused_in_filter_.empty() || reused_only_;
}


unsigned FacetCounter::judge(Xapian::docid did, const FacetTable::Row& row) const noexcept {
  const auto in = [](const std::vector<bool>& filter, std::size_t id) {
    return filter.empty() || (id < filter.size() && filter[id]);
  };
  unsigned passed = 0;
  if (theme_mask_ == 0 || (row.themes & theme_mask_) != 0) passed |= kThemeBit;
  if (maturity_mask_ == 0 || ((1u << row.maturity) & maturity_mask_) != 0) passed |= kMaturityBit;
  if (in(municipality_filter_, row.municipality)) passed |= kMunicipalityBit;
  if (!year_filter_ || (row.year != 0 && row.year >= year_min_ && row.year <= year_max_)) passed |= kYearBit;
  if (in(province_filter_, row.province)) passed |= kProvinceBit;
  if (reused_in_filter_.empty()) {
    passed |= kReusedInBit;
  } else {
    const std::uint16_t* ids = table_.reused_ids(did);
    for (std::uint8_t i = 0; i < row.reused_count; ++i)
      if (in(reused_in_filter_, ids[i])) {
        passed |= kReusedInBit;
        break;
      }
  }
  if (!reused_only_ || row.reused_count > 0) passed |= kReusedBit;
  return passed;
}

bool FacetCounter::passes(Xapian::docid did) const noexcept { return judge(did, table_.row(did)) == kAll; }

void FacetCounter::count(Xapian::docid did, const FacetTable::Row& row, unsigned passed) {
  // Counts for a facet when every other filter passes.
  const auto counts_for = [passed](unsigned own) { return (passed | own) == kAll; };
  if (counts_for(kThemeBit))
    for (std::size_t i = 0; i < themes_.size(); ++i)
      if (row.themes & (1u << i)) ++themes_[i];
  if (counts_for(kMaturityBit) && row.maturity < maturities_.size()) ++maturities_[row.maturity];
  if (counts_for(kMunicipalityBit) && row.municipality < municipalities_.size()) ++municipalities_[row.municipality];
  if (counts_for(kProvinceBit) && row.province < provinces_.size()) ++provinces_[row.province];
  if (counts_for(kReusedInBit) && row.reused_count > 0) {
    const std::uint16_t* ids = table_.reused_ids(did);
    for (std::uint8_t i = 0; i < row.reused_count; ++i)
      if (ids[i] < reused_in_.size()) ++reused_in_[ids[i]];
  }
  if (counts_for(kYearBit) && row.year != 0) {
    const int slot = row.year - kFirstYear;
    if (slot >= 0 && slot < kYears) ++years_[static_cast<std::size_t>(slot)];
    else ++other_years_[row.year];
  }
  if (passed == kAll) ++total_;
}

void FacetCounter::add(const DocSet& matches) {
  // Most searches have no filter: then count() inlines with every condition
  // true and nothing is judged.
  if (!filtered_) {
    matches.for_each([this](Xapian::docid did) { count(did, table_.row(did), kAll); });
    return;
  }
  matches.for_each([this](Xapian::docid did) {
    const FacetTable::Row& row = table_.row(did);
    count(did, row, judge(did, row));
  });
}

FacetCounts FacetCounter::counts() const {
  FacetCounts out;
  out.themes = themes_;
  out.maturities = maturities_;
  const auto& names = table_.municipalities();
  const auto& labels = table_.municipality_labels();
  for (std::size_t i = 0; i < municipalities_.size(); ++i) {
    if (municipalities_[i] > 0) out.municipalities.push_back({names[i], labels[i], municipalities_[i]});
    if (reused_in_[i] > 0) out.reused_in.push_back({names[i], labels[i], reused_in_[i]});
  }
  const auto most_first = [](const SlugCount& a, const SlugCount& b) {
    return a.count != b.count ? a.count > b.count : a.slug < b.slug;
  };
  std::sort(out.municipalities.begin(), out.municipalities.end(), most_first);
  std::sort(out.reused_in.begin(), out.reused_in.end(), most_first);
  const auto& provinces = table_.provinces();
  for (std::size_t i = 0; i < provinces_.size(); ++i)
    if (provinces_[i] > 0) out.provinces[provinces[i]] = provinces_[i];
  for (int i = 0; i < kYears; ++i)
    if (years_[static_cast<std::size_t>(i)] > 0) out.years[kFirstYear + i] = years_[static_cast<std::size_t>(i)];
  for (const auto& [y, n] : other_years_) out.years[y] += n;
  out.total = total_;
  return out;
}

}  // namespace kb::search
