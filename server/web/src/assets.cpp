// The static files compiled into the binary (see CMakeLists.txt), each with a
// strong ETag: the FNV-1a 64-bit hash of its content, computed on first use.
#include "kb/web/assets.h"

#include <zlib.h>

#include <array>
#include <stdexcept>
#include <cstdint>
#include <string>
#include <string_view>

#include "kb/schema/entity_tag.h"

namespace kb::web::embedded {
std::string_view widget_js();
std::string_view site_css();
std::string_view curate_js();
std::string_view favicon_svg();
}  // namespace kb::web::embedded

namespace kb::web {
namespace {

// gzip at the highest level: done once per asset for the life of the process.
std::string gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

struct StoredAsset {
  std::string_view path;
  std::string_view body;
  std::string_view content_type;
  std::string gzip_body, etag, gzip_etag, version;
};

const std::array<StoredAsset, 4>& stored_assets() {
  static const std::array<StoredAsset, 4> assets = [] {
    std::array<StoredAsset, 4> list = {{
        {"/widget.js", embedded::widget_js(), "text/javascript; charset=utf-8", {}, {}, {}, {}},
        {"/assets/site.css", embedded::site_css(), "text/css; charset=utf-8", {}, {}, {}, {}},
        {"/assets/curate.js", embedded::curate_js(), "text/javascript; charset=utf-8", {}, {}, {}, {}},
        {"/favicon.svg", embedded::favicon_svg(), "image/svg+xml", {}, {}, {}, {}},
    }};
    for (StoredAsset& asset : list) {
      asset.version = schema::hex_digest(asset.body);
      asset.etag = "\"" + asset.version + "\"";
      asset.gzip_body = gzip(asset.body);
      asset.gzip_etag = "\"" + asset.version + "-gzip\"";
    }
    return list;
  }();
  return assets;
}

}  // namespace

std::optional<Asset> find_asset(std::string_view path) {
  for (const StoredAsset& asset : stored_assets()) {
    if (asset.path == path)
      return Asset{asset.body, asset.gzip_body, asset.content_type, asset.etag, asset.gzip_etag, asset.version};
  }
  return std::nullopt;
}

std::string versioned_asset_url(std::string_view path) {
  const auto asset = find_asset(path);
  return asset ? std::string(path) + "?v=" + std::string(asset->version) : std::string(path);
}

}  // namespace kb::web
