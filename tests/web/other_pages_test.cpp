#include <gtest/gtest.h>

#include <string>

#include "kb/web/assets.h"
#include "kb/web/pages.h"

namespace {

using kb::web::PageRequest;

TEST(EmbedPage, ShowsSnippetWithOriginAndLivePreview) {
  PageRequest req;
  req.origin = "https://kennisbank.example.nl";
  req.base_path = "/embed";
  const std::string html = kb::web::render_embed_page(req);
  EXPECT_NE(html.find("&lt;script type=&quot;module&quot; src=&quot;https://kennisbank.example.nl/widget.js&quot;"
                      "&gt;&lt;/script&gt;\n&lt;kb-search api=&quot;https://kennisbank.example.nl&quot;&gt;"
                      "&lt;/kb-search&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("<kb-search lang=\"nl\""), std::string::npos);
  // The page's own preview loads the versioned URL; the snippet for embedders the plain one.
  EXPECT_NE(html.find("<script type=\"module\" src=\"" + kb::web::versioned_asset_url("/widget.js") + "\"></script>"),
            std::string::npos);
  EXPECT_NE(html.find("<code>--kb-color-primary</code>"), std::string::npos);
  EXPECT_NE(html.find("<code>filters-editable</code>"), std::string::npos);
  EXPECT_NE(html.find("href=\"/embed\" aria-current=\"page\""), std::string::npos);
}

TEST(EmbedPage, EscapesTheOrigin) {
  PageRequest req;
  req.origin = "https://x.nl\"><script>alert(1)</script>";
  const std::string html = kb::web::render_embed_page(req);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
}

TEST(ErrorPage, ShowsStatusTitleAndDetailEscaped) {
  PageRequest req;
  const std::string html = kb::web::render_error_page(404, "Niet gevonden", "Geen case <b>x</b>", req);
  EXPECT_NE(html.find("<title>404 Niet gevonden — Kennisbank Smart Society</title>"), std::string::npos);
  EXPECT_NE(html.find("<h1>Niet gevonden</h1>"), std::string::npos);
  EXPECT_NE(html.find("Geen case &lt;b&gt;x&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("noindex"), std::string::npos);
}

TEST(CuratePage, LoadsTheCurationScript) {
  PageRequest req;
  req.lang = "en";
  const std::string html = kb::web::render_curate_page(req);
  EXPECT_NE(html.find("<script type=\"module\" src=\"" + kb::web::versioned_asset_url("/assets/curate.js") + "\"></script>"),
            std::string::npos);
  EXPECT_NE(kb::web::versioned_asset_url("/assets/curate.js").find("?v="), std::string::npos);
  EXPECT_NE(html.find("id=\"curate-app\""), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("href=\"/curate?lang=en\" aria-current=\"page\""), std::string::npos);
}

}  // namespace
