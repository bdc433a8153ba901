#pragma once
// Search requests and their strict parsing from query parameters:
// overflow-checked integers, defaults, clamps and limits, every problem
// reported at once as InvalidRequest.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kb::search {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Limits {
  std::size_t max_query_chars = 500;
  std::size_t max_query_terms = 64;
  int max_per_page = 100;
  int max_window = 10'000;  // page * per_page
  std::size_t max_filter_values = 50;
};

// reuse: most reused first; updated: most recently updated first (the
// record's `updated` date); relevance second in both.
enum class Sort { relevance, newest, title, reuse, updated };

struct SearchRequest {
  std::string q;
  std::vector<std::string> themes, municipalities, maturities;
  std::optional<int> year_min, year_max;
  std::vector<std::string> provinces;  // province slugs (noord-brabant, fryslan)
  std::vector<std::string> reused_in;  // municipality slugs: cases reused there
  bool reused_only = false;            // reused=true
  Sort sort = Sort::relevance;
  int page = 1;
  int per_page = 10;
  std::string lang = "nl";
  bool include_drafts = false;  // curators only; never from public parameters
};

// Throws InvalidRequest. Unknown parameters are ignored (caches, trackers).
SearchRequest parse_search_request(const Params& params, const Limits& limits = {});

// A strict decimal integer in [min, max]; nullopt on anything else.
std::optional<long long> parse_integer(std::string_view text, long long min, long long max);

// The `lang` parameter, read the same way on every route: nl or en, the last
// one given wins, an empty one is not given (nl). nullopt when any given
// value is something else.
std::optional<std::string> requested_lang(const Params& params);
// requested_lang() for the API: throws InvalidRequest instead of nullopt.
// (Pages render Dutch instead: a link with a bad lang still shows a page.)
std::string parse_lang(const Params& params);
// `per_page` style parameter with default and range; throws InvalidRequest.
int parse_int_param(const Params& params, std::string_view name, int fallback, int min, int max);

}  // namespace kb::search
