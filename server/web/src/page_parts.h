#pragma once
// Internal building blocks shared by the page renderers (not installed).
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/web/pages.h"

namespace kb::web::detail {

using Params = std::vector<std::pair<std::string, std::string>>;

// Picks the Dutch or English text for the request's language.
std::string_view tr(const PageRequest& req, std::string_view nl, std::string_view en);
std::string_view page_lang(const PageRequest& req);  // "nl" or "en"

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);
// "?k=v&k2=v2" (raw, not HTML-escaped), or "" when there are no params.
std::string query_string(const Params& params);
// `params` without the given keys.
Params without(const Params& params, std::initializer_list<std::string_view> keys);
// The first value of `key`, or "".
std::string param(const Params& params, std::string_view key);
bool has_param(const Params& params, std::string_view key, std::string_view value);
// An href (HTML-escaped) to `path` with `params`.
std::string href(std::string_view path, const Params& params);
// The link to a case page, keeping the English language choice.
std::string case_href(std::string_view id, const PageRequest& req);
// The link to a municipality page (/gemeenten/{slug}), keeping the English language choice.
std::string municipality_href(std::string_view slug, const PageRequest& req);
// The municipality name (escaped), linked to its page when the slug is known.
std::string municipality_link(std::string_view name, std::string_view slug, const PageRequest& req);
// "Hergebruikt door 3 gemeenten" / "Reused by 3 municipalities" (plain text).
std::string reuse_count_text(long long count, const PageRequest& req);

// Escaped paragraphs: blank lines separate <p>s, single newlines become <br>.
std::string paragraphs_html(std::string_view text);

enum class NavItem { search, municipalities, embed, curate, none };

struct PageShell {
  std::string title;        // plain text; " — Kennisbank Smart Society" is appended
  std::string description;  // plain text for <meta name="description">; may be empty
  NavItem current = NavItem::none;
  bool noindex = false;
  std::string head_end;         // raw HTML placed before </head> (alternate links)
  std::string canonical_path;  // raw path for <link rel="canonical">; empty: none
  std::string body_end;     // raw HTML placed before </body> (module scripts)
};

// The complete document: head, skip link, header with navigation and
// language switch, <main id="main">, footer.
std::string render_document(const PageShell& shell, std::string_view main_html, const PageRequest& req);

// An <ol class="results"> of search hits (title link, badges, snippet, themes,
// year). `heading_tag` is "h2" or "h3" for the hit titles.
std::string render_hit_list(const std::vector<search::Hit>& hits, const PageRequest& req, std::string_view heading_tag);

}  // namespace kb::web::detail
