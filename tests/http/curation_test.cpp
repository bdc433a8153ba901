// Curation over HTTP: keys, every status code, drafts, publishing, history,
// demand statistics.
#include <map>

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
  // Issue 15 point 7: a key named twice is refused, not read as its last value.
  auto twice = draft("utrecht-twice").dump();
  twice.insert(twice.size() - 1, R"(,"visibility":"published")");
  const auto duplicate = request("POST", url("/api/v1/cases"), {auth(), "Content-Type: application/json"}, twice);
  EXPECT_EQ(duplicate.status, 400) << duplicate.body;
  EXPECT_NE(duplicate.body.find("duplicate key 'visibility'"), std::string::npos) << duplicate.body;
  EXPECT_EQ(request("GET", url("/api/v1/cases/utrecht-twice"), {auth()}).status, 404);
  auto other = draft("utrecht-id-mismatch");
  EXPECT_EQ(put("utrecht-something-else", other).status, 422);
  EXPECT_EQ(put("utrecht-unknown-case", draft("utrecht-unknown-case")).status, 404);
}

// The fields of a 422 problem's errors.
std::set<std::string> error_fields(const ClientResponse& r) {
  std::set<std::string> fields;
  const auto problem = r.json();  // kept: a range over a temporary's member would dangle
  for (const auto& e : problem.at("errors")) fields.insert(e.at("field").get<std::string>());
  return fields;
}

// issue 13: derived_from naming the case itself, no known case, or closing a
// cycle is a 422 on derived_from; nothing is written.
TEST_F(CurationApi, DerivedFromItselfUnknownOrACycleIs422OnDerivedFrom) {
  auto itself = draft("utrecht-afgeleid");
  itself["derived_from"] = "utrecht-afgeleid";
  const auto self = post(itself);
  ASSERT_EQ(self.status, 422) << self.body;
  EXPECT_EQ(self.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(error_fields(self), std::set<std::string>{"derived_from"}) << self.body;

  auto unknown = draft("utrecht-afgeleid");
  unknown["derived_from"] = "nergens-een-casus";
  const auto missing = post(unknown);
  ASSERT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(error_fields(missing), std::set<std::string>{"derived_from"});
  EXPECT_NE(missing.body.find("nergens-een-casus"), std::string::npos) << missing.body;
  EXPECT_EQ(request("GET", url("/api/v1/cases/utrecht-afgeleid"), {auth()}).status, 404);

  // A known case, here one of the shipped corpus: fine.
  auto from_corpus = draft("utrecht-afgeleid");
  from_corpus["derived_from"] = "rotterdam-waterplein-benthemplein";
  const auto created = post(from_corpus);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("derived_from"), "rotterdam-waterplein-benthemplein");
  auto second = draft("utrecht-afgeleid-2");
  second["derived_from"] = "utrecht-afgeleid";
  ASSERT_EQ(post(second).status, 201);

  auto closing = from_corpus;
  closing["derived_from"] = "utrecht-afgeleid-2";
  const auto cycle = put("utrecht-afgeleid", closing);
  ASSERT_EQ(cycle.status, 422) << cycle.body;
  EXPECT_EQ(error_fields(cycle), std::set<std::string>{"derived_from"});
  EXPECT_NE(cycle.body.find("utrecht-afgeleid -> utrecht-afgeleid-2 -> utrecht-afgeleid"), std::string::npos) << cycle.body;
  EXPECT_EQ(request("GET", url("/api/v1/cases/utrecht-afgeleid"), {auth()}).json().at("derived_from"),
            "rotterdam-waterplein-benthemplein");

  EXPECT_EQ(request("DELETE", url("/api/v1/cases/utrecht-afgeleid-2"), {auth()}).status, 204);
  EXPECT_EQ(request("DELETE", url("/api/v1/cases/utrecht-afgeleid"), {auth()}).status, 204);
}

// issue 13: the same title as another case of the same municipality is
// written (2xx) with a `warnings` entry on title; every POST and PUT answer
// has `warnings`, [] when there is nothing to say.
TEST_F(CurationApi, TheSameTitleInOneMunicipalityIsAWarningInThe2xxAnswer) {
  const auto plain = post(draft("utrecht-zonder-waarschuwing"));
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_EQ(plain.json().at("warnings"), nlohmann::json::array());

  auto twin = draft("rotterdam-waterplein-tweede");
  twin["municipality"] = "Rotterdam";
  twin["title"] = "Waterplein Benthemplein: sportplein dat bij hoosbuien regenwater bergt";  // a corpus case's
  const auto created = post(twin);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto warnings = created.json().at("warnings");
  ASSERT_EQ(warnings.size(), 1u) << created.body;
  EXPECT_EQ(warnings[0].at("field"), "title");
  EXPECT_NE(warnings[0].at("message").get<std::string>().find("'rotterdam-waterplein-benthemplein'"), std::string::npos);

  const auto replaced = put("rotterdam-waterplein-tweede", twin);
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(replaced.json().at("warnings").size(), 1u);

  twin["title"] = "Waterplein tweede proef met regenwater";
  const auto renamed = put("rotterdam-waterplein-tweede", twin);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json().at("warnings"), nlohmann::json::array());

  EXPECT_EQ(request("DELETE", url("/api/v1/cases/rotterdam-waterplein-tweede"), {auth()}).status, 204);
  EXPECT_EQ(request("DELETE", url("/api/v1/cases/utrecht-zonder-waarschuwing"), {auth()}).status, 204);
}

