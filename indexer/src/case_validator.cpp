#include "kb/index/case_validator.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "kb/schema/identifiers.h"
#include "kb/schema/taxonomy.h"
#include "kb/stemming/utf8.h"
#include "kb/stemming/ascii_text.h"

namespace kb::index {
namespace {

using nlohmann::json;
using Names = std::span<const std::string_view>;

// Schema order: errors come out in this order.
constexpr std::array<std::string_view, 24> kFields = {
    "id",       "title",      "municipality", "themes",     "summary",      "problem",  "solution", "results",
    "lessons",  "scale_up",   "maturity",     "status",     "start_year",   "partners", "adopted_by", "derived_from",
    "tags",     "links",      "contact",      "language",   "title_en",     "summary_en", "updated", "visibility"};
using schema::kMaturities, schema::kPartnerKinds, schema::kStatuses, schema::kThemes;  // from corpus/themes.json
constexpr std::array<std::string_view, 2> kLanguages = {"nl", "en"};
constexpr std::array<std::string_view, 2> kVisibilities = {"published", "draft"};
constexpr std::array<std::string_view, 2> kPartnerFields = {"name", "kind"};
constexpr std::array<std::string_view, 2> kLinkFields = {"title", "url"};
constexpr std::array<std::string_view, 2> kContactFields = {"organisation", "email"};

constexpr std::size_t kMaxQuoted = 60;  // code points of a value quoted in a message

bool is_control(char32_t cp) noexcept {
  if (cp == U'\n' || cp == U'\t' || cp == U'\r') return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

std::string hex_code_point(char32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "U+";
  bool started = false;
  for (int shift = 20; shift >= 0; shift -= 4) {
    const auto nibble = static_cast<std::size_t>((cp >> shift) & 0xFu);
    if (nibble != 0 || shift < 16) started = true;
    if (started) out += kHex[nibble];
  }
  return out;
}

// A value shown inside a message: valid UTF-8, no control characters, at most
// kMaxQuoted code points, in single quotes.
std::string quote(std::string_view raw) {
  const std::string s = kb::stemming::sanitize_utf8(raw);
  std::string out = "'";
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (n == kMaxQuoted) {
      out += "\u2026";
      break;
    }
    const std::size_t start = i;
    const char32_t cp = kb::stemming::next_code_point(s, i);
    if (is_control(cp) || cp == U'\n' || cp == U'\r' || cp == U'\t') {
      out += ' ';
    } else {
      out.append(s, start, i - start);
    }
    ++n;
  }
  return out + "'";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The option closest to `word` (ignoring ASCII case, '_' = '-'), when within
// max(2, length / 3) edits; nullopt otherwise.
std::optional<std::string_view> closest_option(std::string_view word, Names options) {
  if (word.empty() || word.size() > 100) return std::nullopt;
  const std::string w = stemming::ascii_lower(word);
  const std::size_t limit = std::max<std::size_t>(2, w.size() / 3);
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (std::string_view option : options) {
    // Compare with '_' and '-' unified, so "scale-up" meets "scale_up".
    std::string a = w, b(option);
    std::replace(a.begin(), a.end(), '_', '-');
    std::replace(b.begin(), b.end(), '_', '-');
    const std::size_t d = edit_distance(a, b);
    if (d < best_distance) {
      best_distance = d;
      best = option;
    }
  }
  return best;
}

std::string list(Names options) {
  std::string out;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (i > 0) out += i + 1 == options.size() ? " or " : ", ";
    out += options[i];
  }
  return out;
}

std::string list_quoted(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += quote(names[i]);
  }
  return out;
}

bool contains(Names options, std::string_view s) { return std::find(options.begin(), options.end(), s) != options.end(); }

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number with a fraction";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    default: return "binary data";
  }
}

