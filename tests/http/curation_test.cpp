// Curation over HTTP: keys, every status code, drafts, publishing, history,
// demand statistics.
#include "http_client.h"

namespace kb::http::testing {
namespace {

class CurationApi : public ServerFixture {
 protected:
  static nlohmann::json draft(const std::string& id) {
    return {{"id", id},
            {"title", "Zeppelinbezorging proef " + id},
            {"municipality", "Utrecht"},
            {"themes", {"mobility"}},
            {"summary", "Een proef met pakketbezorging per zeppelin, nog in concept."},
            {"solution", "Een kleine luchtschipdienst tussen twee hubs."},
            {"maturity", "idea"},
            {"visibility", "draft"}};
  }
  ClientResponse post(const nlohmann::json& body) {
    return request("POST", url("/api/v1/cases"), {auth(), "Content-Type: application/json"}, body.dump());
  }
  ClientResponse put(const std::string& id, const nlohmann::json& body) {
    return request("PUT", url("/api/v1/cases/" + id), {auth(), "Content-Type: application/json"}, body.dump());
  }
  int public_total(const std::string& q) { return request("GET", url("/api/v1/search?q=" + q)).json().at("total"); }
};

TEST_F(CurationApi, WritesNeedAValidKey) {
  const std::string body = draft("curation-key-test").dump();
  for (const std::vector<std::string>& headers :
       {std::vector<std::string>{"Content-Type: application/json"},
        std::vector<std::string>{"Content-Type: application/json", "Authorization: Bearer wrong-key-wrong-key"},
        std::vector<std::string>{"Content-Type: application/json", "Authorization: Basic abc"}}) {
    const auto r = request("POST", url("/api/v1/cases"), headers, body);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json");
    EXPECT_TRUE(r.headers.count("www-authenticate"));
  }
  EXPECT_EQ(request("GET", url("/api/v1/cases")).status, 401);
  EXPECT_EQ(request("GET", url("/api/v1/stats")).status, 401);
  EXPECT_EQ(request("GET", url("/api/v1/cases/rotterdam-waterplein-benthemplein/history")).status, 401);
  EXPECT_EQ(request("DELETE", url("/api/v1/cases/rotterdam-waterplein-benthemplein")).status, 401);
  EXPECT_EQ(request("GET", url("/api/v1/cases/rotterdam-waterplein-benthemplein")).status, 200);
}

TEST_F(CurationApi, DraftPublishFindHistoryDelete) {
  const std::string id = "utrecht-zeppelinbezorging";
  const auto created = post(draft(id));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.headers.at("location"), "/api/v1/cases/" + id);
  EXPECT_EQ(created.json().at("visibility"), "draft");
  // A draft is invisible to the public: search, suggest, case, similar, page.
  EXPECT_EQ(public_total("zeppelinbezorging"), 0);
  EXPECT_TRUE(request("GET", url("/api/v1/suggest?q=zeppelinb")).json().at("suggestions").empty());
  EXPECT_EQ(request("GET", url("/api/v1/cases/" + id)).status, 404);
  EXPECT_EQ(request("GET", url("/cases/" + id)).status, 404);
  EXPECT_EQ(request("GET", url("/api/v1/cases/" + id), {auth()}).status, 200);
  const auto drafts = request("GET", url("/api/v1/cases?visibility=draft"), {auth()}).json();
  EXPECT_EQ(drafts.at("total"), 1);
  EXPECT_EQ(drafts.at("cases")[0].at("id"), id);

  EXPECT_EQ(post(draft(id)).status, 409);

  auto published = draft(id);
  published["visibility"] = "published";
  ASSERT_EQ(put(id, published).status, 200);
  EXPECT_EQ(public_total("zeppelinbezorging"), 1);
  EXPECT_EQ(request("GET", url("/api/v1/cases/" + id)).status, 200);

