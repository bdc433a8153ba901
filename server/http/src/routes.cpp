// The handlers of every route. Each returns a value or throws a typed error;
// Application::handle turns errors into problem documents.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "kb/curation/case_store.h"
#include "kb/http/application.h"
#include "kb/http/answer_json.h"
#include "kb/http/concurrency_slot.h"
#include "kb/http/request_errors.h"
#include "kb/index/json_input.h"
#include "kb/schema/entity_tag.h"
#include "kb/schema/identifiers.h"
#include "kb/stemming/hash.h"
#include "kb/search/errors.h"
#include "kb/web/assets.h"
#include "kb/web/atom_feed.h"
#include "kb/web/pages.h"
#include "page_response.h"
#include "taxonomy_json.h"

namespace kb::http {

std::string_view builtin_openapi_json();

namespace {

constexpr std::size_t kMaxBodyBytes = 1u << 20;
constexpr std::size_t kMaxSuggestChars = 100;
constexpr int kFeedEntries = 50;

HttpResponse json_response(const nlohmann::json& body, int status = 200) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

// A search answer whose ETag covers what was found, not how long it took, so
// that asking again with If-None-Match gets a 304 (issue 15 point 7). The body
// is written once with took_ms 0 and hashed; then the time is put in. The
// member's text `"took_ms":0` is unique in the body: inside a string value
// its quotes would be escaped.
HttpResponse search_response(const search::SearchAnswer& answer) {
  auto body = to_json(answer);
  body["took_ms"] = 0;
  HttpResponse r = json_response(body);
  r.set_header("etag", schema::entity_tag(stemming::fnv1a64(r.body)));
  constexpr std::string_view kZero = "\"took_ms\":0";
  if (const auto at = r.body.find(kZero); at != std::string::npos)
    r.body.replace(at, kZero.size(), "\"took_ms\":" + nlohmann::json(answer.took_ms).dump());
  return r;
}

std::string checked_id(const PathParams& params) {
  const std::string& id = params.at("id");
  if (!schema::is_identifier(id)) throw search::NotFound("no case with id '" + id.substr(0, 80) + "'");
  return id;
}

// A curation write's answer: the case as stored, plus what the curator
// should look at ([] when nothing), e.g. the same title twice in one
// municipality (issue 13).
nlohmann::json with_warnings(nlohmann::json answer, const std::vector<index::FieldError>& warnings) {
  auto list = nlohmann::json::array();
  for (const auto& w : warnings) list.push_back({{"field", w.field}, {"message", w.message}});
  answer["warnings"] = std::move(list);
  return answer;
}

std::string first_param(const Params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

std::string normalize_query(std::string_view q) {
  std::string out;
  bool space = false;
  for (char c : q) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (out.size() >= 200) break;
  }
  return out;
}

// Days since the epoch as YYYY-MM-DD.
std::string iso_date(long days_since_epoch) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days_since_epoch}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

// The query without the given names.
Params without_params(const Params& params, std::initializer_list<std::string_view> names) {
  Params out;
  for (const auto& entry : params)
    if (std::find(names.begin(), names.end(), entry.first) == names.end()) out.push_back(entry);
  return out;
}

nlohmann::json json_body(const HttpRequest& request) {
  const auto type = request.header("content-type").value_or("");
  if (!type.starts_with("application/json"))
    throw UnsupportedMediaType("Send the case as application/json.");
  if (request.body.size() > kMaxBodyBytes)
    throw ContentTooLarge("Request bodies are limited to 1 MiB.");
  auto parsed = index::parse_json(request.body);
  if (!parsed.value) throw InvalidJson(parsed.error);
  return std::move(*parsed.value);
}

// The search page for a request the core refused (issue 17 point 3): the
// parameters it named are set aside, the rest is searched, and the page says
// in its language what was not used, keeping what the user typed. 400: the
// request as sent was not valid.
HttpResponse search_page_despite(const HttpRequest& req, const search::InvalidRequest& refused, WorkerContext& ctx) {
  std::vector<web::InputProblem> problems;
  std::set<std::string> aside;
  for (const auto& p : refused.problems()) {
    problems.push_back({p.field, p.message});
    for (auto& f : web::fields_set_aside(p.field)) aside.insert(std::move(f));
  }
  Params kept;
  for (const auto& entry : req.query)
    if (!aside.contains(entry.first)) kept.push_back(entry);
  const auto request = search::parse_search_request(kept);  // what is left is valid; if not, the error page
  return html_response(web::render_search_page(ctx.searcher().search(request), page_request(req), problems), 400);
}

// What the demand report names as the origin of the search page's searches
// (the widget's come with their host page's Origin, direct API calls with none).
constexpr std::string_view kSearchPageOrigin = "(search page)";

// Whether a page load is a search: a query or a filter. The bare front page is not.
bool is_search(const search::SearchRequest& r) {
  return !r.q.empty() || !r.themes.empty() || !r.municipalities.empty() || !r.maturities.empty() || !r.provinces.empty() ||
         !r.reused_in.empty() || r.reused_only || r.year_min || r.year_max;
}

// A new, empty file for one export answer, in `dir` (the system's temporary
// directory when empty); the edge removes it once sent.
std::string export_file(const std::filesystem::path& dir) {
  std::string pattern = ((dir.empty() ? std::filesystem::temp_directory_path() : dir) / "kb-export-XXXXXX").string();
  const int fd = mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("cannot create a file for the export in " + pattern);
  close(fd);
  return pattern;
}

}  // namespace

