// The static files compiled into the binary (see CMakeLists.txt), each with a
// strong ETag: the FNV-1a 64-bit hash of its content, computed on first use.
#include "kb/web/assets.h"

#include "kb/text/hash.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kb::web::embedded {
std::string_view widget_js();
std::string_view site_css();
std::string_view curate_js();
std::string_view favicon_svg();
}  // namespace kb::web::embedded

namespace kb::web {
namespace {

std::string etag_of(std::string_view body) {
  const std::uint64_t hash = text::fnv1a64(body);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (int shift = 60; shift >= 0; shift -= 4) {
    out += kHex[(hash >> static_cast<unsigned>(shift)) & 0xFU];
  }
  out += '"';
  return out;
}

struct StoredAsset {
  std::string_view path;
  std::string_view body;
  std::string_view content_type;
  std::string etag;
};

const std::array<StoredAsset, 4>& stored_assets() {
  static const std::array<StoredAsset, 4> assets = [] {
    std::array<StoredAsset, 4> list = {{
        {"/widget.js", embedded::widget_js(), "text/javascript; charset=utf-8", {}},
        {"/assets/site.css", embedded::site_css(), "text/css; charset=utf-8", {}},
        {"/assets/curate.js", embedded::curate_js(), "text/javascript; charset=utf-8", {}},
        {"/favicon.svg", embedded::favicon_svg(), "image/svg+xml", {}},
    }};
    for (StoredAsset& asset : list) asset.etag = etag_of(asset.body);
    return list;
  }();
  return assets;
}

}  // namespace

std::optional<Asset> find_asset(std::string_view path) {
  for (const StoredAsset& asset : stored_assets()) {
    if (asset.path == path) return Asset{asset.body, asset.content_type, asset.etag};
  }
  return std::nullopt;
}

}  // namespace kb::web
