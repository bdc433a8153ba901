#include "kb/http/route_table.h"

#include <algorithm>

namespace kb::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    const auto slash = path.find('/', i);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    if (end > i) out.emplace_back(path.substr(i, end - i));
    if (slash == std::string_view::npos) break;
    i = slash + 1;
  }
  return out;
}

bool matches(const Route& route, const std::vector<std::string>& segments, PathParams& params) {
  if (route.segments.size() != segments.size()) return false;
  PathParams found;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& p = route.segments[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      found[p.substr(1, p.size() - 2)] = segments[i];
    } else if (p != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void RouteTable::add(std::string method, std::string pattern, Handler handler, ErrorFormat errors) {
  Route r{std::move(method), pattern, std::move(handler), split_path(pattern), errors};
  routes_.push_back(std::move(r));
}

RouteMatch RouteTable::match(std::string_view method, std::string_view path) const {
  RouteMatch m;
  const auto segments = split_path(path);
  // Literal segments win over parameters (`/cases/{id}` vs `/cases/new`):
  // routes are tried in registration order, literal routes registered first.
  for (const auto& route : routes_) {
    PathParams params;
    if (!matches(route, segments, params)) continue;
    if (std::find(m.allowed.begin(), m.allowed.end(), route.method) == m.allowed.end()) m.allowed.push_back(route.method);
    if (!m.route && route.method == method) {
      m.route = &route;
      m.params = std::move(params);
    }
  }
  if (!m.allowed.empty() && std::find(m.allowed.begin(), m.allowed.end(), "GET") != m.allowed.end() &&
      std::find(m.allowed.begin(), m.allowed.end(), "HEAD") == m.allowed.end())
    m.allowed.push_back("HEAD");
  if (!m.allowed.empty()) m.allowed.push_back("OPTIONS");
  return m;
}

}  // namespace kb::http