void Application::add_operation_routes() {
  routes_.add("GET", "/healthz", [](const HttpRequest&, const PathParams&, WorkerContext&) {
    return json_response({{"status", "ok"}});
  });
  routes_.add("GET", "/readyz", [](const HttpRequest&, const PathParams&, WorkerContext& ctx) {
    auto r = json_response({{"status", "ready"}, {"documents", ctx.searcher().document_count()}});
    r.set_header("cache-control", "no-store");
    return r;
  });
  routes_.add("GET", "/metrics", [this](const HttpRequest&, const PathParams&, WorkerContext& ctx) {
    long long docs = -1;
    try {
      docs = ctx.searcher().document_count();
    } catch (const search::IndexUnavailable&) {
    }
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.render(docs);
    r.set_header("cache-control", "no-store");
    return r;
  });
  routes_.add("GET", "/api/v1/openapi.json", [](const HttpRequest&, const PathParams&, WorkerContext&) {
    HttpResponse r;
    r.body = std::string(builtin_openapi_json());
    r.set_header("cache-control", "public, max-age=300");
    return r;
  });
}

void Application::count_search(const search::SearchRequest& request, const search::SearchAnswer& answer, std::string_view origin) {
  if (request.page != 1) return;
  queries_->record(today_utc(), normalize_query(request.q), request.themes, answer.total == 0, std::string(origin));
}

void Application::add_api_routes() {
  routes_.add("GET", "/api/v1/search", [this](const HttpRequest& req, const PathParams&, WorkerContext& ctx) {
    const auto request = search::parse_search_request(req.query);
    auto answer = ctx.searcher().search(request);
    count_search(request, answer, req.header("origin").value_or(""));
    return search_response(answer);
  });
  routes_.add("GET", "/api/v1/suggest", [](const HttpRequest& req, const PathParams&, WorkerContext& ctx) {
    const std::string q = first_param(req.query, "q");
    if (q.size() > kMaxSuggestChars * 4) throw search::InvalidRequest("q", "at most 100 characters");
    const int limit = search::parse_int_param(req.query, "limit", 8, 1, 20);
    return json_response(to_json(ctx.searcher().suggest(q, limit)));
  });
  routes_.add("GET", "/api/v1/taxonomy", [](const HttpRequest&, const PathParams&, WorkerContext&) {
    auto r = json_response(taxonomy_json());
    r.set_header("cache-control", "public, max-age=300");
    return r;
  });
  routes_.add("GET", "/api/v1/facets", [](const HttpRequest& req, const PathParams&, WorkerContext& ctx) {
    return json_response(to_json(ctx.searcher().facets(search::parse_lang(req.query))));
  });
  routes_.add("GET", "/api/v1/analyze", [this](const HttpRequest& req, const PathParams&, WorkerContext& ctx) {
    const ConcurrencySlot slot(analyze_running_, config_.max_concurrent_analyze, "analyze");
    return json_response(to_json(ctx.searcher().analyze(first_param(req.query, "text"))));
  });
  routes_.add("GET", "/api/v1/cases/{id}/similar", [](const HttpRequest& req, const PathParams& p, WorkerContext& ctx) {
    const int per_page = search::parse_int_param(req.query, "per_page", 5, 1, 20);
    return json_response(to_json(ctx.searcher().similar(checked_id(p), per_page, search::parse_lang(req.query))));
  });
  routes_.add("GET", "/api/v1/municipalities", [](const HttpRequest&, const PathParams&, WorkerContext& ctx) {
    return json_response(to_json(ctx.searcher().municipalities()));
  });
  routes_.add("GET", "/api/v1/municipalities/{slug}", [](const HttpRequest& req, const PathParams& p, WorkerContext& ctx) {
    return json_response(to_json(ctx.searcher().municipality(p.at("slug"), search::parse_lang(req.query))));
  });
  routes_.add("GET", "/api/v1/cases/{id}", [this](const HttpRequest& req, const PathParams& p, WorkerContext& ctx) {
    const bool curator_view = req.header("authorization").has_value();
    if (curator_view) curator(req);  // a wrong key is a 401, not a silent public view
    const auto answer = ctx.searcher().get_case(checked_id(p), search::parse_lang(req.query), curator_view);
    auto r = json_response(to_json(answer));
    r.set_header("etag", answer.revision);  // what a PUT/DELETE sends back in If-Match
    if (curator_view) r.set_header("cache-control", "private, no-store");
    return r;
  });
}

