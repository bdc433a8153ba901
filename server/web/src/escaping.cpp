// HTML escaping, the snippet check and URL building.
#include <string>
#include <string_view>

#include "kb/web/pages.h"
#include "kb/stemming/utf8.h"
#include "page_parts.h"

namespace kb::web {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string snippet_html(const search::Snippet& snippet) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& m : snippet.marks) {
    if (m.begin < pos || m.end > snippet.text.size() || m.end < m.begin) continue;  // not from the Snippeter
    out += html_escape(std::string_view(snippet.text).substr(pos, m.begin - pos));
    out += "<mark>";
    out += html_escape(std::string_view(snippet.text).substr(m.begin, m.end - m.begin));
    out += "</mark>";
    pos = m.end;
  }
  out += html_escape(std::string_view(snippet.text).substr(pos));
  return out;
}

namespace detail {

std::string_view tr(const PageRequest& req, std::string_view nl, std::string_view en) {
  return req.lang == "en" ? en : nl;
}

std::string_view page_lang(const PageRequest& req) { return req.lang == "en" ? "en" : "nl"; }

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' ||
                            c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

std::string query_string(const Params& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    // An empty value means "not set"; sending it (year_min=) would be an invalid request.
    if (value.empty()) continue;
    out += out.empty() ? '?' : '&';
    out += url_encode(key);
    out += '=';
    out += url_encode(value);
  }
  return out;
}

Params without(const Params& params, std::initializer_list<std::string_view> keys) {
  Params out;
  for (const auto& entry : params) {
    bool drop = false;
    for (std::string_view key : keys) drop = drop || entry.first == key;
    if (!drop) out.push_back(entry);
  }
  return out;
}

std::string param(const Params& params, std::string_view key) {
  for (const auto& [k, v] : params) {
    if (k == key) return v;
  }
  return {};
}

bool has_param(const Params& params, std::string_view key, std::string_view value) {
  for (const auto& [k, v] : params) {
    if (k == key && v == value) return true;
  }
  return false;
}

std::string href(std::string_view path, const Params& params) {
  return html_escape(std::string(path) + query_string(params));
}

std::string case_href(std::string_view id, const PageRequest& req) {
  Params params;
  if (req.lang == "en") params.emplace_back("lang", "en");
  return href("/cases/" + url_encode(id), params);
}

std::string municipality_href(std::string_view slug, const PageRequest& req) {
  Params params;
  if (req.lang == "en") params.emplace_back("lang", "en");
  return href("/gemeenten/" + url_encode(slug), params);
}

std::string municipality_link(std::string_view name, std::string_view slug, const PageRequest& req) {
  if (slug.empty()) return html_escape(name);
  return "<a href=\"" + municipality_href(slug, req) + "\">" + html_escape(name) + "</a>";
}

std::string reuse_count_text(long long count, const PageRequest& req) {
  if (count == 1) return std::string(tr(req, "Hergebruikt door 1 gemeente", "Reused by 1 municipality"));
  return std::string(tr(req, "Hergebruikt door ", "Reused by ")) + std::to_string(count) +
         std::string(tr(req, " gemeenten", " municipalities"));
}

std::string paragraphs_html(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view block = text.substr(start, end - start);
    while (!block.empty() && (block.front() == '\n' || block.front() == ' ')) block.remove_prefix(1);
    while (!block.empty() && (block.back() == '\n' || block.back() == ' ')) block.remove_suffix(1);
    if (!block.empty()) {
      std::string escaped = html_escape(block);
      std::string with_breaks;
      for (char c : escaped) {
        if (c == '\n') {
          with_breaks += "<br>";
        } else {
          with_breaks += c;
        }
      }
      out += "<p>" + with_breaks + "</p>\n";
    }
    start = end + 2;
  }
  return out;
}

}  // namespace detail
}  // namespace kb::web