bool looks_like_html(std::string_view s) noexcept {
  for (std::size_t i = s.find('<'); i != std::string_view::npos && i + 1 < s.size(); i = s.find('<', i + 1)) {
    const char c = s[i + 1];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!') return true;
  }
  return false;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// local@domain.tld, ASCII: dot-atom local part (at most 64), hostname labels,
// an alphabetic top-level domain of two or more letters.
bool is_email(std::string_view s) noexcept {
  const auto at = s.find('@');
  if (at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = s.substr(0, at);
  const std::string_view domain = s.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return false;
  constexpr std::string_view kAtext = "!#$%&'*+/=?^_`{|}~-.";
  for (char c : local)
    if (!is_alpha(c) && !is_digit(c) && kAtext.find(c) == std::string_view::npos) return false;
  std::size_t labels = 0;
  std::string_view rest = domain;
  std::string_view label;
  while (true) {
    const auto dot = rest.find('.');
    label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!is_alpha(c) && !is_digit(c) && c != '-') return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return labels >= 2 && label.size() >= 2 && std::all_of(label.begin(), label.end(), is_alpha);
}

// nullopt when `url` is an acceptable http(s) link; else what is wrong.
std::optional<std::string> url_problem(std::string_view url) {
  for (char c : url) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7F) return "must not contain spaces or control characters (percent-encode them)";
    if (c == '<' || c == '>' || c == '"') return "must not contain '<', '>' or '\"' (percent-encode them)";
  }
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return "must start with http:// or https://, got " + quote(url);
  }
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  std::string_view host = authority.substr(authority.rfind('@') == std::string_view::npos ? 0 : authority.rfind('@') + 1);
  std::string_view port;
  if (host.starts_with('[')) {  // IPv6 literal
    const auto close = host.find(']');
    if (close == std::string_view::npos || close < 3) return "has an invalid host in " + quote(url);
    for (char c : host.substr(1, close - 1))
      if (!is_digit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F') && c != ':' && c != '.')
        return "has an invalid host in " + quote(url);
    const std::string_view after = host.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(':')) return "has an invalid host in " + quote(url);
      port = after.substr(1);
      if (port.empty()) return "has an invalid port in " + quote(url);
    }
  } else {
    if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
      if (port.empty()) return "has an invalid port in " + quote(url);
    }
    if (host.empty()) return "must have a host after the scheme, got " + quote(url);
    if (host.front() == '.' || host.front() == '-' || host.find("..") != std::string_view::npos)
      return "has an invalid host in " + quote(url);
    for (char c : host) {
      const auto b = static_cast<unsigned char>(c);
      if (!is_alpha(c) && !is_digit(c) && c != '.' && c != '-' && b < 0x80) return "has an invalid host in " + quote(url);
    }
  }
  if (port.size() > 5 || !std::all_of(port.begin(), port.end(), is_digit)) return "has an invalid port in " + quote(url);
  return std::nullopt;
}

bool is_real_date(int year, int month, int day) noexcept {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
  return day <= days;
}

