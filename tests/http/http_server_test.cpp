// kb-server in-process on a free port, driven by libcurl: every public route,
// every error status, CORS, caching, and searches while the index changes.
#include <zlib.h>

#include <atomic>
#include <thread>

#include "http_client.h"
#include "kb/index/index_writer.h"
#include "kb/schema/municipality_registry.h"

namespace kb::http::testing {
namespace {

using ReadApi = ServerFixture;

bool is_problem(const ClientResponse& r) {
  if (r.headers.count("content-type") == 0 || r.headers.at("content-type") != "application/problem+json") return false;
  const auto j = r.json();
  return j.at("status") == r.status && j.contains("title") && j.contains("type");
}

TEST_F(ReadApi, SearchAnswersTheContractShape) {
  const auto r = request("GET", url("/api/v1/search?q=hittestress&per_page=3"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  const auto j = r.json();
  for (const char* key : {"query", "total", "page", "per_page", "hits", "facets", "did_you_mean", "took_ms"})
    EXPECT_TRUE(j.contains(key)) << key;
  ASSERT_FALSE(j.at("hits").empty());
  for (const char* key : {"id", "title", "municipality", "municipality_slug", "themes", "maturity", "start_year",
                          "summary", "snippet", "score"})
    EXPECT_TRUE(j.at("hits")[0].contains(key)) << key;
  EXPECT_EQ(j.at("facets").at("theme").size(), 6u);
}

TEST_F(ReadApi, RepeatedFilterValuesAreOred) {
  auto total = [&](const std::string& query) { return request("GET", url("/api/v1/search?" + query)).json().at("total").get<int>(); };
  const int healthcare = total("theme=healthcare");
  const int safety = total("theme=safety");
  const int both = total("theme=healthcare&theme=safety");
  EXPECT_GT(both, std::max(healthcare, safety) - 1);
  EXPECT_LE(both, healthcare + safety);
  EXPECT_GT(both, healthcare);
  // Percent-encoding and '+' as space.
  EXPECT_EQ(request("GET", url("/api/v1/search?q=slimme+verlichting")).json().at("query"), "slimme verlichting");
  EXPECT_EQ(request("GET", url("/api/v1/search?q=co%C3%B6peratie")).json().at("query"), "co\xC3\xB6peratie");
}

// Issue 17 point 3: a reversed year range on the search page used to replace
// it with an English error page. Now the page keeps the search, says in its
// language what it left out, next to the fields, and keeps what was typed.
TEST_F(ReadApi, TheSearchPageKeepsTheSearchWhenAParameterIsWrong) {
  const auto reversed = request("GET", url("/?q=water&theme=climate-adaptation&year_min=2020&year_max=2015"));
  EXPECT_EQ(reversed.status, 400);
  EXPECT_EQ(reversed.headers.at("content-type"), "text/html; charset=utf-8");
  const auto& page = reversed.body;
  EXPECT_NE(page.find("Het jaar bij ‘Vanaf’ ligt na het jaar bij ‘Tot en met’"), std::string::npos);
  EXPECT_EQ(page.find("must not be greater"), std::string::npos) << "no English core message on a Dutch page";
  EXPECT_NE(page.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(page.find("value=\"2020\" form=\"search-form\" aria-invalid=\"true\" aria-describedby=\"year-error\""),
            std::string::npos)
      << "the typed year stays in its field, marked and described";
  EXPECT_NE(page.find("id=\"year-error\""), std::string::npos);
  EXPECT_NE(page.find("value=\"water\""), std::string::npos) << "the query is kept";
  // The search ran with the rest: the same results as without the years.
  const auto without_years = request("GET", url("/api/v1/search?q=water&theme=climate-adaptation")).json();
  ASSERT_GT(without_years.at("total").get<int>(), 0);
  EXPECT_NE(page.find(without_years.at("hits")[0].at("id").get<std::string>()), std::string::npos);

  const auto english = request("GET", url("/?q=water&year_min=2020&year_max=2015&lang=en"));
  EXPECT_NE(english.body.find("The ‘From’ year is after the ‘Up to and including’ year"), std::string::npos);
  const auto unknown = request("GET", url("/?q=water&theme=no-such-theme"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("Een filter in de link werd niet herkend en is weggelaten."), std::string::npos);
  EXPECT_NE(unknown.body.find("<li class=\"result\">"), std::string::npos) << "results of the search without the unknown theme";
}

std::string gunzip(const std::string& data) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return {};
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

// Issue 17 point 10: widget.js went out uncompressed, with a 5-minute cache.
TEST_F(ReadApi, TextAssetsAreGzippedWhenAcceptedAndVersionedURLsCachedForAYear) {
  for (const char* path : {"/widget.js", "/assets/site.css", "/assets/curate.js"}) {
    const auto plain = request("GET", url(path));
    const auto packed = request("GET", url(path), {"Accept-Encoding: gzip, deflate, br"});
    ASSERT_EQ(packed.status, 200) << path;
    EXPECT_EQ(plain.headers.count("content-encoding"), 0u) << path;
    EXPECT_EQ(packed.headers.at("content-encoding"), "gzip") << path;
    EXPECT_EQ(packed.headers.at("vary"), "Accept-Encoding") << path;
    EXPECT_EQ(gunzip(packed.body), plain.body) << path;
    EXPECT_LT(packed.body.size() * 2, plain.body.size()) << path << ": text compresses to less than half";
    EXPECT_NE(packed.headers.at("etag"), plain.headers.at("etag")) << "two representations, two tags";
    EXPECT_EQ(request("GET", url(path), {"Accept-Encoding: gzip;q=0"}).headers.count("content-encoding"), 0u);
    const auto again = request("GET", url(path), {"Accept-Encoding: gzip", "If-None-Match: " + packed.headers.at("etag")});
    EXPECT_EQ(again.status, 304) << path;
  }
  // Another municipality's site loads the widget: any origin, gzipped.
  const auto cross = request("GET", url("/widget.js"), {"Accept-Encoding: gzip", "Origin: https://www.gemeente-a.nl"});
  EXPECT_EQ(cross.headers.at("access-control-allow-origin"), "*");
  EXPECT_EQ(cross.headers.at("content-encoding"), "gzip");

  // The pages link versioned URLs, and those are immutable; the bare path
  // (the embed snippet's) and an old version stay short-lived.
  const auto page = request("GET", url("/")).body;
  const auto at = page.find("/assets/site.css?v=");
  ASSERT_NE(at, std::string::npos);
  const std::string versioned = page.substr(at, page.find('"', at) - at);
  EXPECT_EQ(request("GET", url(versioned)).headers.at("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(request("GET", url("/assets/site.css")).headers.at("cache-control"), "public, max-age=300");
  EXPECT_EQ(request("GET", url("/assets/site.css?v=0000000000000000")).headers.at("cache-control"), "public, max-age=300");
  EXPECT_NE(request("GET", url("/embed")).body.find("/widget.js?v="), std::string::npos);
  EXPECT_NE(request("GET", url("/curate")).body.find("/assets/curate.js?v="), std::string::npos);
}

TEST_F(ReadApi, EveryReadRouteAnswers) {
  for (const char* path : {"/healthz", "/readyz", "/metrics", "/api/v1/openapi.json", "/api/v1/facets?lang=en",
                           "/api/v1/suggest?q=kli", "/api/v1/analyze?text=Waterpleinen",
                           "/api/v1/cases/rotterdam-waterplein-benthemplein",
                           "/api/v1/cases/rotterdam-waterplein-benthemplein/similar?per_page=3", "/", "/?q=water",
                           "/cases/rotterdam-waterplein-benthemplein", "/embed", "/curate", "/widget.js",
                           "/assets/site.css", "/assets/curate.js", "/favicon.svg"}) {
    const auto r = request("GET", url(path));
    EXPECT_EQ(r.status, 200) << path << ": " << r.body.substr(0, 200);
    EXPECT_FALSE(r.body.empty()) << path;
  }
  const auto analyze = request("GET", url("/api/v1/analyze?text=Waterpleinen")).json();
  EXPECT_EQ(analyze.at("tokens")[0].at("stem"), "waterplein");
  EXPECT_EQ(analyze.at("tokens")[0].at("parts"), (nlohmann::json{"water", "pleinen"}));
  const auto openapi = request("GET", url("/api/v1/openapi.json")).json();
  EXPECT_EQ(openapi.at("openapi"), "3.1.0");
  request("GET", url("/api/v1/search?q=water"));
  const auto metrics = request("GET", url("/metrics")).body;
  EXPECT_NE(metrics.find("kb_http_requests_total{route=\"/api/v1/search\""), std::string::npos);
  EXPECT_NE(metrics.find("kb_index_documents "), std::string::npos);
  EXPECT_NE(metrics.find("kb_http_request_duration_seconds_bucket"), std::string::npos);
}

// The OpenAPI document and the route table never disagree.
TEST_F(ReadApi, OpenApiListsEveryApiRoute) {
  const auto openapi = request("GET", url("/api/v1/openapi.json")).json();
  for (const auto& route : app_->routes().routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(openapi.at("paths").contains(route.pattern)) << route.pattern;
    EXPECT_TRUE(openapi.at("paths").at(route.pattern).contains(method)) << route.method << ' ' << route.pattern;
  }
}

TEST_F(ReadApi, ErrorsAreProblemDocuments) {
  struct Case {
    std::string method, path;
    long status;
  };
  for (const Case& c : std::vector<Case>{{"GET", "/nope", 404},
                                         {"GET", "/api/v1/cases/no-such-case", 404},
                                         {"GET", "/api/v1/cases/BAD%20ID", 404},
                                         {"GET", "/api/v1/cases/no-such-case/similar", 404},
                                         {"DELETE", "/api/v1/search", 405},
                                         {"POST", "/healthz", 405},
                                         {"GET", "/api/v1/search?page=0", 400},
                                         {"GET", "/api/v1/search?per_page=101", 400},
                                         {"GET", "/api/v1/search?page=999999999999999999999", 400},
                                         {"GET", "/api/v1/search?theme=weather", 400},
                                         {"GET", "/api/v1/search?q=%ZZ", 400},
                                         {"GET", "/api/v1/search?q=%FF", 400},
                                         {"GET", "/api/v1/search?sort=random", 400},
                                         {"GET", "/api/v1/search?lang=de", 400},
                                         {"GET", "/api/v1/suggest?limit=0", 400},
                                         {"GET", "/api/v1/analyze?text=" + std::string(20001, 'a'), 400},
                                         {"GET", "/api/v1/search?q=" + std::string(501, 'a'), 400}}) {
    const auto r = request(c.method, url(c.path));
    EXPECT_EQ(r.status, c.status) << c.method << ' ' << c.path.substr(0, 60);
    EXPECT_TRUE(is_problem(r)) << c.path.substr(0, 60) << ": " << r.body.substr(0, 200);
  }
  const auto r = request("DELETE", url("/api/v1/search"));
  EXPECT_EQ(r.headers.at("allow"), "GET, HEAD, OPTIONS");
}

TEST_F(ReadApi, CorsPreflightAndSimpleRequests) {
  const auto pre = request("OPTIONS", url("/api/v1/search"),
                           {"Origin: https://www.gemeente.nl", "Access-Control-Request-Method: GET"});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.headers.at("access-control-allow-origin"), "*");
  EXPECT_NE(pre.headers.at("access-control-allow-methods").find("GET"), std::string::npos);
  const auto get = request("GET", url("/api/v1/facets"), {"Origin: https://www.gemeente.nl"});
  EXPECT_EQ(get.headers.at("access-control-allow-origin"), "*");
  // The public API is read-only from other origins: a case's preflight offers GET only.
  const auto pre_case = request("OPTIONS", url("/api/v1/cases/x"), {"Origin: https://a.nl"});
  EXPECT_EQ(pre_case.headers.at("access-control-allow-origin"), "*");
  EXPECT_EQ(pre_case.headers.at("access-control-allow-methods").find("PUT"), std::string::npos);
  EXPECT_EQ(pre_case.headers.at("access-control-allow-headers").find("Authorization"), std::string::npos);
  // Only "*" is configured for it: the answer does not depend on Origin.
  EXPECT_EQ(get.headers.count("vary") ? get.headers.at("vary").find("Origin") : std::string::npos, std::string::npos);
}

// Issue 15 point 7: curation (writes, anything with a key, curators' routes)
// answers CORS only for the configured curation origins, and says it varies.
TEST_F(ReadApi, CurationCorsOnlyForCurationOrigins) {
  const std::vector<std::string> put_preflight = {"Access-Control-Request-Method: PUT",
                                                  "Access-Control-Request-Headers: authorization, content-type"};
  auto from = [](const std::string& origin, std::vector<std::string> headers) {
    headers.push_back("Origin: " + origin);
    return headers;
  };
  const auto stranger = request("OPTIONS", url("/api/v1/cases/x"), from("https://a.nl", put_preflight));
  EXPECT_EQ(stranger.status, 204);
  EXPECT_EQ(stranger.headers.count("access-control-allow-origin"), 0u);
  EXPECT_NE(stranger.headers.at("vary").find("Origin"), std::string::npos);
  const auto curator = request("OPTIONS", url("/api/v1/cases/x"), from("https://curatie.example.nl", put_preflight));
  EXPECT_EQ(curator.headers.at("access-control-allow-origin"), "https://curatie.example.nl");
  EXPECT_NE(curator.headers.at("access-control-allow-methods").find("PUT"), std::string::npos);
  EXPECT_NE(curator.headers.at("access-control-allow-headers").find("Authorization"), std::string::npos);
  EXPECT_NE(curator.headers.at("vary").find("Origin"), std::string::npos);
  // The answers themselves: a keyed list from a stranger carries no CORS grant.
  const auto list = request("GET", url("/api/v1/cases"), from("https://a.nl", {auth()}));
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(list.headers.count("access-control-allow-origin"), 0u);
  const auto history = request("GET", url("/api/v1/cases/x/history"), from("https://curatie.example.nl", {auth()}));
  EXPECT_EQ(history.headers.at("access-control-allow-origin"), "https://curatie.example.nl");
  const auto write = request("DELETE", url("/api/v1/cases/geen-bestaande-case"), from("https://a.nl", {auth()}));
  EXPECT_EQ(write.headers.count("access-control-allow-origin"), 0u);
}

TEST_F(ReadApi, PagesDenyDeviceFeatures) {
  const auto page = request("GET", url("/"));
  ASSERT_TRUE(page.headers.count("permissions-policy"));
  EXPECT_NE(page.headers.at("permissions-policy").find("geolocation=()"), std::string::npos);
  EXPECT_NE(page.headers.at("permissions-policy").find("camera=()"), std::string::npos);
}

TEST_F(ReadApi, EtagAndNotModified) {
  const auto first = request("GET", url("/api/v1/facets"));
  ASSERT_TRUE(first.headers.count("etag"));
  EXPECT_EQ(first.headers.at("cache-control"), "no-cache");
  const auto second = request("GET", url("/api/v1/facets"), {"If-None-Match: " + first.headers.at("etag")});
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
  const auto other = request("GET", url("/api/v1/facets"), {"If-None-Match: \"something-else\""});
  EXPECT_EQ(other.status, 200);
}

// Issue 15 point 7: the search ETag covers the answer, not its took_ms, so a
// repeated search is a 304; another answer has another tag.
TEST_F(ReadApi, ARepeatedSearchIsNotModified) {
  const auto first = request("GET", url("/api/v1/search?q=water"));
  ASSERT_EQ(first.status, 200);
  ASSERT_TRUE(first.headers.count("etag"));
  EXPECT_TRUE(first.json().at("took_ms").is_number());
  const auto second = request("GET", url("/api/v1/search?q=water"));
  EXPECT_EQ(second.headers.at("etag"), first.headers.at("etag"));
  const auto again = request("GET", url("/api/v1/search?q=water"), {"If-None-Match: " + first.headers.at("etag")});
  EXPECT_EQ(again.status, 304);
  const auto other = request("GET", url("/api/v1/search?q=fiets"));
  EXPECT_NE(other.headers.at("etag"), first.headers.at("etag"));
  EXPECT_EQ(request("GET", url("/api/v1/search?q=fiets"), {"If-None-Match: " + first.headers.at("etag")}).status, 200);
}

TEST_F(ReadApi, HeadHasNoBody) {
  const auto r = request("HEAD", url("/api/v1/search?q=water"));
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(ReadApi, HeadGetsTheEtagOfGet) {
  const auto get = request("GET", url("/api/v1/facets"));
  const auto head = request("HEAD", url("/api/v1/facets"));
  ASSERT_TRUE(get.headers.count("etag") && head.headers.count("etag"));
  EXPECT_EQ(head.headers.at("etag"), get.headers.at("etag"));
}

// issue 13: the export is built into a file and sent from it; the file is
// gone afterwards, and a HEAD builds nothing it leaves behind.
TEST_F(ReadApi, ExportIsSentFromAFileThatIsRemovedAfterwards) {
  const auto exports = dir_ / "exports";
  const auto jsonl = request("GET", url("/api/v1/export"));
  ASSERT_EQ(jsonl.status, 200) << jsonl.body;
  EXPECT_EQ(jsonl.headers.at("content-type"), "application/x-ndjson");
  EXPECT_EQ(jsonl.headers.at("content-length"), std::to_string(jsonl.body.size()));
  EXPECT_EQ(jsonl.headers.count("etag"), 0u) << "no ETag of an empty in-memory body";
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = jsonl.body.find('\n', at)) != std::string::npos; ++at) ++lines;
  const auto facets = request("GET", url("/api/v1/facets")).json();
  EXPECT_EQ(lines, facets.at("total").get<std::size_t>()) << "one line per published case";
  const auto head = request("HEAD", url("/api/v1/export?format=csv"));
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  // Removal follows the send asynchronously: wait for it, bounded.
  for (int i = 0; i < 200 && !std::filesystem::is_empty(exports); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(std::filesystem::is_empty(exports));
}

TEST_F(ReadApi, MalformedRequestsGetProblemDocumentsAndTheServerLives) {
  const std::string garbage = raw_exchange(server_->port(), "BREW /coffee HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(garbage.find("HTTP/1.1 4"), std::string::npos) << garbage;
  EXPECT_NE(garbage.find("application/problem+json"), std::string::npos) << garbage;
  // Just over the request limit, so the server has read everything we sent
  // when it answers (unread data would turn its close into a reset).
  const std::string head = "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(2u << 20) + "\r\n\r\n";
  const std::string huge = head + std::string(ServerOptions{}.max_request_bytes + 100 - head.size(), 'x');
  const std::string too_large = raw_exchange(server_->port(), huge);
  EXPECT_NE(too_large.find("413"), std::string::npos) << too_large.substr(0, 200);
  EXPECT_EQ(request("GET", url("/healthz")).status, 200);
}

// Searches running while another process-like writer commits: every answer
// is a 200, and each commit is visible to the very next search (every worker
// reopens its reader before a request).
TEST_F(ReadApi, ConcurrentSearchesWhileTheIndexerCommits) {
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, answers{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      while (!done) {
        const auto r = request("GET", url("/api/v1/search?q=water&theme=climate-adaptation"));
        ++answers;
        if (r.status != 200) ++failures;
      }
    });
  std::vector<int> seen_after_commit;
  {
    index::IndexWriter writer(dir_ / "index", {}, stemming::Lexicon::load(), schema::builtin_municipalities());
    for (int i = 0; i < 5; ++i) {
      writer.upsert({{"id", "concurrency-test-" + std::to_string(i)},
                     {"title", "Gelijktijdigheidsproef nummer " + std::to_string(i)},
                     {"municipality", "Utrecht"},
                     {"themes", {"mobility"}},
                     {"summary", "Een proefcasus die tijdens het zoeken wordt toegevoegd."},
                     {"solution", "Schrijven terwijl er gezocht wordt."},
                     {"maturity", "idea"}});
      writer.commit();
      seen_after_commit.push_back(
          request("GET", url("/api/v1/search?q=gelijktijdigheidsproef")).json().at("total").get<int>());
    }
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(seen_after_commit, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(answers.load(), 0);
}

}  // namespace
}  // namespace kb::http::testing
