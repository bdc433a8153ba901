#pragma once
// The facet values of every document, by docid, in memory: what FacetCounter
// reads for each match. Reading the packed value (schema::FacetKey) through
// Xapian for every match cost about a microsecond per document, which made a
// query matching half of 100,000 cases spend ~50 ms on its facets; an array
// lookup costs nanoseconds. One table per Searcher (per worker thread),
// rebuilt from the value stream when the index has a new revision.
#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/search/doc_set.h"

namespace kb::search {

class FacetTable {
 public:
  static constexpr std::uint16_t kNoMunicipality = 0xFFFF;
  static constexpr std::uint8_t kNoProvince = 0xFF;

  struct Row {
    std::uint8_t themes = 0;    // bit i = schema::kThemes[i]
    std::uint8_t maturity = 0;  // index into schema::kMaturities
    std::uint16_t year = 0;     // 0 = unknown
    std::uint16_t municipality = kNoMunicipality;  // index into municipalities()
    std::uint8_t province = kNoProvince;           // index into provinces()
    std::uint8_t reused_count = 0;                 // how many ids reused_ids() holds for the document
  };
  // Eight bytes a row: every match reads one, and at 100,000 documents the
  // rows (800 KB) stay in the L2 cache. Where reused_in starts lives apart
  // (reused_begin_), read only for the few documents that were reused.
  static_assert(sizeof(Row) == 8);

  // Reads the facet value of every document of `db` (one pass over the
  // value stream). Throws what Xapian throws (DatabaseModifiedError included).
  void load(const Xapian::Database& db);

  const Row& row(Xapian::docid did) const noexcept { return did < rows_.size() ? rows_[did] : empty_; }
  // Every docid that has a document (what MatchAll matches).
  const DocSet& documents() const noexcept { return documents_; }
  const std::vector<std::string>& municipalities() const noexcept { return municipalities_; }
  // The display names of municipalities(), same order (the slug where the
  // registry does not know it): facets list hundreds, looked up once per load.
  const std::vector<std::string>& municipality_labels() const noexcept { return labels_; }
  // The index of a municipality slug, or kNoMunicipality.
  std::uint16_t municipality_id(std::string_view slug) const;
  const std::vector<std::string>& provinces() const noexcept { return provinces_; }
  std::uint8_t province_id(std::string_view slug) const;
  // The municipality ids (as municipality_id()) that reused document `did`;
  // row(did).reused_count of them.
  const std::uint16_t* reused_ids(Xapian::docid did) const noexcept {
    return did < reused_begin_.size() ? reused_ids_.data() + reused_begin_[did] : reused_ids_.data();
  }

 private:
  std::vector<Row> rows_;  // by docid; docids without a document stay empty
  DocSet documents_;
  std::vector<std::string> municipalities_;
  std::vector<std::string> labels_;
  std::unordered_map<std::string, std::uint16_t> ids_;
  std::vector<std::string> provinces_;
  std::vector<std::uint16_t> reused_ids_;
  std::vector<std::uint32_t> reused_begin_;  // by docid: the first of its reused_ids_
  Row empty_{};
};

}  // namespace kb::search
