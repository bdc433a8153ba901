#include "taxonomy_json.h"

#include "kb/schema/taxonomy.h"

namespace kb::http {
namespace {

template <std::size_t N>
nlohmann::json labels_json(const std::array<schema::TaxonomyLabel, N>& table) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& label : table) out.push_back({{"value", label.id}, {"nl", label.nl}, {"en", label.en}});
  return out;
}

}  // namespace

nlohmann::json taxonomy_json() {
  nlohmann::json themes = labels_json(schema::kThemeLabels);
  for (std::size_t i = 0; i < themes.size(); ++i) {
    themes[i]["description_nl"] = schema::kThemeDescriptions[i].nl;
    themes[i]["description_en"] = schema::kThemeDescriptions[i].en;
  }
  return {{"themes", std::move(themes)},
          {"maturities", labels_json(schema::kMaturityLabels)},
          {"statuses", labels_json(schema::kStatusLabels)},
          {"partner_kinds", labels_json(schema::kPartnerKindLabels)}};
}

}  // namespace kb::http
