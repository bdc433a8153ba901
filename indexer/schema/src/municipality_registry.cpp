#include "kb/schema/municipality_registry.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "kb/stemming/utf8.h"
#include "kb/stemming/ascii_text.h"

namespace kb::schema {
namespace {

constexpr std::array<std::string_view, 6> kHeader = {"code", "name", "display_name", "slug", "province", "aliases"};

// A data error at a line of the CSV text; parse() and load() add the prefix.
struct CsvError {
  std::size_t line;
  std::string reason;
};

struct Row {
  std::size_t line;  // where the record starts
  std::vector<std::string> fields;
};

// RFC 4180: fields separated by ',', records by LF or CRLF; a quoted field may
// hold commas, line breaks and doubled quotes. Blank lines are skipped.
std::vector<Row> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<Row> rows;
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    Row row{line, {}};
    std::string field;
    bool any_quoted = false;
    while (true) {  // one field per iteration
      bool quoted = false;
      if (i < text.size() && text[i] == '"') {
        quoted = any_quoted = true;
        const std::size_t open_line = line;
        ++i;
        while (true) {
          if (i >= text.size()) throw CsvError{open_line, "unterminated quoted field"};
          const char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line;
            field += c;
          }
        }
      }
      // Unquoted field, or what follows a closing quote.
      while (i < text.size() && text[i] != ',' && text[i] != '\n') {
        const char c = text[i];
        if (c == '\r' && (i + 1 == text.size() || text[i + 1] == '\n')) {
          ++i;
          continue;
        }
        if (quoted) throw CsvError{line, "unexpected character after a closing quote"};
        if (c == '"') throw CsvError{line, "quote inside an unquoted field (quote the whole field)"};
        field += c;
        ++i;
      }
      row.fields.push_back(std::move(field));
      field.clear();
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      break;  // end of record (newline or end of text)
    }
    if (i < text.size()) {  // the '\n'
      ++i;
      ++line;
    }
    const bool blank = row.fields.size() == 1 && row.fields[0].empty() && !any_quoted;
    if (!blank) rows.push_back(std::move(row));
  }
  return rows;
}

