#pragma once
// The known Dutch municipalities (corpus/municipalities.csv) and their aliases,
// matched case- and diacritic-insensitively ("den haag" = "'s-Gravenhage").
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/schema/identifiers.h"
#include "kb/stemming/normalizer.h"

namespace kb::schema {

struct Municipality {
  std::string code, name, display_name, slug, province;
  std::vector<std::string> aliases;
  std::string province_slug;  // the province name folded to kebab case: "Fryslân" -> "fryslan"
};

struct Province {
  std::string slug, name;  // "noord-brabant", "Noord-Brabant"
};

class MunicipalityRegistry {
 public:
  // CSV with header `code,name,display_name,slug,province,aliases` (RFC 4180
  // quoting; aliases `|`-separated). Throws std::runtime_error("path:line: reason").
  static MunicipalityRegistry load(const std::string& csv_path);
  // Same, from text; errors read "line N: reason".
  static MunicipalityRegistry parse(std::string_view csv_text);

  // Case- and diacritic-insensitive match on name, display_name, any alias or the
  // slug. nullptr when unknown (or when `name` is not valid UTF-8).
  const Municipality* find(std::string_view name) const;
  const Municipality* by_slug(std::string_view slug) const;
  // The display name of a slug, or the slug itself when unknown.
  std::string label_of_slug(std::string_view slug) const;
  // Up to n known names (display_name, name or alias; at most one per
  // municipality) closest to `name` by edit distance on the folded forms, best
  // first; only those within max(2, length / 3) edits.
  std::vector<std::string> closest(std::string_view name, std::size_t n = 3) const;
  const std::vector<Municipality>& all() const noexcept;
  // Every province of the list, by name.
  const std::vector<Province>& provinces() const noexcept { return provinces_; }
  const Province* province_by_slug(std::string_view slug) const;

  // The folded key names are compared by: pieces split on spaces, hyphens and
  // punctuation, apostrophes dropped, each piece folded, joined by one space.
  std::string key(std::string_view name) const;

 private:
  MunicipalityRegistry() = default;
  void add(Municipality m, std::size_t line);

  kb::stemming::TextNormalizer normalizer_;
  std::vector<Municipality> municipalities_;
  std::vector<Province> provinces_;
  std::unordered_map<std::string, std::size_t> by_key_;   // folded name/alias/slug -> index
  std::unordered_map<std::string, std::size_t> by_slug_;  // slug -> index
  struct Candidate {
    std::string label;     // as shown to people
    std::u32string key;    // folded, as code points
    std::size_t index;     // into municipalities_
  };
  std::vector<Candidate> candidates_;
};

// The compiled-in corpus/municipalities.csv.
std::string_view builtin_municipalities_csv();
// That list, parsed once; immutable, so safe to share between threads.
const MunicipalityRegistry& builtin_municipalities();

}  // namespace kb::schema
