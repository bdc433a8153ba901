// The socket-free pieces of the HTTP layer.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kb/http/key_ring.h"
#include "kb/http/message.h"
#include "kb/http/metrics.h"
#include "kb/http/query_log.h"
#include "kb/http/route_table.h"
#include "kb/http/top_counts.h"

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

TEST(AcceptEncodingTest, GzipOnlyWhenTheClientTakesIt) {
  const struct {
    const char* header;
    bool gzip;
  } cases[] = {
      {"gzip", true},
      {"gzip, deflate, br", true},
      {"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
      {"GZIP", true},
      {"x-gzip", true},
      {"*", true},
      {"", false},
      {"identity", false},
      {"gzip;q=0", false},
      {"gzip; q=0.000", false},
      {"*;q=0", false},
      {"*, gzip;q=0", false},  // named wins over the wildcard
      {"gzip;q=2", false},     // malformed: refused
      {"gzip;q=abc", false},
      {"deflate, br", false},
      {"gzipper", false},
  };
  for (const auto& c : cases) EXPECT_EQ(accepts_encoding(c.header, "gzip"), c.gzip) << "'" << c.header << "'";
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

// A directory for one test, removed afterwards.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kb-query-log-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
    path = pattern;
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
};

// Issue 17 point 14: a restart emptied the report that offers 365 days.
TEST(QueryLogTest, CountsOutliveTheProcessInTheirFile) {
  ScratchDir dir;
  const auto file = dir.path / "index.queries.json";
  {
    QueryLog log(file);
    log.record(100, "hitte", {"healthcare"}, false, "https://a.nl");
    log.record(100, "hitte", {}, false, "");
    log.record(99, "niets", {}, true, "");
  }  // saved on destruction
  ASSERT_TRUE(std::filesystem::exists(file));
  QueryLog reopened(file);
  const auto report = reopened.report(100, 7);
  EXPECT_EQ(report.at("total_queries"), 3);
  EXPECT_EQ(report.at("top_queries")[0], (nlohmann::json{{"query", "hitte"}, {"count", 2}}));
  EXPECT_EQ(report.at("zero_result_queries")[0].at("query"), "niets");
  EXPECT_EQ(report.at("queries_per_theme")[0].at("theme"), "healthcare");
  reopened.record(100, "hitte", {}, false, "");
  EXPECT_TRUE(reopened.save());
  EXPECT_EQ(QueryLog(file).report(100, 7).at("total_queries"), 4);
}

TEST(QueryLogTest, SavesWhileRunningNotOnlyAtTheEnd) {
  ScratchDir dir;
  const auto file = dir.path / "q.json";
  QueryLog log(file, std::chrono::seconds(0));  // every change is due at once
  log.record(100, "water", {}, false, "");
  ASSERT_TRUE(std::filesystem::exists(file)) << "a crash must not lose what was counted";
  EXPECT_EQ(QueryLog(file).report(100, 1).at("total_queries"), 1);
}

TEST(QueryLogTest, AnUnreadableFileIsMovedAsideNotOverwritten) {
  ScratchDir dir;
  const auto file = dir.path / "q.json";
  std::ofstream(file) << "{ not json";
  std::ostringstream said;
  {
    QueryLog log(file, std::chrono::seconds(30), &said);
    EXPECT_EQ(log.report(100, 7).at("total_queries"), 0);
    log.record(100, "water", {}, false, "");
  }
  EXPECT_NE(said.str().find("could not be read"), std::string::npos) << said.str();
  std::ifstream aside(dir.path / "q.json.unreadable");
  std::string kept;
  std::getline(aside, kept);
  EXPECT_EQ(kept, "{ not json");
  EXPECT_EQ(QueryLog(file).report(100, 7).at("total_queries"), 1);
}

// Issue 15 point 3: a fixed memory budget, heavy hitters kept.
TEST(TopCountsTest, KeepsTheFrequentKeysWithinItsCapacity) {
  TopCounts top(10);
  for (int i = 0; i < 100; ++i) top.add("hitte");
  for (int i = 0; i < 50; ++i) top.add("fiets");
  for (int i = 0; i < 200; ++i) top.add("ruis-" + std::to_string(i));  // a script's random queries
  EXPECT_EQ(top.size(), 10u);
  // Every key seen more than total / capacity (35) times is kept; counted
  // before any eviction, these are exact.
  EXPECT_EQ(top.counts().at("hitte"), 100u);
  EXPECT_EQ(top.counts().at("fiets"), 50u);
  // A replaced place starts above the count it took: never an undercount.
  for (const auto& [key, n] : top.counts()) EXPECT_GE(n, 1u) << key;
  EXPECT_TRUE(top.counts().contains("ruis-199"));
  top.add("");  // not a key
  EXPECT_FALSE(top.counts().contains(""));
  top.shrink_to(1);
  EXPECT_EQ(top.counts(), (std::map<std::string, unsigned long>{{"hitte", 100}}));
  top.add("nieuw", 3);  // takes the least counted place: 100 + 3
  EXPECT_EQ(top.counts(), (std::map<std::string, unsigned long>{{"nieuw", 103}}));
}

TEST(QueryLogTest, MemoryStaysBoundedUnderRandomQueries) {
  QueryLog log;
  const std::string long_query(5000, 'x');
  for (int day = 0; day < 60; ++day) {
    for (int i = 0; i < 20; ++i) log.record(day, "hitte", {"climate-adaptation"}, false, "");
    for (int i = 0; i < 2000; ++i) log.record(day, "ruis " + std::to_string(day) + " " + std::to_string(i), {}, true, "");
    log.record(day, long_query, {}, false, "");
  }
  // Every search is counted; the popular query survives the noise on every day.
  const auto all = log.report(59, 60, 5);
  EXPECT_EQ(all.at("total_queries"), 60 * 2021);
  EXPECT_EQ(all.at("top_queries")[0], (nlohmann::json{{"query", "hitte"}, {"count", 60 * 20}}));
  const auto week = log.report(59, 7, 1000);
  EXPECT_LE(week.at("top_queries").size(), 7u * 500u);
  EXPECT_LE(week.at("zero_result_queries").size(), 7u * 500u);
  // Older than a month: the top 50 of the day.
  const auto old_day = log.report(10, 1, 1000);
  EXPECT_LE(old_day.at("top_queries").size(), 50u);
  EXPECT_EQ(old_day.at("top_queries")[0].at("query"), "hitte");
  for (const auto& q : week.at("top_queries")) EXPECT_LE(q.at("query").get<std::string>().size(), 200u);
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
