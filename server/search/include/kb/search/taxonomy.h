#pragma once
// Labels of themes and maturity levels, in Dutch and English, from the
// compiled-in corpus/themes.json, and municipality names from the CBS list.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kb/index/municipality_registry.h"

namespace kb::search {

class Taxonomy {
 public:
  static const Taxonomy& builtin();  // parsed once; immutable, thread-safe
  std::string theme_label(std::string_view id, std::string_view lang) const;
  std::string maturity_label(std::string_view id, std::string_view lang) const;
  std::string theme_description(std::string_view id, std::string_view lang) const;
  const index::MunicipalityRegistry& municipalities() const noexcept { return registry_; }
  std::string municipality_label(std::string_view slug) const;

 private:
  Taxonomy();
  nlohmann::json data_;
  index::MunicipalityRegistry registry_;
};

std::string_view builtin_themes_json();

}  // namespace kb::search
