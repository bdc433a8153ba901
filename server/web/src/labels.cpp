#include "kb/web/labels.h"

#include <string_view>

namespace kb::web {
namespace {

struct Label {
  std::string_view id;
  std::string_view nl;
  std::string_view en;
};

constexpr Label kThemes[] = {
    {"urbanisation", "Verstedelijking", "Urbanisation"},
    {"climate-adaptation", "Klimaatadaptatie", "Climate adaptation"},
    {"healthcare", "Gezondheidszorg", "Healthcare"},
    {"mobility", "Mobiliteit", "Mobility"},
    {"employment", "Werkgelegenheid", "Employment"},
    {"safety", "Veiligheid", "Safety"},
};

constexpr Label kMaturities[] = {
    {"idea", "Idee", "Idea"},
    {"pilot", "Pilot", "Pilot"},
    {"proven", "Bewezen", "Proven"},
    {"scaled", "Opgeschaald", "Scaled"},
};

constexpr Label kStatuses[] = {
    {"active", "Lopend", "Active"},
    {"completed", "Afgerond", "Completed"},
    {"stopped", "Gestopt", "Stopped"},
};

constexpr Label kPartnerKinds[] = {
    {"government", "Overheid", "Government"},
    {"business", "Bedrijfsleven", "Business"},
    {"knowledge", "Kennisinstelling", "Knowledge institution"},
    {"civil-society", "Maatschappelijke organisatie", "Civil society"},
};

template <std::size_t N>
std::string lookup(const Label (&table)[N], std::string_view id, std::string_view lang) {
  for (const Label& label : table) {
    if (label.id == id) return std::string(is_english(lang) ? label.en : label.nl);
  }
  return std::string(id);
}

}  // namespace

bool is_english(std::string_view lang) { return lang == "en"; }

std::string theme_label(std::string_view id, std::string_view lang) { return lookup(kThemes, id, lang); }
std::string maturity_label(std::string_view id, std::string_view lang) {
  return lookup(kMaturities, id, lang);
}
std::string status_label(std::string_view id, std::string_view lang) { return lookup(kStatuses, id, lang); }
std::string partner_kind_label(std::string_view id, std::string_view lang) {
  return lookup(kPartnerKinds, id, lang);
}

}  // namespace kb::web
