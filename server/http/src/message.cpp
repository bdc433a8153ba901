#include "kb/http/message.h"

#include "kb/stemming/utf8.h"
#include "kb/stemming/ascii_text.h"

namespace kb::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> find_header(const Headers& headers, std::string_view name) {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> HttpRequest::header(std::string_view name) const { return find_header(headers, name); }
std::optional<std::string> HttpResponse::header(std::string_view name) const { return find_header(headers, name); }

void HttpResponse::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers)
    if (k == name) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (!stemming::is_valid_utf8(out)) return std::nullopt;
  return out;
}

std::optional<Params> parse_query_string(std::string_view query) {
  Params params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
    if (!key || !value) return std::nullopt;
    params.emplace_back(std::move(*key), std::move(*value));
  }
  return params;
}

namespace {

// The q-value of one list member's parameters ("q=0.5"); 1 without one, 0
// for a malformed one (refusing is the safe reading).
double q_value(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    const std::string_view param = stemming::trim_blanks(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
    const std::string_view v = stemming::trim_blanks(param.substr(2));
    if (v.empty() || v.size() > 5 || (v[0] != '0' && v[0] != '1')) return 0;
    double q = v[0] - '0';
    if (v.size() > 1) {
      if (v[1] != '.') return 0;
      double scale = 0.1;
      for (std::size_t i = 2; i < v.size(); ++i, scale /= 10) {
        if (v[i] < '0' || v[i] > '9') return 0;
        q += (v[i] - '0') * scale;
      }
    }
    return q > 1 ? 0 : q;
  }
  return 1;
}

}  // namespace

bool accepts_encoding(std::string_view accept_encoding, std::string_view coding) {
  std::optional<double> named, any;
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const std::string_view member = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const auto semi = member.find(';');
    const std::string_view name = stemming::trim_blanks(member.substr(0, semi));
    const double q = q_value(semi == std::string_view::npos ? std::string_view() : member.substr(semi + 1));
    if (stemming::equals_ignoring_ascii_case(name, coding) || (coding == "gzip" && stemming::equals_ignoring_ascii_case(name, "x-gzip"))) named = q;
    else if (name == "*") any = q;
  }
  return named ? *named > 0 : any.value_or(0) > 0;
}

}  // namespace kb::http
