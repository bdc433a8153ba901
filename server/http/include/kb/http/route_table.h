#pragma once
// One table of every route: method + path pattern (`/api/v1/cases/{id}`) ->
// handler. Matching tells apart "no such path" (404) from "path exists, not
// with this method" (405, with the Allow list).
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kb/http/message.h"

namespace kb::http {

struct WorkerContext;

struct RouteMatch;
using PathParams = std::map<std::string, std::string>;
using Handler = std::function<HttpResponse(const HttpRequest&, const PathParams&, WorkerContext&)>;

// How a route's errors are answered: a problem document (API, operations,
// assets) or an HTML error page (pages a person opens in a browser).
enum class ErrorFormat { problem_json, html_page };

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::vector<std::string> segments;  // pattern split on '/'
  ErrorFormat errors = ErrorFormat::problem_json;
};

struct RouteMatch {
  const Route* route = nullptr;        // null: no route for this method
  PathParams params;
  std::vector<std::string> allowed;    // methods the path supports (empty: unknown path)
};

class RouteTable {
 public:
  void add(std::string method, std::string pattern, Handler handler, ErrorFormat errors = ErrorFormat::problem_json);
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const noexcept { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace kb::http
