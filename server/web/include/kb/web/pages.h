#pragma once
// kb::web: the server-rendered HTML pages of the knowledge base. Pure functions
// from the search core's answers (kb/search/answers.h) to complete HTML5
// documents; no HTTP code. Every plain-text field is escaped here; a
// snippet's marks become <mark>.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/search/answers.h"

namespace kb::web {

// What the page was asked with. The HTTP layer fills it from the request.
struct PageRequest {
  std::string lang = "nl";  // "nl" or "en"; anything else renders Dutch
  // The original query parameters in their order; a key may repeat (theme=a&theme=b).
  std::vector<std::pair<std::string, std::string>> params;
  std::string base_path = "/";  // the path of the current page (form action, language switch)
  std::string origin;           // e.g. "https://kennisbank.example.nl": used in the embed snippet
};

// A search parameter the page could not use (the search core's field and
// its English reason). The page searches without it and says so in its own
// language, next to the field, keeping what the user typed.
struct InputProblem {
  std::string field;
  std::string detail;
};

// The parameter names a problem with `field` sets aside when the page
// searches without it: both ends of the start year range for either end.
std::vector<std::string> fields_set_aside(std::string_view field);

// GET / : search form (works without JavaScript), facets, results, pagination.
// A facet the answer leaves empty shows the taxonomy's values without counts.
std::string render_search_page(const search::SearchAnswer& answer, const PageRequest& req,
                               const std::vector<InputProblem>& problems = {});

// GET /cases/{id} : one case, its family (similar.family: the cases linked by
// derived_from) and the similar cases of other municipalities.
std::string render_case_page(const search::CaseView& view, const search::SimilarAnswer& similar,
                             const PageRequest& req);

// GET /gemeenten : every municipality with cases or reuse, grouped by province,
// with its counts.
std::string render_municipalities_page(const search::MunicipalityList& answer, const PageRequest& req);

// GET /gemeenten/{slug} : one municipality, its own cases and the cases of others
// it reused. The page names its canonical path (/gemeenten/{answer.slug}) for aliases.
std::string render_municipality_page(const search::MunicipalityView& answer, const PageRequest& req);

// GET /embed : how to embed the <kb-search> widget, with a live preview.
std::string render_embed_page(const PageRequest& req);

// An error page (e.g. 404 for an unknown case). `status` is shown, not sent.
std::string render_error_page(int status, std::string_view title, std::string_view detail,
                              const PageRequest& req);

// GET /curate : the shell that loads /assets/curate.js.
std::string render_curate_page(const PageRequest& req);

// Escapes & < > " ' so that text is safe in element content and quoted attributes.
std::string html_escape(std::string_view text);

// A snippet of the search core as HTML: its text escaped, <mark> around each
// span (spans out of order, overlapping or out of bounds are left out). The
// API's "snippet" field is this HTML too.
std::string snippet_html(const search::Snippet& snippet);

}  // namespace kb::web
