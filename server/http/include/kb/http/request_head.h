#pragma once
// The project's own reading of a request's head (request line and header
// fields, up to the blank line) before Pistache parses it (issue 15 point 4).
// Pistache 0.0.5 takes the first of two Content-Length values, accepts
// `abc`, `+2` and `2, 2`, and needs no Host: a reverse proxy in front may read
// the same bytes differently (request smuggling). Here they are refused.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kb::http {

// Longest head read; a longer one is refused (431).
inline constexpr std::size_t kMaxRequestHead = 64u << 10;

struct HeadProblem {
  int status;          // 400, 411, 413 or 431
  std::string reason;  // English, for the problem document's detail
};

// nullopt when the head is acceptable: header names are tokens directly
// followed by ':', no obsolete line folding, at most one Content-Length, only
// digits and at most `max_body_bytes` (413 at once, before the body is read),
// no Transfer-Encoding (411: a body needs a Content-Length, so that no chunk
// size is ever parsed), and exactly one Host in HTTP/1.1 (at most one in 1.0).
// `head` is everything before the first "\r\n\r\n". When it is accepted and
// `content_length` is given, that gets the body's length (0 without one).
std::optional<HeadProblem> check_request_head(std::string_view head, std::size_t max_body_bytes,
                                              std::size_t* content_length = nullptr);

}  // namespace kb::http
