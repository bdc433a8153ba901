#pragma once
// Typed errors of the search core. The HTTP edge maps them to status codes
// and problem documents in one place; the core knows nothing of HTTP.
#include <stdexcept>
#include <string>
#include <vector>

namespace kb::search {

struct FieldProblem {
  std::string field;
  std::string message;
};

// The request is malformed or out of bounds (HTTP 400).
class InvalidRequest : public std::runtime_error {
 public:
  explicit InvalidRequest(std::vector<FieldProblem> problems)
      : std::runtime_error(problems.empty() ? "invalid request" : problems.front().field + ": " + problems.front().message),
        problems_(std::move(problems)) {}
  InvalidRequest(std::string field, std::string message)
      : InvalidRequest(std::vector<FieldProblem>{FieldProblem{std::move(field), std::move(message)}}) {}
  const std::vector<FieldProblem>& problems() const noexcept { return problems_; }

 private:
  std::vector<FieldProblem> problems_;
};

// The case does not exist or is not visible to the caller (HTTP 404).
class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The index cannot be opened or read (HTTP 503).
class IndexUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace kb::search
