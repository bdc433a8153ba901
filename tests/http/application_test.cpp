// The socket-free pieces of the HTTP layer.
#include <gtest/gtest.h>

#include "kb/http/key_ring.h"
#include "kb/http/message.h"
#include "kb/http/metrics.h"
#include "kb/http/query_log.h"
#include "kb/http/route_table.h"

namespace kb::http {
namespace {

TEST(QueryStringTest, KeepsOrderRepeatsAndDecodes) {
  const auto p = parse_query_string("theme=a&q=hitte+stress&theme=b&x=%C3%A9&empty=&flag");
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (Params{{"theme", "a"}, {"q", "hitte stress"}, {"theme", "b"}, {"x", "\xC3\xA9"}, {"empty", ""}, {"flag", ""}}));
  EXPECT_FALSE(parse_query_string("q=%"));
  EXPECT_FALSE(parse_query_string("q=%4"));
  EXPECT_FALSE(parse_query_string("q=%GG"));
  EXPECT_FALSE(parse_query_string("q=%FF"));  // not UTF-8
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
}

TEST(RouteTableTest, MatchesParametersAndTellsAllowedMethods) {
  RouteTable t;
  auto h = [](const HttpRequest&, const PathParams&, WorkerContext&) { return HttpResponse{}; };
  t.add("GET", "/api/v1/cases", h);
  t.add("POST", "/api/v1/cases", h);
  t.add("GET", "/api/v1/cases/{id}", h);
  t.add("PUT", "/api/v1/cases/{id}", h);
  auto m = t.match("PUT", "/api/v1/cases/abc");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "abc");
  m = t.match("DELETE", "/api/v1/cases/abc");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "PUT", "HEAD", "OPTIONS"}));
  m = t.match("GET", "/api/v1/nothing");
  EXPECT_TRUE(m.allowed.empty());
  EXPECT_NE(t.match("GET", "/api/v1/cases/").route, nullptr) << "trailing slash";
}

TEST(KeyRingTest, ParsesAndAuthenticates) {
  const auto ring = KeyRing::parse("# comment\nvng-anna : 0123456789abcdef0123\n\nvng-bob:fedcba9876543210fedc # x\n");
  EXPECT_EQ(ring.authenticate("0123456789abcdef0123"), "vng-anna");
  EXPECT_EQ(ring.authenticate("fedcba9876543210fedc"), "vng-bob");
  EXPECT_FALSE(ring.authenticate("0123456789abcdef012"));
  EXPECT_FALSE(ring.authenticate(""));
  EXPECT_THROW(KeyRing::parse("no-colon-here\n"), std::runtime_error);
  EXPECT_THROW(KeyRing::parse("name:short\n"), std::runtime_error);
  EXPECT_TRUE(KeyRing().empty());
}

TEST(QueryLogTest, CountsPerDayWindow) {
  QueryLog log;
  log.record(100, "hitte", {"healthcare"}, false, "");
  log.record(100, "hitte", {}, false, "https://a.nl");
  log.record(90, "oud", {}, true, "");
  const auto recent = log.report(100, 7);
  EXPECT_EQ(recent.at("total_queries"), 2);
  EXPECT_EQ(recent.at("top_queries")[0].at("query"), "hitte");
  EXPECT_TRUE(recent.at("zero_result_queries").empty());
  EXPECT_EQ(log.report(100, 30).at("zero_result_queries")[0].at("query"), "oud");
}

TEST(MetricsTest, RendersPrometheusText) {
  Metrics m;
  m.observe("/api/v1/search", "GET", 200, 0.003);
  m.observe("/api/v1/search", "GET", 400, 0.0005);
  const std::string text = m.render(42);
  EXPECT_NE(text.find("kb_http_requests_total{route=\"/api/v1/search\",method=\"GET\",status=\"200\"} 1"), std::string::npos);
  EXPECT_NE(text.find("kb_http_request_duration_seconds_bucket{route=\"/api/v1/search\",le=\"0.005\"} 2"), std::string::npos);
  EXPECT_NE(text.find("kb_index_documents 42"), std::string::npos);
}

}  // namespace
}  // namespace kb::http
