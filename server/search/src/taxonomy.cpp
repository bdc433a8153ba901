#include "kb/search/taxonomy.h"

#include "kb/index/indexer_run.h"

namespace kb::search {
namespace {

std::string find_label(const nlohmann::json& list, std::string_view id, std::string_view lang, const char* field) {
  for (const auto& item : list)
    if (item.at("id") == id) return item.value(std::string(field).empty() ? std::string(lang) : std::string(field), std::string(id));
  return std::string(id);
}

}  // namespace

Taxonomy::Taxonomy()
    : data_(nlohmann::json::parse(builtin_themes_json())),
      registry_(index::MunicipalityRegistry::parse(index::builtin_municipalities_csv())) {}

const Taxonomy& Taxonomy::builtin() {
  static const Taxonomy taxonomy;
  return taxonomy;
}

std::string Taxonomy::theme_label(std::string_view id, std::string_view lang) const {
  return find_label(data_.at("themes"), id, lang == "en" ? "en" : "nl", lang == "en" ? "en" : "nl");
}

std::string Taxonomy::maturity_label(std::string_view id, std::string_view lang) const {
  return find_label(data_.at("maturity"), id, lang, lang == "en" ? "en" : "nl");
}

std::string Taxonomy::theme_description(std::string_view id, std::string_view lang) const {
  return find_label(data_.at("themes"), id, lang, lang == "en" ? "description_en" : "description_nl");
}

std::string Taxonomy::municipality_label(std::string_view slug) const {
  const auto* m = registry_.by_slug(slug);
  return m ? m->display_name : std::string(slug);
}

}  // namespace kb::search
