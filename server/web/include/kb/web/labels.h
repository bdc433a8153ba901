#pragma once
// Human labels for the taxonomy ids of the case schema, Dutch or English.
// An unknown id is returned as it is.
#include <array>
#include <string>
#include <string_view>

namespace kb::web {

inline constexpr std::array<std::string_view, 6> kThemeIds = {
    "urbanisation", "climate-adaptation", "healthcare", "mobility", "employment", "safety"};
inline constexpr std::array<std::string_view, 4> kMaturityIds = {"idea", "pilot", "proven", "scaled"};

// True when lang is "en" (the only non-default language).
bool is_english(std::string_view lang);

std::string theme_label(std::string_view id, std::string_view lang);
std::string maturity_label(std::string_view id, std::string_view lang);
std::string status_label(std::string_view id, std::string_view lang);        // active, completed, stopped
std::string partner_kind_label(std::string_view id, std::string_view lang);  // government, business, ...

}  // namespace kb::web
