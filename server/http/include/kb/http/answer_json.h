#pragma once
// The one place where the search core's answers (kb/search/answers.h) become
// the JSON of the API (api.md, openapi.json). The pages and the feed are
// rendered from the same values by kb::web; a snippet becomes HTML (escaped
// text, <mark> around the matches) through kb::web::snippet_html.
#include <nlohmann/json.hpp>

#include "kb/search/answers.h"

namespace kb::http {

nlohmann::json to_json(const search::Hit& hit);
nlohmann::json to_json(const search::AnswerFacets& facets);
nlohmann::json to_json(const search::SearchAnswer& answer);
// The record as indexed plus visibility, municipality, province, reuse and labels.
nlohmann::json to_json(const search::CaseView& view);
nlohmann::json to_json(const search::SimilarAnswer& answer);
nlohmann::json to_json(const search::Suggestions& answer);
nlohmann::json to_json(const search::FacetsAnswer& answer);
nlohmann::json to_json(const search::MunicipalityList& answer);
nlohmann::json to_json(const search::MunicipalityView& answer);
nlohmann::json to_json(const search::Analysis& answer);

}  // namespace kb::http