std::string index_path(std::string_view field, std::size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

// --- the checks ---

class Checker {
 public:
  Checker(const schema::MunicipalityRegistry& registry, std::vector<FieldError>& errors) : registry_(registry), errors_(errors) {}

  void add(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }

  // Reports a non-string, invalid UTF-8 or a control character; returns the
  // string when it may be examined further (control characters are reported but
  // do not stop the other checks).
  const std::string* string(const std::string& field, const json& v) {
    if (!v.is_string()) {
      add(field, "must be a string, not " + type_name(v));
      return nullptr;
    }
    const auto& s = v.get_ref<const std::string&>();
    if (!kb::stemming::is_valid_utf8(s)) {
      add(field, "must be valid UTF-8");
      return nullptr;
    }
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) {
      const char32_t cp = kb::stemming::next_code_point(s, i);
      if (is_control(cp)) {
        add(field, "must not contain control characters (found " + hex_code_point(cp) + " at character " +
                       std::to_string(n + 1) + ")");
        break;
      }
    }
    return &s;
  }

  // A free-text field: min..max code points, plain text.
  void text(const std::string& field, const json& v, std::size_t min, std::size_t max, bool project_limit = false) {
    const std::string* s = string(field, v);
    if (!s) return;
    const std::size_t n = kb::stemming::code_point_count(*s);
    if (n < min || n > max) {
      if (min == 0) {
        add(field, "must be at most " + std::to_string(max) + " characters" + (project_limit ? " (project limit)" : "") +
                       ", got " + std::to_string(n));
      } else if (min == 1 && n == 0) {
        add(field, "must not be empty");
      } else {
        add(field, "must be " + std::to_string(min) + ".." + std::to_string(max) + " characters, got " + std::to_string(n));
      }
    }
    if (looks_like_html(*s)) add(field, "must be plain text, not HTML");
  }

  void long_text(const std::string& field, const json& v, std::size_t min = 0) {
    if (min > 0 && v.is_string() && v.get_ref<const std::string&>().empty()) {
      add(field, "must not be empty");
      return;
    }
    text(field, v, 0, CaseValidator::kMaxLongText, /*project_limit=*/true);
  }

  void enumeration(const std::string& field, const json& v, Names options) {
    const std::string* s = string(field, v);
    if (!s || contains(options, *s)) return;
    std::string message = "must be one of " + list(options) + ", got " + quote(*s);
    if (const auto guess = closest_option(*s, options)) message += "; did you mean '" + std::string(*guess) + "'?";
    add(field, std::move(message));
  }

  // A municipality name or alias; returns the match.
  const schema::Municipality* municipality(const std::string& field, const json& v) {
    const std::string* s = string(field, v);
    if (!s) return nullptr;
    if (s->empty()) {
      add(field, "must not be empty");
      return nullptr;
    }
    if (kb::stemming::code_point_count(*s) <= 200) {
      if (const auto* m = registry_.find(*s)) return m;
    }
    std::string message = "unknown municipality " + quote(*s);
    const auto suggestions = kb::stemming::code_point_count(*s) <= 200 ? registry_.closest(*s) : std::vector<std::string>{};
    if (suggestions.empty()) {
      message += " (not a Dutch municipality or a known alias of one)";
    } else {
      message += "; did you mean " + list_quoted(suggestions) + "?";
    }
    add(field, std::move(message));
    return nullptr;
  }

  // Checks that `v` is an array of at most `max` (and at least `min`) elements;
  // `what` names the elements in the count message.
  bool array(const std::string& field, const json& v, std::string_view element_type, std::size_t min, std::size_t max,
             std::string_view what) {
    if (!v.is_array()) {
      add(field, "must be an array of " + std::string(element_type) + ", not " + type_name(v));
      return false;
    }
    if (v.size() < min || v.size() > max) {
      if (min == 0) {
        add(field, "must have at most " + std::to_string(max) + " " + std::string(what) + ", got " + std::to_string(v.size()));
      } else {
        add(field, "must have " + std::to_string(min) + ".." + std::to_string(max) + " " + std::string(what) + ", got " +
                       std::to_string(v.size()));
      }
    }
    return true;
  }

  // Unknown keys of an object (reported at `prefix` + key) and missing required ones.
  void keys(const std::string& prefix, const json& object, Names allowed, Names required) {
    for (const auto& [key, value] : object.items()) {
      if (contains(allowed, key)) continue;
      std::string message = "unknown field";
      if (const auto guess = closest_option(key, allowed)) {
        message += "; did you mean '" + std::string(*guess) + "'?";
      } else {
        message += "; expected " + list(allowed);
      }
      add(prefix + kb::stemming::sanitize_utf8(key), std::move(message));
    }
    for (std::string_view key : required)
      if (!object.contains(key)) add(prefix + std::string(key), "is required");
  }

  void themes(const json& v) {
    if (!array("themes", v, "strings", 1, kThemes.size(), "themes")) return;
    std::vector<std::pair<std::string, std::size_t>> seen;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string field = index_path("themes", i);
      const std::string* s = string(field, v[i]);
      if (!s) continue;
      if (!contains(kThemes, *s)) {
        std::string message = "unknown theme " + quote(*s);
        if (const auto guess = closest_option(*s, kThemes)) {
          message += "; did you mean '" + std::string(*guess) + "'?";
        } else {
          message += "; expected one of " + list(kThemes);
        }
        add(field, std::move(message));
        continue;
      }
      const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& p) { return p.first == *s; });
      if (it != seen.end()) {
        add(field, "duplicate theme " + quote(*s) + " (also themes[" + std::to_string(it->second) + "])");
      } else {
        seen.emplace_back(*s, i);
      }
    }
  }

  void start_year(const json& v) {
    if (v.is_number_float()) {
      add("start_year", "must be an integer, got " + v.dump());
      return;
    }
    if (!v.is_number_integer()) {
      add("start_year", "must be an integer, not " + type_name(v));
      return;
    }
    const bool in_range = v.is_number_unsigned() ? v.get<std::uint64_t>() >= 1990 && v.get<std::uint64_t>() <= 2100
                                                 : v.get<std::int64_t>() >= 1990 && v.get<std::int64_t>() <= 2100;
    if (!in_range) add("start_year", "must be 1990..2100, got " + v.dump());
  }

  void partners(const json& v) {
    if (!array("partners", v, "objects", 0, 50, "partners")) return;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string field = index_path("partners", i);
      const json& p = v[i];
      if (!p.is_object()) {
        add(field, "must be an object with name and kind, not " + type_name(p));
        continue;
      }
      keys(field + ".", p, kPartnerFields, kPartnerFields);
      if (p.contains("name")) text(field + ".name", p["name"], 1, 200);
      if (p.contains("kind")) enumeration(field + ".kind", p["kind"], kPartnerKinds);
    }
  }

  void adopted_by(const json& v) {
    if (!array("adopted_by", v, "strings", 0, 100, "municipalities")) return;
    std::vector<std::pair<const schema::Municipality*, std::size_t>> seen;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string field = index_path("adopted_by", i);
      const schema::Municipality* m = municipality(field, v[i]);
      if (!m) continue;
      const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& p) { return p.first == m; });
      if (it != seen.end()) {
        add(field, "duplicate municipality " + quote(m->display_name) + " (also adopted_by[" + std::to_string(it->second) +
                       "])");
      } else {
        seen.emplace_back(m, i);
      }
    }
  }

  void tags(const json& v) {
    if (!array("tags", v, "strings", 0, 30, "tags")) return;
    for (std::size_t i = 0; i < v.size(); ++i) text(index_path("tags", i), v[i], 1, 60);
  }

  void links(const json& v) {
    if (!array("links", v, "objects", 0, 20, "links")) return;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string field = index_path("links", i);
      const json& l = v[i];
      if (!l.is_object()) {
        add(field, "must be an object with title and url, not " + type_name(l));
        continue;
      }
      keys(field + ".", l, kLinkFields, kLinkFields);
      if (l.contains("title")) text(field + ".title", l["title"], 1, 200);
      if (l.contains("url")) url(field + ".url", l["url"]);
    }
  }

  void url(const std::string& field, const json& v) {
    const std::string* s = string(field, v);
    if (!s) return;
    if (const std::size_t n = kb::stemming::code_point_count(*s); n > 2000) {
      add(field, "must be at most 2000 characters, got " + std::to_string(n));
      return;
    }
    if (auto problem = url_problem(*s)) add(field, std::move(*problem));
  }

  void contact(const json& v) {
    if (!v.is_object()) {
      add("contact", "must be an object with organisation and/or email, not " + type_name(v));
      return;
    }
    if (v.empty()) {
      add("contact", "must have organisation and/or email");
      return;
    }
    keys("contact.", v, kContactFields, {});
    if (v.contains("organisation")) text("contact.organisation", v["organisation"], 1, 200);
    if (v.contains("email")) {
      const std::string* s = string("contact.email", v["email"]);
      if (!s) return;
      if (const std::size_t n = kb::stemming::code_point_count(*s); n > 254) {
        add("contact.email", "must be at most 254 characters, got " + std::to_string(n));
      } else if (!is_email(*s)) {
        add("contact.email", "must be an email address like info@gemeente.nl, got " + quote(*s));
      }
    }
  }

  void updated(const json& v) {
    const std::string* s = string("updated", v);
    if (!s) return;
    const std::string& d = *s;
    const bool shape = d.size() == 10 && d[4] == '-' && d[7] == '-' &&
                       std::all_of(d.begin(), d.begin() + 4, is_digit) && is_digit(d[5]) && is_digit(d[6]) &&
                       is_digit(d[8]) && is_digit(d[9]);
    if (!shape) {
      add("updated", "must be a date YYYY-MM-DD, got " + quote(d));
      return;
    }
    const int year = std::stoi(d.substr(0, 4));
    const int month = std::stoi(d.substr(5, 2));
    const int day = std::stoi(d.substr(8, 2));
    if (!is_real_date(year, month, day)) add("updated", "is not a real date: " + d);
  }

 private:
  const schema::MunicipalityRegistry& registry_;
  std::vector<FieldError>& errors_;
};

}  // namespace