// Issue 17 point 14: searches on the search page were not counted. Each
// search counts once, whichever way it came; its later pages and the bare
// front page do not count.
TEST_F(CurationApi, StatsCountEverySearchOnceWhicheverWayItCame) {
  const auto total = [&] { return request("GET", url("/api/v1/stats?days=7"), {auth()}).json().at("total_queries").get<int>(); };
  const int before = total();
  EXPECT_EQ(request("GET", url("/?q=fietsenstalling+station")).status, 200);
  EXPECT_EQ(total(), before + 1) << "a search on the page counts";
  request("GET", url("/?q=fietsenstalling+station&page=2"));
  request("GET", url("/api/v1/search?q=fietsenstalling+station&page=2"));
  request("GET", url("/"));
  EXPECT_EQ(total(), before + 1) << "later pages and the bare front page are not new searches";
  request("GET", url("/?theme=mobility"));
  request("GET", url("/api/v1/search?q=fietsenstalling+station"), {"Origin: https://www.gemeente-b.nl"});
  EXPECT_EQ(total(), before + 3);
  const auto stats = request("GET", url("/api/v1/stats?days=7"), {auth()}).json();
  std::map<std::string, int> origins;
  for (const auto& o : stats.at("origins")) origins[o.at("origin")] = o.at("count");
  EXPECT_EQ(origins["(search page)"], 2);
  EXPECT_EQ(origins["https://www.gemeente-b.nl"], 1);
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

// issue 17 point 11: every case answer carries the ETag of the case's
// revision, and PUT/DELETE with a stale If-Match are refused (412) with the
// current version instead of silently overwriting another curator's change.
TEST_F(CurationApi, AStaleIfMatchIs412WithTheCurrentVersion) {
  const std::string id = "utrecht-zeppelin-revisies";
  const auto created = post(draft(id));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string first = created.headers.at("etag");
  const auto read = request("GET", url("/api/v1/cases/" + id), {auth()});
  EXPECT_EQ(read.headers.at("etag"), first) << "GET and POST answer the same revision";

  auto annas = draft(id);
  annas["title"] = "Zeppelinbezorging volgens Anna";
  const auto saved = request("PUT", url("/api/v1/cases/" + id),
                             {auth(), "Content-Type: application/json", "If-Match: " + first}, annas.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  const std::string second = saved.headers.at("etag");
  EXPECT_NE(second, first);
  EXPECT_EQ(request("GET", url("/api/v1/cases/" + id), {auth()}).headers.at("etag"), second);

  auto bens = draft(id);
  bens["title"] = "Zeppelinbezorging volgens Ben";
  const auto stale = request("PUT", url("/api/v1/cases/" + id),
                             {auth(), "Content-Type: application/json", "If-Match: " + first}, bens.dump());
  ASSERT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(stale.headers.at("content-type"), "application/problem+json");
  const auto problem = stale.json();
  EXPECT_EQ(problem.at("status"), 412);
  EXPECT_EQ(problem.at("current").at("etag"), second);
  EXPECT_EQ(problem.at("current").at("record").at("title"), "Zeppelinbezorging volgens Anna");
  EXPECT_EQ(request("GET", url("/api/v1/cases/" + id), {auth()}).json().at("title"), "Zeppelinbezorging volgens Anna");

  EXPECT_EQ(request("DELETE", url("/api/v1/cases/" + id), {auth(), "If-Match: " + first}).status, 412);
  const auto any = request("PUT", url("/api/v1/cases/" + id),
                           {auth(), "Content-Type: application/json", "If-Match: *"}, bens.dump());
  EXPECT_EQ(any.status, 200) << "* matches any existing revision";
  EXPECT_EQ(request("DELETE", url("/api/v1/cases/" + id), {auth(), "If-Match: " + any.headers.at("etag")}).status,
            204);
}

}  // namespace
}  // namespace kb::http::testing
