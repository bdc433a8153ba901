#pragma once
// The one place that says how a case becomes a Xapian document: term
// prefixes, value slots, metadata keys and field weights. The indexer writes
// with these names and the search core reads with them; nothing else may
// spell a prefix or a slot number.
#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <algorithm>

#include "kb/schema/taxonomy.h"

namespace kb::schema {

// Bump when the document layout changes; an index with another version is
// refused with instructions to rebuild.
// 2: stop words get no postings (they keep their positions).
// 3: reuse (derived_from, reused_in, reuse count) and province.
inline constexpr int kVersion = 3;

// Metadata keys.
inline constexpr const char* kMetaVersion = "kb.schema_version";
inline constexpr const char* kMetaStemmer = "kb.stemmer";

// Term prefixes. Unprefixed terms are folded words with positions (phrases,
// exact matches), stop words left out; `Z` terms are stems (the default
// match), compound parts included at a lower weight.
inline constexpr std::string_view kStem = "Z";
inline constexpr std::string_view kId = "Q";            // unique id, for upserts
inline constexpr std::string_view kTheme = "XT";
inline constexpr std::string_view kMunicipality = "XM";  // slug
inline constexpr std::string_view kMaturity = "XR";
inline constexpr std::string_view kStatus = "XS";
inline constexpr std::string_view kYear = "XY";
inline constexpr std::string_view kVisibility = "XV";    // published | draft
inline constexpr std::string_view kAdoptedBy = "XA";     // slug
inline constexpr std::string_view kDerivedFrom = "XD";   // id of the case this one reused
inline constexpr std::string_view kReusedIn = "XU";      // slug of a municipality that reused the case
inline constexpr std::string_view kProvince = "XP";      // province slug
inline constexpr std::string_view kReused = "XH";        // term(kReused, "yes") when reused anywhere

inline std::string term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  return t;
}

// The value of a document's first term with `prefix` (its id for kId, its
// derived_from target for kDerivedFrom); empty when it has none.
inline std::string first_term_value(const Xapian::Document& doc, std::string_view prefix) {
  auto t = doc.termlist_begin();
  t.skip_to(std::string(prefix));
  if (t == doc.termlist_end() || !(*t).starts_with(prefix)) return {};
  return (*t).substr(prefix.size());
}

// Value slots.
inline constexpr Xapian::valueno kSlotStartYear = 0;  // sortable_serialise(year); empty when unknown
inline constexpr Xapian::valueno kSlotTitleSort = 1;  // folded title, for sort=title
inline constexpr Xapian::valueno kSlotUpdated = 2;    // YYYY-MM-DD
inline constexpr Xapian::valueno kSlotFacets = 3;     // FacetKey::encode(), see below
inline constexpr Xapian::valueno kSlotHash = 4;       // content hash of the stored record
inline constexpr Xapian::valueno kSlotReuseCount = 5; // sortable_serialise(reuse count), for sort=reuse

// Field weights: wdf added per occurrence. Compound parts count half of
// their field's weight (rounded up), so whole words outrank parts.
struct FieldWeights {
  Xapian::termcount title = 6;
  Xapian::termcount summary = 3;
  Xapian::termcount tags = 3;
  Xapian::termcount municipality = 2;
  Xapian::termcount body = 1;  // problem, solution, results, lessons, scale_up, partners
};

// The facet values of one document, packed into kSlotFacets so that facet
// counting reads one short value per matching document:
//   byte 0: theme bitmask (bit i = kThemes[i], taxonomy.h); byte 1: maturity index;
//   bytes 2-3: start year (0 = unknown), big-endian; byte 4: 1 = draft;
//   then length-prefixed strings (one byte of length each): the municipality
//   slug, the province slug, and the slugs of the municipalities that reused
//   the case (reused_in), preceded by their number.
struct FacetKey {
  std::uint8_t themes = 0;
  std::uint8_t maturity = 0;
  std::uint16_t year = 0;
  bool draft = false;
  std::string municipality;
  std::string province;
  std::vector<std::string> reused_in;

  std::string encode() const {
    std::string s;
    s += static_cast<char>(themes);
    s += static_cast<char>(maturity);
    s += static_cast<char>(year >> 8);
    s += static_cast<char>(year & 0xFF);
    s += static_cast<char>(draft ? 1 : 0);
    const auto put = [&s](std::string_view v) {
      v = v.substr(0, 255);  // slugs are short; a longer one is cut, never misread
      s += static_cast<char>(v.size());
      s += v;
    };
    put(municipality);
    put(province);
    s += static_cast<char>(std::min<std::size_t>(reused_in.size(), 255));
    for (std::size_t i = 0; i < reused_in.size() && i < 255; ++i) put(reused_in[i]);
    return s;
  }
  // A short or corrupt value decodes as far as it goes.
  static FacetKey decode(std::string_view s) {
    FacetKey k;
    if (s.size() < 5) return k;
    k.themes = static_cast<std::uint8_t>(s[0]);
    k.maturity = static_cast<std::uint8_t>(s[1]);
    k.year = static_cast<std::uint16_t>((static_cast<unsigned char>(s[2]) << 8) | static_cast<unsigned char>(s[3]));
    k.draft = s[4] != 0;
    std::size_t at = 5;
    const auto get = [&](std::string& out) {
      if (at >= s.size()) return false;
      const std::size_t n = static_cast<unsigned char>(s[at++]);
      if (at + n > s.size()) return false;
      out.assign(s.substr(at, n));
      at += n;
      return true;
    };
    if (!get(k.municipality) || !get(k.province) || at >= s.size()) return k;
    const std::size_t count = static_cast<unsigned char>(s[at++]);
    for (std::size_t i = 0; i < count; ++i) {
      std::string slug;
      if (!get(slug)) break;
      k.reused_in.push_back(std::move(slug));
    }
    return k;
  }
};

}  // namespace kb::schema
