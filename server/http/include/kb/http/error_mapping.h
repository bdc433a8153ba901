#pragma once
// The one mapping from error types to HTTP: every typed error of kb::search,
// kb::curation and the HTTP layer (request_errors.h), and any other exception,
// becomes a status, a problem document (API) or an HTML error page (pages).
// Nothing else in the program chooses an error status.
#include <exception>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kb/http/message.h"
#include "kb/search/errors.h"

namespace kb::http {

struct ErrorAnswer {
  int status = 500;
  std::string title;   // "Niet gevonden / Not found"
  std::string detail;  // English; never an unknown exception's text
  std::vector<search::FieldProblem> errors;
  nlohmann::json members = nlohmann::json::object();  // extension members of the problem, e.g. "current"
  Headers headers;          // e.g. retry-after, www-authenticate, allow
  std::string page_title;   // Dutch, for the HTML error page
  std::string page_detail;  // Dutch (or the detail), for the HTML error page
  std::string cause;        // for the error log: the error's type and text
};

ErrorAnswer map_error(std::exception_ptr error) noexcept;

// application/problem+json, Cache-Control: no-store.
HttpResponse problem_response(const ErrorAnswer& answer);
// text/html: the error page in the language of the request (Dutch first).
HttpResponse error_page_response(const ErrorAnswer& answer, const HttpRequest& request);

// One line on `log` for a 5xx: status, where (route or edge step), the cause.
void log_server_error(std::ostream& log, const ErrorAnswer& answer, std::string_view method, std::string_view path,
                      std::string_view where);

}  // namespace kb::http