CaseValidator::CaseValidator(const schema::MunicipalityRegistry& registry) : registry_(registry) {}

std::vector<FieldError> CaseValidator::validate(const json& record) const {
  std::vector<FieldError> errors;
  Checker check(registry_, errors);
  if (!record.is_object()) {
    check.add("", "a case must be a JSON object, not " + type_name(record));
    return errors;
  }
  static constexpr std::array<std::string_view, 7> kRequired = {"id",      "title",    "municipality", "themes",
                                                                "summary", "solution", "maturity"};
  check.keys("", record, kFields, {});

  for (std::string_view name : kFields) {
    const std::string field(name);
    const auto it = record.find(field);
    if (it == record.end()) {
      if (contains(kRequired, name)) check.add(field, "is required");
      continue;
    }
    const json& v = *it;
    if (name == "id") {
      if (const std::string* s = check.string(field, v)) {
        if (const std::size_t n = kb::stemming::code_point_count(*s); n > schema::kMaxIdentifierLength) {
          check.add(field, "must be at most " + std::to_string(schema::kMaxIdentifierLength) + " characters, got " +
                               std::to_string(n));
        } else if (!schema::is_kebab_case(*s)) {
          check.add(field, "must be lowercase letters and digits in words joined by single hyphens "
                           "(like 'rotterdam-waterplein'), got " + quote(*s));
        }
      }
    } else if (name == "title" || name == "title_en") {
      check.text(field, v, 3, 200);
    } else if (name == "summary" || name == "summary_en") {
      check.text(field, v, 20, 1000);
    } else if (name == "municipality") {
      check.municipality(field, v);
    } else if (name == "themes") {
      check.themes(v);
    } else if (name == "solution") {
      check.long_text(field, v, 1);
    } else if (name == "problem" || name == "results" || name == "lessons" || name == "scale_up") {
      check.long_text(field, v);
    } else if (name == "maturity") {
      check.enumeration(field, v, kMaturities);
    } else if (name == "status") {
      check.enumeration(field, v, kStatuses);
    } else if (name == "start_year") {
      check.start_year(v);
    } else if (name == "partners") {
      check.partners(v);
    } else if (name == "adopted_by") {
      check.adopted_by(v);
    } else if (name == "derived_from") {
      // The shape only; whether the id exists and makes no cycle needs the
      // other records and is checked where they are known.
      if (const std::string* s = check.string(field, v)) {
        if (!schema::is_identifier(*s)) {
          check.add(field, "must be the id of another case (like 'rotterdam-waterplein'), got " + quote(*s));
        } else if (const auto id = record.find("id"); id != record.end() && id->is_string() && *id == *s) {
          check.add(field, "must name another case, not the case itself");
        }
      }
    } else if (name == "tags") {
      check.tags(v);
    } else if (name == "links") {
      check.links(v);
    } else if (name == "contact") {
      check.contact(v);
    } else if (name == "language") {
      check.enumeration(field, v, kLanguages);
    } else if (name == "updated") {
      check.updated(v);
    } else if (name == "visibility") {
      check.enumeration(field, v, kVisibilities);
    }
  }
  return errors;
}

}  // namespace kb::index
