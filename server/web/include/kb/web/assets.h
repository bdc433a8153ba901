#pragma once
// The static files of the site, compiled into the binary: /widget.js,
// /assets/site.css, /assets/curate.js and /favicon.svg. Each comes plain and
// gzipped (compressed once, on first use), with a version: the pages link
// `path?v=version`, which may be cached for a year, because a new build
// gives a new version and so a new URL (issue 17 point 10).
#include <optional>
#include <string>
#include <string_view>

namespace kb::web {

struct Asset {
  std::string_view body;
  std::string_view gzip_body;     // the same bytes, gzip-encoded (RFC 1952)
  std::string_view content_type;  // with charset for text, e.g. "text/css; charset=utf-8"
  std::string_view etag;          // a strong validator of `body`, quoted: "\"9f86d081884c7d65\""
  std::string_view gzip_etag;     // of `gzip_body`: a different representation, a different tag
  std::string_view version;       // 16 hex digits of the content's hash
};

// The asset served at `path` (exact match, no query string), or nullopt.
// The views stay valid for the life of the program.
std::optional<Asset> find_asset(std::string_view path);

// `path?v=version` for an asset the pages link; `path` itself when unknown.
std::string versioned_asset_url(std::string_view path);

}  // namespace kb::web
