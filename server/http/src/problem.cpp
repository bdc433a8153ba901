#include "kb/http/problem.h"

#include <nlohmann/json.hpp>


namespace kb::http {

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

HttpResponse problem_response(int status, std::string_view title, std::string_view detail,
                              const std::vector<search::FieldProblem>& errors) {
  nlohmann::json doc = {{"type", "about:blank"}, {"title", title}, {"status", status}};
  if (!detail.empty()) doc["detail"] = detail;
  if (!errors.empty()) {
    auto list = nlohmann::json::array();
    for (const auto& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
    doc["errors"] = std::move(list);
  }
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.set_header("cache-control", "no-store");
  return r;
}

}  // namespace kb::http
