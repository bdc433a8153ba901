#pragma once
// RFC 9457 problem documents, and the one place where the typed errors of
// the core become HTTP status codes.
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "kb/http/message.h"
#include "kb/search/errors.h"

namespace kb::http {

// A request-level error raised by the application layer itself.
class HttpProblem : public std::runtime_error {
 public:
  HttpProblem(int status, std::string title, std::string detail = {}, std::vector<search::FieldProblem> errors = {})
      : std::runtime_error(title), status_(status), title_(std::move(title)), detail_(std::move(detail)),
        errors_(std::move(errors)) {}
  int status() const noexcept { return status_; }
  const std::string& title() const noexcept { return title_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::vector<search::FieldProblem>& errors() const noexcept { return errors_; }
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Allow, WWW-Authenticate

 private:
  int status_;
  std::string title_, detail_;
  std::vector<search::FieldProblem> errors_;
};

HttpResponse problem_response(int status, std::string_view title, std::string_view detail = {},
                              const std::vector<search::FieldProblem>& errors = {});

// Maps the exception in flight to a problem response: InvalidRequest 400,
// NotFound 404, IndexUnavailable 503, HttpProblem its own status, anything
// else 500 with a generic text (the exception text is never sent).
HttpResponse problem_from_exception(std::exception_ptr error);

std::string_view reason_phrase(int status);

}  // namespace kb::http
