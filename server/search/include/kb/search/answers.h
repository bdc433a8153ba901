#pragma once
// What the search core answers: plain values, no JSON and no HTML. The HTTP
// layer writes them as the JSON of api.md (kb/http/answer_json.h) and the
// pages render them (kb::web), so a field renamed here fails to compile
// there instead of going missing at run time.
#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kb/schema/stored_case.h"
#include "kb/stemming/analyzer.h"

namespace kb::search {

// A taxonomy value with its label in the answer's language.
struct LabelledValue {
  std::string value;
  std::string label;
  bool operator==(const LabelledValue&) const = default;
};

// A part of a hit's text with the words that matched marked: byte ranges of
// `text`, in order and not overlapping. `text` may start with "… " and end
// with " …" where the window cuts the field. Plain text: whoever renders it
// escapes it (kb::web::snippet_html).
struct Snippet {
  struct Span {
    std::size_t begin = 0, end = 0;
    bool operator==(const Span&) const = default;
  };
  std::string text;
  std::vector<Span> marks;
  std::string lang;  // "nl" or "en": the language of `text`
  bool operator==(const Snippet&) const = default;
};

// One case in a list of results.
struct Hit {
  std::string id;
  std::string title;
  std::optional<std::string> title_en;
  std::optional<std::string> language;  // the record's `language`, when it names one
  std::string municipality;             // display name
  std::string municipality_slug;
  std::string province;
  std::string province_slug;
  std::vector<std::string> themes;
  std::vector<LabelledValue> theme_labels;
  std::string maturity;
  std::string maturity_label;
  std::optional<int> start_year;
  std::string summary;
  std::optional<std::string> summary_en;
  std::optional<std::string> updated;  // YYYY-MM-DD
  std::size_t reuse_count = 0;         // municipalities that reused it
  double score = 0;                    // relevance relative to the page's best, 0..1
  Snippet snippet;
  bool operator==(const Hit&) const = default;
};

// One value of a facet and the number of results a user gets by choosing it.
struct FacetValue {
  std::string value;
  std::optional<std::string> label;        // none for years
  Xapian::doccount count = 0;
  std::optional<std::string> description;  // themes in the facets answer
  bool operator==(const FacetValue&) const = default;
};

// The facets of an answer, each in the order they are shown.
struct AnswerFacets {
  std::vector<FacetValue> theme;         // taxonomy order, every theme
  std::vector<FacetValue> municipality;  // highest count first; a selected one also at 0
  std::vector<FacetValue> maturity;      // taxonomy order
  std::vector<FacetValue> start_year;    // newest first
  std::vector<FacetValue> province;      // every province, by name
  std::vector<FacetValue> reused_in;     // as municipality
  bool operator==(const AnswerFacets&) const = default;
};

struct SearchAnswer {
  std::string query;
  Xapian::doccount total = 0;
  int page = 1;
  int per_page = 10;
  std::vector<Hit> hits;
  AnswerFacets facets;
  std::optional<std::string> did_you_mean;
  bool relaxed = false;  // no case held every word: ranked by how many it holds
  double took_ms = 0;
};

// A whole case: the record as indexed and what the answer adds to it.
struct CaseView {
  schema::StoredCase stored;
  std::string visibility;  // "published" or "draft"
  std::vector<LabelledValue> theme_labels;
  std::string maturity_label;
  std::string revision;  // its entity tag (schema::revision_of)
};

struct SimilarAnswer {
  std::string id;
  std::vector<Hit> hits;    // other municipalities first
  std::vector<Hit> family;  // linked by derived_from, the original first; not in `hits`
};

struct Suggestion {
  std::string text;
  Xapian::doccount count = 0;
  bool operator==(const Suggestion&) const = default;
};

struct Suggestions {
  std::vector<Suggestion> suggestions;
};

struct FacetsAnswer {
  Xapian::doccount total = 0;
  AnswerFacets facets;
};

struct MunicipalitySummary {
  std::string slug, name, province, province_slug;
  Xapian::doccount cases = 0;   // its own published cases
  Xapian::doccount reused = 0;  // other municipalities' cases it reused
  bool operator==(const MunicipalitySummary&) const = default;
};

struct MunicipalityList {
  std::vector<MunicipalitySummary> municipalities;  // by name
};

struct MunicipalityView {
  std::string slug, name, province, province_slug;
  std::vector<Hit> cases;
  Xapian::doccount cases_total = 0;
  std::vector<Hit> reused;
  Xapian::doccount reused_total = 0;
  bool operator==(const MunicipalityView&) const = default;
};

struct Analysis {
  std::vector<stemming::OwnedToken> tokens;
};

}  // namespace kb::search
