#include <gtest/gtest.h>

#include <string>

#include "kb/web/assets.h"

namespace {

using kb::web::find_asset;

TEST(Assets, KnownPathsHaveTheRightContentType) {
  const struct {
    const char* path;
    const char* type;
  } expected[] = {{"/widget.js", "text/javascript; charset=utf-8"},
                  {"/assets/site.css", "text/css; charset=utf-8"},
                  {"/assets/curate.js", "text/javascript; charset=utf-8"},
                  {"/favicon.svg", "image/svg+xml"}};
  for (const auto& [path, type] : expected) {
    const auto asset = find_asset(path);
    ASSERT_TRUE(asset.has_value()) << path;
    EXPECT_EQ(asset->content_type, type) << path;
    EXPECT_GT(asset->body.size(), 100U) << path;
    EXPECT_EQ(asset->etag.size(), 18U) << path;  // "16 hex digits"
    EXPECT_EQ(asset->etag.front(), '"');
    EXPECT_EQ(asset->etag, find_asset(path)->etag);  // stable
  }
  EXPECT_NE(find_asset("/widget.js")->etag, find_asset("/assets/curate.js")->etag);
}

TEST(Assets, UnknownPathsAreNotFound) {
  EXPECT_FALSE(find_asset("/").has_value());
  EXPECT_FALSE(find_asset("/assets/").has_value());
  EXPECT_FALSE(find_asset("/widget.js?v=1").has_value());
  EXPECT_FALSE(find_asset("/assets/../widget.js").has_value());
  EXPECT_FALSE(find_asset("/WIDGET.JS").has_value());
}

TEST(Assets, WidgetIsSmallAndSelfContained) {
  const auto widget = find_asset("/widget.js");
  ASSERT_TRUE(widget.has_value());
  EXPECT_LT(widget->body.size(), 30U * 1024U);
  EXPECT_NE(widget->body.find("customElements.define('kb-search'"), std::string::npos);
  EXPECT_EQ(widget->body.find("localStorage"), std::string::npos);
  EXPECT_EQ(widget->body.find("document.cookie"), std::string::npos);
  EXPECT_EQ(widget->body.find("innerHTML"), std::string::npos);
}

std::size_t occurrences(std::string_view text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

// Issue 12 point 8: h() and ApiError are written once (assets/dom.js) and
// served in front of both scripts.
TEST(Assets, BothScriptsCarryTheSharedHelpersOnce) {
  for (const char* path : {"/widget.js", "/assets/curate.js"}) {
    const auto script = find_asset(path);
    ASSERT_TRUE(script.has_value()) << path;
    EXPECT_EQ(occurrences(script->body, "function h("), 1U) << path;
    EXPECT_EQ(occurrences(script->body, "class ApiError"), 1U) << path;
    EXPECT_LT(script->body.find("class ApiError"), script->body.find("new ApiError(")) << path;
  }
}

TEST(Assets, CurationAppNeverUsesInnerHtmlNorLocalStorage) {
  const auto curate = find_asset("/assets/curate.js");
  ASSERT_TRUE(curate.has_value());
  EXPECT_EQ(curate->body.find("innerHTML"), std::string::npos);
  EXPECT_EQ(curate->body.find("localStorage"), std::string::npos);
  EXPECT_NE(curate->body.find("sessionStorage"), std::string::npos);
}

}  // namespace
