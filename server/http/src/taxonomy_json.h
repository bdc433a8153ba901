#pragma once
// The body of GET /api/v1/taxonomy: the generated kb::schema tables as JSON,
// so that the widget and the curation app show the labels the server shows.
#include <nlohmann/json.hpp>

namespace kb::http {

// {"themes": [{"value", "nl", "en", "description_nl", "description_en"}],
//  "maturities" | "statuses" | "partner_kinds": [{"value", "nl", "en"}]},
// every list in the order of corpus/themes.json.
nlohmann::json taxonomy_json();

}  // namespace kb::http
