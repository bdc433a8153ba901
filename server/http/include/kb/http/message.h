#pragma once
// HTTP requests and responses as plain values, so that the application layer
// (routing, problem documents, CORS, caching) is testable without a socket.
// The Pistache edge converts to and from these.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/search/request.h"

namespace kb::http {

using Params = kb::search::Params;
using Headers = std::vector<std::pair<std::string, std::string>>;  // names lowercase

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query
  Params query;        // in order, repeated names kept
  Headers headers;
  std::string body;
  // The client's address, for throttling wrong curation keys only; never logged.
  std::string peer;
  // The first value of header `name` (lowercase), if any.
  std::optional<std::string> header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  Headers headers;
  std::string body;
  // When set, the body is this file, sent from disk (sendfile) and removed
  // once sent; `body` stays empty. For answers too large to hold in memory.
  std::string body_file;
  void set_header(std::string name, std::string value);
  std::optional<std::string> header(std::string_view name) const;
};

// Decodes %XX and (in queries) '+'; nullopt on a malformed escape or a
// result that is not valid UTF-8.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);
// Splits `a=1&b=2&a=3` keeping order and repeats; nullopt when malformed.
std::optional<Params> parse_query_string(std::string_view query);

// Whether an Accept-Encoding value accepts `coding` (lowercase, e.g. "gzip"):
// named, or covered by "*", with a q-value above 0 (RFC 9110 12.5.3).
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

}  // namespace kb::http