bool is_code(std::string_view s) noexcept {
  return s.size() == 6 && s.starts_with("GM") &&
         std::all_of(s.begin() + 2, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b, std::size_t limit) {
  const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > limit) return limit + 1;
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool is_separator(char c) noexcept {
  switch (c) {
    case ' ': case '\t': case '-': case '_': case ',': case '.': case '(': case ')': case '/': return true;
    default: return false;
  }
}

// Folded text as kebab case: every run of other characters one hyphen.
std::string slug_of(std::string_view folded) {
  std::string out;
  for (const char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  if (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace

std::string MunicipalityRegistry::key(std::string_view name) const {
  if (!kb::stemming::is_valid_utf8(name)) return {};
  // Apostrophes go before folding, so "'s-Gravenhage" = "s-Gravenhage" and the
  // normalizer's "'s" plural rule never applies to a name.
  std::string cleaned;
  cleaned.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '\'' || name[i] == '`') continue;
    if (name.substr(i).starts_with("\u2019") || name.substr(i).starts_with("\u2018")) {
      i += 2;
      continue;
    }
    if (name.substr(i).starts_with("\u02BC")) {
      i += 1;
      continue;
    }
    cleaned += name[i];
  }
  std::string out;
  std::string_view rest = cleaned;
  while (!rest.empty()) {
    const auto start = std::find_if_not(rest.begin(), rest.end(), is_separator);
    const auto stop = std::find_if(start, rest.end(), is_separator);
    if (start != stop) {
      if (!out.empty()) out += ' ';
      out += normalizer_.fold(std::string_view(&*start, static_cast<std::size_t>(stop - start)));
    }
    rest.remove_prefix(static_cast<std::size_t>(stop - rest.begin()));
  }
  return out;
}

void MunicipalityRegistry::add(Municipality m, std::size_t line) {
  const std::size_t index = municipalities_.size();
  if (by_slug_.contains(m.slug)) throw CsvError{line, "duplicate slug '" + m.slug + "'"};
  for (const auto& other : municipalities_)
    if (other.code == m.code) throw CsvError{line, "duplicate code '" + m.code + "'"};
  by_slug_.emplace(m.slug, index);
  m.province_slug = slug_of(key(m.province));
  if (!is_kebab_case(m.province_slug)) throw CsvError{line, "province '" + m.province + "' has no letters or digits"};
  if (const Province* known = province_by_slug(m.province_slug)) {
    if (known->name != m.province)
      throw CsvError{line, "province '" + m.province + "' is spelled '" + known->name + "' elsewhere"};
  } else {
    const auto at = std::lower_bound(provinces_.begin(), provinces_.end(), m.province,
                                     [](const Province& p, const std::string& name) { return p.name < name; });
    provinces_.insert(at, Province{m.province_slug, m.province});
  }

  std::vector<std::string_view> names = {m.name, m.display_name, m.slug};
  for (const auto& alias : m.aliases) names.push_back(alias);
  for (std::string_view n : names) {
    std::string k = key(n);
    if (k.empty()) throw CsvError{line, "name '" + std::string(n) + "' has no letters or digits"};
    const auto [it, inserted] = by_key_.emplace(k, index);
    if (!inserted && it->second != index)
      throw CsvError{line, "name '" + std::string(n) + "' is already used by " + municipalities_[it->second].code};
  }
  // Suggestions: the display name first, then the official name and the aliases.
  std::vector<std::string_view> labels = {m.display_name, m.name};
  for (const auto& alias : m.aliases) labels.push_back(alias);
  for (std::string_view label : labels) {
    if (std::any_of(candidates_.begin(), candidates_.end(),
                    [&](const Candidate& c) { return c.index == index && c.label == label; }))
      continue;
    candidates_.push_back({std::string(label), kb::stemming::to_u32(key(label)), index});
  }
  municipalities_.push_back(std::move(m));
}

MunicipalityRegistry MunicipalityRegistry::parse(std::string_view csv_text) {
  MunicipalityRegistry registry;
  try {
    if (!kb::stemming::is_valid_utf8(csv_text)) {
      std::size_t line = 1;
      std::string_view rest = csv_text;
      while (kb::stemming::is_valid_utf8(rest.substr(0, rest.find('\n')))) {
        rest.remove_prefix(rest.find('\n') + 1);
        ++line;
      }
      throw CsvError{line, "invalid UTF-8"};
    }
    const auto rows = parse_csv(csv_text);
    if (rows.empty()) throw CsvError{1, "empty file; expected the header code,name,display_name,slug,province,aliases"};
    const auto& header = rows.front();
    if (!std::equal(header.fields.begin(), header.fields.end(), kHeader.begin(), kHeader.end()))
      throw CsvError{header.line, "expected the header code,name,display_name,slug,province,aliases"};
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const auto& row = rows[r];
      if (row.fields.size() != kHeader.size())
        throw CsvError{row.line, "expected 6 fields, got " + std::to_string(row.fields.size())};
      Municipality m;
      m.code = stemming::trim_blanks(row.fields[0]);
      m.name = stemming::trim_blanks(row.fields[1]);
      m.display_name = stemming::trim_blanks(row.fields[2]);
      m.slug = stemming::trim_blanks(row.fields[3]);
      m.province = stemming::trim_blanks(row.fields[4]);
      for (std::size_t f = 0; f < 5; ++f)
        if (stemming::trim_blanks(row.fields[f]).empty()) throw CsvError{row.line, "empty " + std::string(kHeader[f])};
      if (!is_code(m.code)) throw CsvError{row.line, "code '" + m.code + "' is not GM followed by 4 digits"};
      if (!is_kebab_case(m.slug)) throw CsvError{row.line, "slug '" + m.slug + "' is not lowercase words joined by '-'"};
      std::string_view aliases = row.fields[5];
      while (true) {
        const auto bar = aliases.find('|');
        const auto alias = stemming::trim_blanks(aliases.substr(0, bar));
        if (!alias.empty()) m.aliases.emplace_back(alias);
        if (bar == std::string_view::npos) break;
        aliases.remove_prefix(bar + 1);
      }
      registry.add(std::move(m), row.line);
    }
  } catch (const CsvError& e) {
    throw std::runtime_error("line " + std::to_string(e.line) + ": " + e.reason);
  }
  return registry;
}

MunicipalityRegistry MunicipalityRegistry::load(const std::string& csv_path) {
  std::ifstream in(csv_path, std::ios::binary);
  if (!in) throw std::runtime_error(csv_path + ": cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::runtime_error(csv_path + ": read error");
  try {
    return parse(text.str());
  } catch (const std::runtime_error& e) {
    // "line N: reason" -> "path:N: reason"
    std::string_view what = e.what();
    if (what.starts_with("line ")) what.remove_prefix(5);
    throw std::runtime_error(csv_path + ":" + std::string(what));
  }
}

const Municipality* MunicipalityRegistry::find(std::string_view name) const {
  if (const auto* m = by_slug(name)) return m;
  const std::string k = key(name);
  if (k.empty()) return nullptr;
  const auto it = by_key_.find(k);
  return it == by_key_.end() ? nullptr : &municipalities_[it->second];
}

const Municipality* MunicipalityRegistry::by_slug(std::string_view slug) const {
  const auto it = by_slug_.find(std::string(slug));
  return it == by_slug_.end() ? nullptr : &municipalities_[it->second];
}

const Province* MunicipalityRegistry::province_by_slug(std::string_view slug) const {
  for (const auto& p : provinces_)
    if (p.slug == slug) return &p;
  return nullptr;
}

std::string MunicipalityRegistry::label_of_slug(std::string_view slug) const {
  const Municipality* m = by_slug(slug);
  return m ? m->display_name : std::string(slug);
}

std::vector<std::string> MunicipalityRegistry::closest(std::string_view name, std::size_t n) const {
  std::vector<std::string> out;
  const std::u32string query = kb::stemming::to_u32(key(name));
  if (query.empty() || n == 0) return out;
  const std::size_t limit = std::max<std::size_t>(2, query.size() / 3);
  struct Hit {
    std::size_t distance;
    const Candidate* candidate;
  };
  std::vector<Hit> hits;
  for (const auto& c : candidates_) {
    const std::size_t d = edit_distance(query, c.key, limit);
    if (d <= limit) hits.push_back({d, &c});
  }
  // Best first; ties keep the file order (display name before aliases).
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.distance < b.distance; });
  std::vector<std::size_t> seen;
  for (const auto& h : hits) {
    if (out.size() == n) break;
    if (std::find(seen.begin(), seen.end(), h.candidate->index) != seen.end()) continue;  // one per municipality
    seen.push_back(h.candidate->index);
    out.push_back(h.candidate->label);
  }
  return out;
}

const std::vector<Municipality>& MunicipalityRegistry::all() const noexcept { return municipalities_; }

const MunicipalityRegistry& builtin_municipalities() {
  static const MunicipalityRegistry registry = MunicipalityRegistry::parse(builtin_municipalities_csv());
  return registry;
}

}  // namespace kb::schema
