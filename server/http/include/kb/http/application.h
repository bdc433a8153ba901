#pragma once
// The HTTP application without a socket: one route table for the API, the
// pages and operations; CORS, ETag/304, Cache-Control, problem documents,
// metrics and the access log, all in one place. Handlers run on worker
// threads, each with its own WorkerContext (its own Searcher).
#include <atomic>
#include <filesystem>
#include <iosfwd>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/http/auth_throttle.h"
#include "kb/http/message.h"
#include "kb/http/metrics.h"
#include "kb/http/query_log.h"
#include "kb/http/route_table.h"
#include "kb/search/searcher.h"

namespace kb::curation {
class CaseStore;
}

namespace kb::http {

class KeyRing;

// The kinds of route, as the access log tells them apart: a busy site may
// keep its API lines and drop the asset and probe lines (issue 15 point 7).
enum class RouteClass : unsigned { api = 1, pages = 2, assets = 4, operations = 8 };
inline constexpr unsigned kEveryRouteClass = 15;
RouteClass route_class_of(std::string_view path) noexcept;
// "api,pages" -> a bit set of RouteClass; "all", "none"; nullopt for an unknown name.
std::optional<unsigned> parse_route_classes(std::string_view list);

struct AppConfig {
  std::filesystem::path db;
  std::vector<std::string> cors_origins = {"*"};  // may read the public API from a browser
  // May call the curation API (writes, and what needs a key) from a browser on
  // another origin; none: only /curate on the server's own origin (issue 15 point 7).
  std::vector<std::string> curation_origins;
  std::optional<std::filesystem::path> keys_file;     // curation keys; none: every write is 401
  std::optional<std::filesystem::path> history_file;  // default: <db>.history.jsonl
  std::optional<std::filesystem::path> query_log_file;  // the demand report's counts; default: <db>.queries.json
  std::ostream* access_log = nullptr;                 // one JSON line per request; null: off
  unsigned access_log_classes = kEveryRouteClass;     // which requests it logs (RouteClass bits)
  // Requests to /api/v1/analyze (tokenising up to 20 KB) running at once; more
  // are answered 503 at once, so that they cannot take every worker from the
  // searches (issue 15 point 2).
  unsigned max_concurrent_analyze = 1;
  AuthThrottleOptions auth_throttle;  // wrong keys per client address before 429
  std::ostream* error_log = nullptr;                  // every 5xx with its cause; null: std::cerr
  search::SearcherOptions searcher;
  std::filesystem::path export_dir;  // where export answers are built before they are sent; empty: the temp dir
};

// Per worker thread: the objects that may not be shared between threads.
struct WorkerContext {
  std::function<std::unique_ptr<search::Searcher>()> open;
  std::unique_ptr<search::Searcher> searcher_;
  search::Searcher& searcher();  // opens on first use; throws IndexUnavailable
};

class Application {
 public:
  Application(AppConfig config, std::shared_ptr<const stemming::Lexicon> lexicon);
  ~Application();

  // Never throws: every failure is a problem document (API) or an HTML error
  // page (page routes), through error_mapping.h; every 5xx is logged.
  HttpResponse handle(const HttpRequest& request, WorkerContext& context) noexcept;
  // The answer to an error outside a route (the edge, the worker pool): a
  // problem document; a 5xx is logged with its cause and `where`.
  HttpResponse answer_error(std::exception_ptr error, std::string_view method, std::string_view path,
                            std::string_view where) const noexcept;
  std::unique_ptr<WorkerContext> make_context() const;
  const RouteTable& routes() const noexcept { return routes_; }
  // While draining, new requests get 503 (graceful stop).
  void set_draining(bool draining) noexcept { draining_ = draining; }

 private:
  void add_api_routes();
  void add_page_routes();
  void add_operation_routes();
  void add_curation_routes();
  void add_open_data_routes();  // the Atom feed and the export (issue 13)
  struct RouteInfo {
    std::string name = "(unknown)";
    ErrorFormat errors = ErrorFormat::problem_json;
  };
  HttpResponse dispatch(const HttpRequest& request, WorkerContext& context, RouteInfo& route);
  HttpResponse answer_route_error(std::exception_ptr error, const HttpRequest& request, const RouteInfo& route) const;
  static void drop_body(HttpResponse& response);  // HEAD: headers only
  void finish(const HttpRequest& request, HttpResponse& response) const;
  void apply_cors(const HttpRequest& request, HttpResponse& response, const std::vector<std::string>& methods) const;
  void log_access(const HttpRequest& request, const HttpResponse& response, double seconds) const;
  std::string curator(const HttpRequest& request) const;  // the key's name; throws Unauthorized
  // One search for the demand report, whichever way it came (API, widget,
  // search page); the later pages of a search are the same search.
  void count_search(const search::SearchRequest& request, const search::SearchAnswer& answer, std::string_view origin);

  AppConfig config_;
  std::shared_ptr<const stemming::Lexicon> lexicon_;
  RouteTable routes_;
  mutable Metrics metrics_;  // synchronised inside
  std::unique_ptr<QueryLog> queries_;
  std::unique_ptr<KeyRing> keys_;
  std::unique_ptr<curation::CaseStore> store_;
  std::atomic<bool> draining_{false};
  std::atomic<unsigned> analyze_running_{0};
  mutable AuthThrottle auth_throttle_{config_.auth_throttle};
  mutable std::mutex log_mutex_, error_log_mutex_;
  std::mutex export_mutex_;  // one export built at a time
};

// Days since the Unix epoch, UTC.
long today_utc();

}  // namespace kb::http
