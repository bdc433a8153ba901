// Issue 15 point 7: the access log can leave out whole kinds of route (a busy
// site keeps its API lines and drops assets and probes); errors always stay.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "kb/http/application.h"
#include "kb/stemming/lexicon.h"

namespace kb::http {
namespace {

TEST(AccessLogTest, RouteClassesParseAndClassify) {
  EXPECT_EQ(parse_route_classes("all"), kEveryRouteClass);
  EXPECT_EQ(parse_route_classes("none"), 0u);
  EXPECT_EQ(parse_route_classes(""), 0u);
  EXPECT_EQ(parse_route_classes("api, pages"),
            static_cast<unsigned>(RouteClass::api) | static_cast<unsigned>(RouteClass::pages));
  EXPECT_EQ(parse_route_classes("api,bogus"), std::nullopt);
  EXPECT_EQ(route_class_of("/api/v1/search"), RouteClass::api);
  EXPECT_EQ(route_class_of("/widget.js"), RouteClass::assets);
  EXPECT_EQ(route_class_of("/assets/site.css"), RouteClass::assets);
  EXPECT_EQ(route_class_of("/healthz"), RouteClass::operations);
  EXPECT_EQ(route_class_of("/gemeenten"), RouteClass::pages);
  EXPECT_EQ(route_class_of("/"), RouteClass::pages);
}

// Requests that need no index: an asset, a probe, the taxonomy and a 404.
TEST(AccessLogTest, OnlyTheChosenClassesAreLoggedAndErrorsAlways) {
  std::ostringstream log, errors;
  AppConfig config;
  config.db = std::filesystem::temp_directory_path() / "kb-access-log-test-no-index";
  config.access_log = &log;
  config.error_log = &errors;
  config.access_log_classes = static_cast<unsigned>(RouteClass::api);
  Application app(config, stemming::Lexicon::load());
  auto context = app.make_context();
  auto get = [&](const std::string& path) {
    HttpRequest r;
    r.method = "GET";
    r.path = path;
    return app.handle(r, *context).status;
  };
  EXPECT_EQ(get("/widget.js"), 200);
  EXPECT_EQ(get("/healthz"), 200);
  EXPECT_EQ(get("/api/v1/taxonomy"), 200);
  EXPECT_EQ(get("/nergens"), 404);
  const std::string lines = log.str();
  EXPECT_EQ(lines.find("\"path\":\"/widget.js\""), std::string::npos) << lines;
  EXPECT_EQ(lines.find("\"path\":\"/healthz\""), std::string::npos) << lines;
  EXPECT_NE(lines.find("\"path\":\"/api/v1/taxonomy\""), std::string::npos) << lines;
  EXPECT_NE(lines.find("\"path\":\"/nergens\""), std::string::npos) << "errors are always logged: " << lines;
}

}  // namespace
}  // namespace kb::http
