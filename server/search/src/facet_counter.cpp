#include "kb/search/facet_counter.h"

namespace kb::search {

void FacetCounter::operator()(const Xapian::Document& doc, double) {
  const auto key = index::schema::FacetKey::decode(doc.get_value(index::schema::kSlotFacets));
  const bool theme = filters_.theme_mask == 0 || (key.themes & filters_.theme_mask) != 0;
  const bool maturity = filters_.maturity_mask == 0 || ((1u << key.maturity) & filters_.maturity_mask) != 0;
  const bool municipality = filters_.municipalities.empty() || filters_.municipalities.contains(key.municipality);
  const bool year = (!filters_.year_min && !filters_.year_max) ||
                    (key.year != 0 && (!filters_.year_min || key.year >= *filters_.year_min) &&
                     (!filters_.year_max || key.year <= *filters_.year_max));
  if (municipality && maturity && year)
    for (std::size_t i = 0; i < counts_.themes.size(); ++i)
      if (key.themes & (1u << i)) ++counts_.themes[i];
  if (theme && municipality && year && key.maturity < counts_.maturities.size()) ++counts_.maturities[key.maturity];
  if (theme && maturity && year) ++counts_.municipalities[key.municipality];
  if (theme && maturity && municipality && key.year != 0) ++counts_.years[key.year];
  if (theme && maturity && municipality && year) ++counts_.total;
}

}  // namespace kb::search