  const auto history = request("GET", url("/api/v1/cases/" + id + "/history"), {auth()}).json();
  ASSERT_EQ(history.at("changes").size(), 2u);
  EXPECT_EQ(history.at("changes")[0].at("action"), "publish");
  EXPECT_EQ(history.at("changes")[0].at("by"), "curator-test");
  EXPECT_EQ(history.at("changes")[1].at("action"), "create");
  EXPECT_TRUE(history.at("changes")[1].at("before").is_null());

  EXPECT_EQ(request("DELETE", url("/api/v1/cases/" + id), {auth()}).status, 204);
  EXPECT_EQ(public_total("zeppelinbezorging"), 0);
  EXPECT_EQ(request("DELETE", url("/api/v1/cases/" + id), {auth()}).status, 404);
  // Deleted, but nothing is lost: the history keeps the last record.
  const auto after = request("GET", url("/api/v1/cases/" + id + "/history"), {auth()}).json();
  EXPECT_EQ(after.at("changes")[0].at("action"), "delete");
  EXPECT_EQ(after.at("changes")[0].at("before").at("id"), id);
}

TEST_F(CurationApi, InvalidRecordsGetOneErrorPerField) {
  auto bad = draft("utrecht-bad-record");
  bad["title"] = "x";
  bad["themes"] = {"weather"};
  bad["municipality"] = "Utrechtt";
  bad["colour"] = "blue";
  const auto r = post(bad);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.headers.at("content-type"), "application/problem+json");
  std::set<std::string> fields;
  const auto problem = r.json();
  for (const auto& e : problem.at("errors")) fields.insert(e.at("field").get<std::string>());
  for (const char* f : {"title", "themes[0]", "municipality", "colour"}) EXPECT_TRUE(fields.count(f)) << f << " in " << r.body;
  EXPECT_EQ(public_total("utrecht-bad-record"), 0);
}

TEST_F(CurationApi, BodyRules) {
  const auto wrong_type = request("POST", url("/api/v1/cases"), {auth(), "Content-Type: text/plain"}, "{}");
  EXPECT_EQ(wrong_type.status, 415);
  const auto broken = request("POST", url("/api/v1/cases"), {auth(), "Content-Type: application/json"}, "{\"id\": ");
  EXPECT_EQ(broken.status, 400);
  const auto nested = request("POST", url("/api/v1/cases"), {auth(), "Content-Type: application/json"},
                              std::string(10000, '[') + std::string(10000, ']'));
  EXPECT_EQ(nested.status, 400);
  auto other = draft("utrecht-id-mismatch");
  EXPECT_EQ(put("utrecht-something-else", other).status, 422);
  EXPECT_EQ(put("utrecht-unknown-case", draft("utrecht-unknown-case")).status, 404);
}

TEST_F(CurationApi, StatsCountQueriesWithoutPersonalData) {
  for (int i = 0; i < 4; ++i) request("GET", url("/api/v1/search?q=Hitte++Stress"), {"Origin: https://www.gemeente-a.nl"});
  request("GET", url("/api/v1/search?q=hitte%20stress&theme=healthcare"));
  request("GET", url("/api/v1/search?q=blockchainnotfound"));
  const auto stats = request("GET", url("/api/v1/stats?days=7"), {auth()}).json();
  EXPECT_GE(stats.at("total_queries").get<int>(), 6);
  EXPECT_EQ(stats.at("top_queries")[0].at("query"), "hitte stress") << "normalised: case and spaces folded";
  EXPECT_EQ(stats.at("top_queries")[0].at("count"), 5);
  bool zero = false;
  for (const auto& z : stats.at("zero_result_queries")) zero = zero || z.at("query") == "blockchainnotfound";
  EXPECT_TRUE(zero);
  bool origin = false;
  for (const auto& o : stats.at("origins")) origin = origin || o.at("origin") == "https://www.gemeente-a.nl";
  EXPECT_TRUE(origin);
  EXPECT_EQ(stats.dump().find("127.0.0.1"), std::string::npos);
  EXPECT_EQ(request("GET", url("/api/v1/stats?days=0"), {auth()}).status, 400);
}

}  // namespace
}  // namespace kb::http::testing
