#include "kb/schema/taxonomy.h"

#include <algorithm>

namespace kb::schema {
namespace {

template <std::size_t N>
std::string label_in(const std::array<TaxonomyLabel, N>& table, std::string_view id, std::string_view lang) {
  for (const TaxonomyLabel& label : table)
    if (label.id == id) return std::string(is_english(lang) ? label.en : label.nl);
  return std::string(id);
}

template <std::size_t N>
int index_in(const std::array<std::string_view, N>& ids, std::string_view id) noexcept {
  const auto it = std::find(ids.begin(), ids.end(), id);
  return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}

}  // namespace

bool is_english(std::string_view lang) noexcept { return lang == "en"; }

std::string theme_label(std::string_view id, std::string_view lang) { return label_in(kThemeLabels, id, lang); }
std::string maturity_label(std::string_view id, std::string_view lang) { return label_in(kMaturityLabels, id, lang); }
std::string status_label(std::string_view id, std::string_view lang) { return label_in(kStatusLabels, id, lang); }
std::string partner_kind_label(std::string_view id, std::string_view lang) {
  return label_in(kPartnerKindLabels, id, lang);
}
std::string theme_description(std::string_view id, std::string_view lang) {
  return label_in(kThemeDescriptions, id, lang);
}

int theme_index(std::string_view id) noexcept { return index_in(kThemes, id); }
int maturity_index(std::string_view id) noexcept { return index_in(kMaturities, id); }

}  // namespace kb::schema
