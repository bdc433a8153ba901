#pragma once
// Typed errors of the HTTP layer itself: the request cannot be served as sent
// (or the server cannot take it now). error_mapping.cpp gives each its status
// and problem document, like every other error.
#include <stdexcept>
#include <string>
#include <vector>

namespace kb::http {

#define KB_HTTP_REQUEST_ERROR(Name)                 \
  class Name : public std::runtime_error {          \
   public:                                          \
    using std::runtime_error::runtime_error;        \
  };

KB_HTTP_REQUEST_ERROR(UnsupportedMediaType)  // what(): the detail
KB_HTTP_REQUEST_ERROR(ContentTooLarge)       // what(): the limit, as a detail
KB_HTTP_REQUEST_ERROR(InvalidJson)           // what(): the parser's error
KB_HTTP_REQUEST_ERROR(InvalidUrl)            // what(): which part is malformed
KB_HTTP_REQUEST_ERROR(NoSuchPath)            // no route has this path
KB_HTTP_REQUEST_ERROR(ServerStopping)        // graceful stop in progress
KB_HTTP_REQUEST_ERROR(ServerBusy)            // the worker queue is full
KB_HTTP_REQUEST_ERROR(RequestTimeout)        // headers or body not received in time
#undef KB_HTTP_REQUEST_ERROR

// No valid curation key. `configured`: the server has keys at all.
class Unauthorized : public std::runtime_error {
 public:
  explicit Unauthorized(bool configured) : std::runtime_error("no valid curation key"), configured_(configured) {}
  bool configured() const noexcept { return configured_; }

 private:
  bool configured_;
};

// Too many wrong curation keys from this client address lately (issue 15 point 6).
class TooManyAttempts : public std::runtime_error {
 public:
  explicit TooManyAttempts(long retry_after_s)
      : std::runtime_error("too many wrong curation keys from this address"), retry_after_s_(retry_after_s) {}
  long retry_after_s() const noexcept { return retry_after_s_; }

 private:
  long retry_after_s_;
};

// The path exists, not with this method.
class MethodNotAllowed : public std::runtime_error {
 public:
  explicit MethodNotAllowed(std::vector<std::string> allowed)
      : std::runtime_error("method not allowed"), allowed_(std::move(allowed)) {}
  const std::vector<std::string>& allowed() const noexcept { return allowed_; }

 private:
  std::vector<std::string> allowed_;
};

// The bytes are not an HTTP request; `parser_status` is what the HTTP parser
// reported (a 4xx), `what()` its reason.
class MalformedRequest : public std::runtime_error {
 public:
  MalformedRequest(int parser_status, const std::string& reason)
      : std::runtime_error(reason), parser_status_(parser_status) {}
  int parser_status() const noexcept { return parser_status_; }

 private:
  int parser_status_;
};

}  // namespace kb::http
