#pragma once
// The static files of the site, compiled into the binary: /widget.js,
// /assets/site.css, /assets/curate.js and /favicon.svg.
#include <optional>
#include <string_view>

namespace kb::web {

struct Asset {
  std::string_view body;
  std::string_view content_type;  // with charset for text, e.g. "text/css; charset=utf-8"
  std::string_view etag;          // a strong validator, quoted: "\"9f86d081884c7d65\""
};

// The asset served at `path` (exact match, no query string), or nullopt.
// The views stay valid for the life of the program.
std::optional<Asset> find_asset(std::string_view path);

}  // namespace kb::web
