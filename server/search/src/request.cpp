#include "kb/search/request.h"

#include <algorithm>
#include <charconv>

#include "kb/schema/identifiers.h"
#include "kb/schema/municipality_registry.h"
#include "kb/schema/taxonomy.h"
#include "kb/search/errors.h"
#include "kb/stemming/utf8.h"

namespace kb::search {
namespace {

// An alias slug (`s-gravenhage`) filters as its municipality (`den-haag`).
std::string canonical_slug(const std::string& slug) {
  if (!schema::is_identifier(slug)) return slug;
  const schema::Municipality* m = schema::builtin_municipalities().find(slug);
  return m ? m->slug : slug;
}

}  // namespace

std::optional<long long> parse_integer(std::string_view text, long long min, long long max) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

std::optional<std::string> requested_lang(const Params& params) {
  std::string lang = "nl";
  for (const auto& [k, v] : params) {
    if (k != "lang" || v.empty()) continue;
    if (v != "nl" && v != "en") return std::nullopt;
    lang = v;
  }
  return lang;
}

std::string parse_lang(const Params& params) {
  auto lang = requested_lang(params);
  if (!lang) throw InvalidRequest("lang", "must be nl or en");
  return std::move(*lang);
}

int parse_int_param(const Params& params, std::string_view name, int fallback, int min, int max) {
  for (const auto& [k, v] : params) {
    if (k != name || v.empty()) continue;
    const auto n = parse_integer(v, min, max);
    if (!n)
      throw InvalidRequest(std::string(name), "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    fallback = static_cast<int>(*n);
  }
  return fallback;
}

SearchRequest parse_search_request(const Params& params, const Limits& limits) {
  SearchRequest r;
  std::vector<FieldProblem> problems;
  auto add_value = [&](std::vector<std::string>& list, const std::string& field, const std::string& v, bool valid) {
    if (!valid) {
      problems.push_back({field, "unknown value '" + v.substr(0, 80) + "'"});
    } else if (list.size() >= limits.max_filter_values) {
      problems.push_back({field, "at most " + std::to_string(limits.max_filter_values) + " values"});
    } else if (std::find(list.begin(), list.end(), v) == list.end()) {
      list.push_back(v);
    }
  };
  auto int_field = [&](const std::string& field, const std::string& v, long long min, long long max) -> std::optional<int> {
    const auto n = parse_integer(v, min, max);
    if (!n) problems.push_back({field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
    return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
  };
  for (const auto& [key, value] : params) {
    // An empty value means "not given": HTML forms send empty fields.
    if (value.empty()) continue;
    if (key == "q") {
      if (!stemming::is_valid_utf8(value)) {
        problems.push_back({"q", "must be valid UTF-8"});
      } else if (stemming::code_point_count(value) > limits.max_query_chars) {
        problems.push_back({"q", "at most " + std::to_string(limits.max_query_chars) + " characters"});
      } else {
        r.q = value;
      }
    } else if (key == "theme") {
      add_value(r.themes, "theme", value, schema::theme_index(value) >= 0);
    } else if (key == "maturity") {
      add_value(r.maturities, "maturity", value, schema::maturity_index(value) >= 0);
    } else if (key == "municipality") {
      add_value(r.municipalities, "municipality", canonical_slug(value), schema::is_identifier(value));
    } else if (key == "province") {
      add_value(r.provinces, "province", value, schema::builtin_municipalities().province_by_slug(value) != nullptr);
    } else if (key == "reused_in") {
      add_value(r.reused_in, "reused_in", canonical_slug(value), schema::is_identifier(value));
    } else if (key == "reused") {
      if (value == "true") r.reused_only = true;
      else if (value == "false") r.reused_only = false;
      else problems.push_back({"reused", "must be true or false"});
    } else if (key == "year_min") {
      r.year_min = int_field("year_min", value, 1990, 2100);
    } else if (key == "year_max") {
      r.year_max = int_field("year_max", value, 1990, 2100);
    } else if (key == "sort") {
      if (value == "relevance") r.sort = Sort::relevance;
      else if (value == "newest") r.sort = Sort::newest;
      else if (value == "title") r.sort = Sort::title;
      else if (value == "reuse") r.sort = Sort::reuse;
      else if (value == "updated") r.sort = Sort::updated;
      else problems.push_back({"sort", "must be relevance, newest, title, reuse or updated"});
    } else if (key == "page") {
      if (auto n = int_field("page", value, 1, limits.max_window)) r.page = *n;
    } else if (key == "per_page") {
      if (auto n = int_field("per_page", value, 1, limits.max_per_page)) r.per_page = *n;
    } else if (key == "lang") {
      if (value == "nl" || value == "en") r.lang = value;
      else problems.push_back({"lang", "must be nl or en"});  // as requested_lang()
    }
  }
  if (r.year_min && r.year_max && *r.year_min > *r.year_max)
    problems.push_back({"year_min", "must not be greater than year_max"});
  if (static_cast<long long>(r.page) * r.per_page > limits.max_window)
    problems.push_back({"page", "page × per_page must be at most " + std::to_string(limits.max_window)});
  if (!problems.empty()) throw InvalidRequest(std::move(problems));
  return r;
}

}  // namespace kb::search
