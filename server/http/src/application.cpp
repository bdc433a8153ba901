#include "kb/http/application.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "kb/curation/case_store.h"
#include "kb/http/error_mapping.h"
#include "kb/http/key_ring.h"
#include "kb/http/request_errors.h"
#include "kb/schema/entity_tag.h"
#include "kb/schema/municipality_registry.h"
#include "kb/stemming/ascii_text.h"
#include "kb/stemming/hash.h"

namespace kb::http {
namespace {

std::uintmax_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

}  // namespace

long today_utc() {
  using namespace std::chrono;
  return static_cast<long>(duration_cast<days>(system_clock::now().time_since_epoch()).count());
}

search::Searcher& WorkerContext::searcher() {
  if (!searcher_) searcher_ = open();
  return *searcher_;
}

Application::Application(AppConfig config, std::shared_ptr<const stemming::Lexicon> lexicon)
    : config_(std::move(config)), lexicon_(std::move(lexicon)) {
  keys_ = std::make_unique<KeyRing>(config_.keys_file ? KeyRing::load(*config_.keys_file) : KeyRing());
  const auto history = config_.history_file.value_or(config_.db.string() + ".history.jsonl");
  store_ = std::make_unique<curation::CaseStore>(config_.db, history, lexicon_, schema::builtin_municipalities());
  queries_ = std::make_unique<QueryLog>(config_.query_log_file.value_or(config_.db.string() + ".queries.json"),
                                        std::chrono::seconds(30), config_.error_log ? config_.error_log : &std::cerr);
  // Literal paths before parameterised ones: the first match wins.
  add_operation_routes();
  add_curation_routes();
  add_api_routes();
  add_open_data_routes();
  add_page_routes();
}

Application::~Application() = default;

std::unique_ptr<WorkerContext> Application::make_context() const {
  auto context = std::make_unique<WorkerContext>();
  context->open = [db = config_.db, lexicon = lexicon_, options = config_.searcher] {
    return std::make_unique<search::Searcher>(db, lexicon, options);
  };
  return context;
}

std::string Application::curator(const HttpRequest& request) const {
  // A client that guessed too often waits, whatever key it sends now.
  if (const auto wait = auth_throttle_.wait_for(request.peer)) {
    metrics_.count_auth("throttled");
    throw TooManyAttempts(static_cast<long>(wait->count()));
  }
  const auto auth = request.header("authorization");
  std::optional<std::string> name;
  if (auth && auth->size() > 7 && (auth->starts_with("Bearer ") || auth->starts_with("bearer ")))
    name = keys_->authenticate(std::string_view(*auth).substr(7));
  if (!name) {
    if (auth) {  // a key was sent and is wrong: a guess
      auth_throttle_.failed(request.peer);
      metrics_.count_auth("wrong_key");
    } else {
      metrics_.count_auth("no_key");
    }
    throw Unauthorized(!keys_->empty());
  }
  return *name;
}

namespace {

bool is_read_method(std::string_view method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }

// A curation request: a write, one with a key, a route only curators use, or
// the preflight of any of these.
bool is_curation_request(const HttpRequest& request) {
  if (!is_read_method(request.method) || request.header("authorization")) return true;
  const std::string_view path = request.path;
  if (path == "/api/v1/cases" || path == "/api/v1/stats" || path.ends_with("/history")) return true;
  if (request.method != "OPTIONS") return false;
  if (const auto asked = request.header("access-control-request-method"); asked && !is_read_method(*asked)) return true;
  const auto headers = stemming::ascii_lower(request.header("access-control-request-headers").value_or(""));
  return headers.find("authorization") != std::string::npos;
}

}  // namespace

void Application::apply_cors(const HttpRequest& request, HttpResponse& response,
                             const std::vector<std::string>& methods) const {
  const bool curation = is_curation_request(request);
  const auto& allowed = curation ? config_.curation_origins : config_.cors_origins;
  bool any = false, per_origin = false;
  for (const auto& o : allowed) {
    any = any || o == "*";
    per_origin = per_origin || o != "*";
  }
  // When the answer depends on the Origin header, caches must know, also for
  // a request without one or from an origin that is not listed.
  const auto vary = response.header("vary");  // the route's own (Accept-Encoding) stays
  if (per_origin) response.set_header("vary", vary ? *vary + ", Origin" : "Origin");
  const auto origin = request.header("origin");
  if (!origin) return;
  const bool listed = std::find(allowed.begin(), allowed.end(), *origin) != allowed.end();
  if (!any && !listed) return;
  response.set_header("access-control-allow-origin", listed ? *origin : "*");
  response.set_header("access-control-expose-headers", "ETag, Link, Location, Retry-After");
  if (request.method == "OPTIONS") {
    // The public API is read-only from other origins.
    std::vector<std::string> offered;
    for (const auto& m : methods)
      if (curation || is_read_method(m)) offered.push_back(m);
    response.set_header("access-control-allow-methods", join(offered, ", "));
    response.set_header("access-control-allow-headers", curation ? "Authorization, Content-Type, If-Match, If-None-Match"
                                                                 : "Content-Type, If-None-Match");
    response.set_header("access-control-max-age", "600");
  }
}

HttpResponse Application::dispatch(const HttpRequest& request, WorkerContext& context, RouteInfo& route) {
  const bool head = request.method == "HEAD";
  const RouteMatch match = routes_.match(head ? "GET" : request.method, request.path);
  if (match.allowed.empty()) throw NoSuchPath("no route for " + request.path);
  route.name = request.path;
  if (request.method == "OPTIONS") {
    HttpResponse r;
    r.status = 204;
    r.content_type.clear();
    r.set_header("allow", join(match.allowed, ", "));
    if (request.path.starts_with("/api/")) apply_cors(request, r, match.allowed);
    return r;
  }
  if (!match.route) throw MethodNotAllowed(match.allowed);
  route.name = match.route->pattern;
  route.errors = match.route->errors;
  if (draining_) throw ServerStopping("draining for a graceful stop");
  return match.route->handler(request, match.params, context);
}

HttpResponse Application::answer_route_error(std::exception_ptr error, const HttpRequest& request,
                                             const RouteInfo& route) const {
  const ErrorAnswer answer = map_error(error);
  {
    std::lock_guard lock(error_log_mutex_);
    log_server_error(config_.error_log ? *config_.error_log : std::cerr, answer, request.method, request.path,
                     "route " + route.name);
  }
  return route.errors == ErrorFormat::html_page ? error_page_response(answer, request) : problem_response(answer);
}

HttpResponse Application::answer_error(std::exception_ptr error, std::string_view method, std::string_view path,
                                       std::string_view where) const noexcept {
  const ErrorAnswer answer = map_error(error);
  try {
    std::lock_guard lock(error_log_mutex_);
    log_server_error(config_.error_log ? *config_.error_log : std::cerr, answer, method, path, where);
  } catch (...) {  // a failing log must not keep the client from its answer
  }
  return problem_response(answer);
}

void Application::drop_body(HttpResponse& response) {
  response.body.clear();
  if (response.body_file.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(response.body_file, ignored);
  response.body_file.clear();
}

// What every answer gets, success or error: ETag/304 for a cacheable 200, a
// default Cache-Control, CORS on the API.
void Application::finish(const HttpRequest& request, HttpResponse& response) const {
  // A file body is not hashed: an ETag of the empty `body` would be wrong.
  const bool cacheable = (request.method == "GET" || request.method == "HEAD") && response.status == 200 &&
                         response.body_file.empty();
  if (cacheable) {
    if (!response.header("etag")) response.set_header("etag", schema::entity_tag(stemming::fnv1a64(response.body)));
    const std::string etag = *response.header("etag");
    if (const auto inm = request.header("if-none-match"); inm && schema::lists_entity_tag(*inm, etag, schema::TagComparison::weak)) {
      response.status = 304;
      response.body.clear();
    }
  }
  if (!response.header("cache-control")) response.set_header("cache-control", "no-cache");
  if (request.path.starts_with("/api/") && request.method != "OPTIONS") apply_cors(request, response, {});
}

HttpResponse Application::handle(const HttpRequest& request, WorkerContext& context) noexcept {
  const auto start = std::chrono::steady_clock::now();
  RouteInfo route;
  HttpResponse response;
  try {
    try {
      response = dispatch(request, context, route);
    } catch (...) {
      response = answer_route_error(std::current_exception(), request, route);
    }
    finish(request, response);
    if (request.method == "HEAD") drop_body(response);  // after finish(): HEAD gets GET's ETag
  } catch (...) {  // the error answer itself failed (e.g. out of memory)
    response = answer_error(std::current_exception(), request.method, request.path, "answering " + route.name);
  }
  response.set_header("x-content-type-options", "nosniff");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  try {
    metrics_.observe(route.name, request.method, response.status, seconds);
    log_access(request, response, seconds);
  } catch (...) {  // observability must never fail a request
  }
  return response;
}

RouteClass route_class_of(std::string_view path) noexcept {
  if (path.starts_with("/api/")) return RouteClass::api;
  if (path.starts_with("/assets/") || path == "/widget.js" || path == "/favicon.svg") return RouteClass::assets;
  if (path == "/healthz" || path == "/readyz" || path == "/metrics") return RouteClass::operations;
  return RouteClass::pages;
}

std::optional<unsigned> parse_route_classes(std::string_view list) {
  unsigned classes = 0;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view name = stemming::trim_blanks(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (name == "all") classes |= kEveryRouteClass;
    else if (name == "none") continue;
    else if (name == "api") classes |= static_cast<unsigned>(RouteClass::api);
    else if (name == "pages") classes |= static_cast<unsigned>(RouteClass::pages);
    else if (name == "assets") classes |= static_cast<unsigned>(RouteClass::assets);
    else if (name == "operations") classes |= static_cast<unsigned>(RouteClass::operations);
    else if (!name.empty()) return std::nullopt;
  }
  return classes;
}

void Application::log_access(const HttpRequest& request, const HttpResponse& response, double seconds) const {
  if (!config_.access_log) return;
  // Errors are always logged; other lines only for the classes asked for.
  if (response.status < 400 && (config_.access_log_classes & static_cast<unsigned>(route_class_of(request.path))) == 0)
    return;
  using namespace std::chrono;
  const nlohmann::json line = {
      {"ts", duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count()},
      {"method", request.method},
      {"path", request.path},
      {"status", response.status},
      {"ms", static_cast<double>(static_cast<long long>(seconds * 100000.0)) / 100.0},
      {"bytes", response.body_file.empty() ? response.body.size() : file_size_or_zero(response.body_file)}};
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard lock(log_mutex_);
  *config_.access_log << text << '\n';
}

}  // namespace kb::http