void Application::add_curation_routes() {
  routes_.add("GET", "/api/v1/cases", [this](const HttpRequest& req, const PathParams&, WorkerContext&) {
    curator(req);
    std::string visibility = first_param(req.query, "visibility");
    if (visibility.empty()) visibility = "all";
    if (visibility != "all" && visibility != "draft" && visibility != "published")
      throw search::InvalidRequest("visibility", "must be draft, published or all");
    const int page = search::parse_int_param(req.query, "page", 1, 1, 100'000);
    const int per_page = search::parse_int_param(req.query, "per_page", 20, 1, 100);
    auto r = json_response(store_->list(visibility, page, per_page));
    r.set_header("cache-control", "private, no-store");
    return r;
  });
  routes_.add("POST", "/api/v1/cases", [this](const HttpRequest& req, const PathParams&, WorkerContext& ctx) {
    const std::string by = curator(req);
    const auto written = store_->create(json_body(req), by);
    const std::string id = written.record.at("id").get<std::string>();
    auto r = json_response(with_warnings(to_json(ctx.searcher().get_case(id, "nl", true)), written.warnings), 201);
    r.set_header("location", "/api/v1/cases/" + id);
    r.set_header("etag", written.revision);
    r.set_header("cache-control", "no-store");
    return r;
  });
  routes_.add("PUT", "/api/v1/cases/{id}", [this](const HttpRequest& req, const PathParams& p, WorkerContext& ctx) {
    const std::string by = curator(req);
    const std::string id = checked_id(p);
    // No If-Match: written as before (clients SHOULD send it, api.md).
    const auto written = store_->replace(id, json_body(req), by, req.header("if-match"));
    auto r = json_response(with_warnings(to_json(ctx.searcher().get_case(id, "nl", true)), written.warnings));
    r.set_header("etag", written.revision);
    r.set_header("cache-control", "no-store");
    return r;
  });
  routes_.add("DELETE", "/api/v1/cases/{id}", [this](const HttpRequest& req, const PathParams& p, WorkerContext&) {
    const std::string by = curator(req);
    store_->remove(checked_id(p), by, req.header("if-match"));
    HttpResponse r;
    r.status = 204;
    r.content_type.clear();
    r.set_header("cache-control", "no-store");
    return r;
  });
  routes_.add("GET", "/api/v1/cases/{id}/history", [this](const HttpRequest& req, const PathParams& p, WorkerContext&) {
    curator(req);
    auto r = json_response(store_->history(checked_id(p)));
    r.set_header("cache-control", "private, no-store");
    return r;
  });
  routes_.add("GET", "/api/v1/stats", [this](const HttpRequest& req, const PathParams&, WorkerContext&) {
    curator(req);
    const int days = search::parse_int_param(req.query, "days", 30, 1, 365);
    auto r = json_response(queries_->report(today_utc(), days));
    r.set_header("cache-control", "private, no-store");
    return r;
  });
}

void Application::add_open_data_routes() {
  // The search filters (whatever parse_search_request accepts) in the feed's
  // own order and size: sort, page and per_page are the feed's, not the caller's.
  routes_.add("GET", "/feed.atom", [](const HttpRequest& req, const PathParams&, WorkerContext& ctx) {
    const Params filters = without_params(req.query, {"sort", "page", "per_page"});
    auto request = search::parse_search_request(filters);
    request.sort = search::Sort::updated;
    request.per_page = kFeedEntries;
    auto page = page_request(req);
    page.params = filters;
    HttpResponse r;
    r.content_type = "application/atom+xml; charset=utf-8";
    r.body = web::render_atom_feed(ctx.searcher().search(request), page, iso_date(today_utc()));
    return r;
  });
  routes_.add("GET", "/api/v1/export", [this](const HttpRequest& req, const PathParams&, WorkerContext& ctx) {
    const auto format = schema::parse_export_format(first_param(req.query, "format"));
    if (!format) throw search::InvalidRequest("format", "must be jsonl or csv");
    // Built into a file and sent from it (sendfile): an export of 100,000
    // cases is ~300 MB. One build at a time keeps the disk and CPU it takes
    // bounded; sending overlaps freely.
    std::unique_lock building(export_mutex_, std::try_to_lock);
    if (!building.owns_lock()) throw ServerBusy("another export is being built");
    const bool csv = *format == schema::ExportFormat::csv;
    HttpResponse r;
    r.content_type = csv ? "text/csv; charset=utf-8" : "application/x-ndjson";
    r.body_file = export_file(config_.export_dir);
    try {
      ctx.searcher().export_published(*format, r.body_file);
    } catch (...) {
      std::error_code ignored;
      std::filesystem::remove(r.body_file, ignored);
      throw;
    }
    r.set_header("link", "<" + std::string(web::kOpenDataLicenceUrl) + ">; rel=\"license\"");
    r.set_header("content-disposition",
                 std::string("attachment; filename=\"kennisbank-smart-society.") + (csv ? "csv" : "jsonl") + "\"");
    return r;
  });
}

void Application::add_page_routes() {
  // Errors of these routes are answered as HTML error pages (error_mapping.h).
  constexpr auto as_page = ErrorFormat::html_page;
  routes_.add("GET", "/", [this](const HttpRequest& req, const PathParams&, WorkerContext& ctx) {
    try {
      const auto request = search::parse_search_request(req.query);
      const auto answer = ctx.searcher().search(request);
      if (is_search(request)) count_search(request, answer, kSearchPageOrigin);
      return html_response(web::render_search_page(answer, page_request(req)));
    } catch (const search::InvalidRequest& e) {
      return search_page_despite(req, e, ctx);
    }
  }, as_page);
  routes_.add("GET", "/cases/{id}", [](const HttpRequest& req, const PathParams& p, WorkerContext& ctx) {
    const auto page = page_request(req);
    const std::string id = checked_id(p);
    const std::string lang = page.lang;
    return html_response(web::render_case_page(ctx.searcher().get_case(id, lang), ctx.searcher().similar(id, 5, lang), page));
  }, as_page);
  routes_.add("GET", "/gemeenten", [](const HttpRequest& req, const PathParams&, WorkerContext& ctx) {
    return html_response(web::render_municipalities_page(ctx.searcher().municipalities(), page_request(req)));
  }, as_page);
  // An alias (/gemeenten/s-gravenhage) renders the page of den-haag, which names its canonical path.
  routes_.add("GET", "/gemeenten/{slug}", [](const HttpRequest& req, const PathParams& p, WorkerContext& ctx) {
    const auto page = page_request(req);
    return html_response(web::render_municipality_page(ctx.searcher().municipality(p.at("slug"), page.lang), page));
  }, as_page);
  routes_.add("GET", "/embed", [](const HttpRequest& req, const PathParams&, WorkerContext&) {
    return html_response(web::render_embed_page(page_request(req)));
  }, as_page);
  routes_.add("GET", "/curate", [](const HttpRequest& req, const PathParams&, WorkerContext&) {
    auto r = html_response(web::render_curate_page(page_request(req)));
    r.set_header("cache-control", "no-store");
    return r;
  }, as_page);
  for (const char* path : {"/widget.js", "/assets/site.css", "/assets/curate.js", "/favicon.svg"}) {
    routes_.add("GET", path, [path](const HttpRequest& req, const PathParams&, WorkerContext&) {
      const auto asset = web::find_asset(path);
      if (!asset) throw search::NotFound("no asset");
      HttpResponse r;
      r.content_type = std::string(asset->content_type);
      const bool gzip = accepts_encoding(req.header("accept-encoding").value_or(""), "gzip");
      r.body = std::string(gzip ? asset->gzip_body : asset->body);
      r.set_header("etag", std::string(gzip ? asset->gzip_etag : asset->etag));
      if (gzip) r.set_header("content-encoding", "gzip");
      r.set_header("vary", "Accept-Encoding");
      // The pages link path?v=version: a new build is a new URL, so that one
      // is cached for a year. The plain path (the embed snippet's widget.js)
      // stays short-lived, so embedders get new versions without a change.
      const bool current = first_param(req.query, "v") == asset->version;
      r.set_header("cache-control", current ? "public, max-age=31536000, immutable" : "public, max-age=300");
      // The widget is loaded cross-origin by other municipalities' sites.
      if (std::string_view(path) == "/widget.js") r.set_header("access-control-allow-origin", "*");
      return r;
    });
  }
}

}  // namespace kb::http
