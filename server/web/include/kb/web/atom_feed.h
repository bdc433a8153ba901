#pragma once
// GET /feed.atom: an Atom feed (RFC 4287) of a search answer's hits, for
// following new and updated cases (issue 13). A pure function like the pages.
#include <string>
#include <string_view>

#include "kb/web/pages.h"

namespace kb::web {

// The licence of the open data (feed and GET /api/v1/export), as in README.md.
inline constexpr std::string_view kOpenDataLicenceUrl = "https://creativecommons.org/licenses/by/4.0/";
inline constexpr std::string_view kOpenDataLicenceName = "CC BY 4.0";

// `answer` is a search answer, its hits newest first (sort=updated) and
// carrying `updated` (YYYY-MM-DD). `req.params` are the
// filters the feed was asked with (kept in its self and alternate links and
// its id), `req.origin` the absolute origin ("https://host") for ids and
// links, `req.lang` nl or en. The feed's <updated> is its newest entry's;
// `empty_feed_updated` (YYYY-MM-DD) when there is none.
std::string render_atom_feed(const search::SearchAnswer& answer, const PageRequest& req,
                             std::string_view empty_feed_updated);

// "2024-05-01" -> "2024-05-01T00:00:00Z"; "" when `date` is not YYYY-MM-DD.
std::string atom_date(std::string_view date);

}  // namespace kb::web
