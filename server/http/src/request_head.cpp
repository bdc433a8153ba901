#include "kb/http/request_head.h"

#include <algorithm>

#include "kb/stemming/ascii_text.h"

namespace kb::http {
namespace {

// RFC 9110 5.6.2 tchar.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

HeadProblem bad(std::string reason) { return {400, std::move(reason)}; }

}  // namespace

std::optional<HeadProblem> check_request_head(std::string_view head, std::size_t max_body_bytes,
                                              std::size_t* content_length) {
  if (head.size() > kMaxRequestHead) return HeadProblem{431, "The request's header fields are too large."};
  const auto eol = head.find("\r\n");
  const std::string_view request_line = head.substr(0, eol);
  const bool http11 = request_line.ends_with(" HTTP/1.1");
  std::string_view rest = eol == std::string_view::npos ? std::string_view{} : head.substr(eol + 2);
  int content_lengths = 0, hosts = 0;
  unsigned long long length = 0;
  bool transfer_encoding = false;
  while (!rest.empty()) {
    const auto end = rest.find("\r\n");
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 2);
    if (line.empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') return bad("Header fields may not be folded over lines.");
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return bad("A header field has no name.");
    const std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), is_token_char))
      return bad("A header field name holds a character it may not (e.g. white space before ':').");
    const std::string lower = stemming::ascii_lower(name);
    const std::string_view value = stemming::trim_blanks(line.substr(colon + 1));
    if (lower == "content-length") {
      if (++content_lengths > 1) return bad("More than one Content-Length.");
      if (value.empty() || value.size() > 18 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return bad("Content-Length must be a decimal number of bytes.");
      length = std::stoull(std::string(value));
      if (length > max_body_bytes)
        return HeadProblem{413, "The body is larger than " + std::to_string(max_body_bytes) + " bytes."};
    } else if (lower == "transfer-encoding") {
      transfer_encoding = true;
    } else if (lower == "host") {
      ++hosts;
    }
  }
  if (content_lengths > 0 && transfer_encoding) return bad("Content-Length and Transfer-Encoding together.");
  if (transfer_encoding) return HeadProblem{411, "Send a request body with a Content-Length, not a Transfer-Encoding."};
  if (hosts > 1) return bad("More than one Host.");
  if (http11 && hosts == 0) return bad("HTTP/1.1 requests need a Host header.");
  if (content_length) *content_length = static_cast<std::size_t>(length);
  return std::nullopt;
}

}  // namespace kb::http
