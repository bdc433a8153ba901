#include "kb/search/facet_table.h"

#include <algorithm>

#include "kb/schema/municipality_registry.h"
#include "kb/schema/terms.h"

namespace kb::search {

void FacetTable::load(const Xapian::Database& db) {
  std::vector<Row> rows(static_cast<std::size_t>(db.get_lastdocid()) + 1);
  DocSet documents(db.get_lastdocid());
  // Every document has a facet value (DocumentMapper writes one), but the
  // list of documents comes from the index itself.
  for (auto it = db.postlist_begin(""), end = db.postlist_end(""); it != end; ++it) documents.add(*it);
  std::vector<std::string> municipalities, provinces;
  std::unordered_map<std::string, std::uint16_t> ids;
  std::vector<std::uint16_t> reused_ids;
  std::vector<std::uint32_t> reused_begin(rows.size(), 0);
  // 342 municipalities and 12 provinces exist; the id spaces would only run
  // out on a corrupt index, and then the value is left out of the facets.
  const auto municipality_id = [&](const std::string& slug) -> std::uint16_t {
    const auto [at, added] = ids.try_emplace(slug, static_cast<std::uint16_t>(municipalities.size()));
    if (!added) return at->second;
    if (municipalities.size() >= kNoMunicipality) {
      ids.erase(at);
      return kNoMunicipality;
    }
    municipalities.push_back(slug);
    return at->second;
  };
  const auto province_id = [&](const std::string& slug) -> std::uint8_t {
    if (slug.empty()) return kNoProvince;
    const auto at = std::find(provinces.begin(), provinces.end(), slug);
    if (at != provinces.end()) return static_cast<std::uint8_t>(at - provinces.begin());
    if (provinces.size() >= kNoProvince) return kNoProvince;
    provinces.push_back(slug);
    return static_cast<std::uint8_t>(provinces.size() - 1);
  };
  for (auto it = db.valuestream_begin(schema::kSlotFacets); it != db.valuestream_end(schema::kSlotFacets); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did >= rows.size()) {
      rows.resize(static_cast<std::size_t>(did) + 1);
      reused_begin.resize(rows.size(), 0);
    }
    const auto key = schema::FacetKey::decode(*it);
    Row& row = rows[did];
    row.themes = key.themes;
    row.maturity = key.maturity;
    row.year = key.year;
    row.municipality = municipality_id(key.municipality);
    row.province = province_id(key.province);
    reused_begin[did] = static_cast<std::uint32_t>(reused_ids.size());
    for (const auto& slug : key.reused_in) {
      const auto id = municipality_id(slug);
      if (id != kNoMunicipality && row.reused_count < 0xFF) {
        reused_ids.push_back(id);
        ++row.reused_count;
      }
    }
  }
  rows_ = std::move(rows);
  documents_ = std::move(documents);
  std::vector<std::string> labels;
  labels.reserve(municipalities.size());
  for (const auto& slug : municipalities) labels.push_back(schema::builtin_municipalities().label_of_slug(slug));
  municipalities_ = std::move(municipalities);
  labels_ = std::move(labels);
  ids_ = std::move(ids);
  provinces_ = std::move(provinces);
  reused_ids_ = std::move(reused_ids);
  reused_begin_ = std::move(reused_begin);
}

std::uint8_t FacetTable::province_id(std::string_view slug) const {
  const auto at = std::find(provinces_.begin(), provinces_.end(), slug);
  return at == provinces_.end() ? kNoProvince : static_cast<std::uint8_t>(at - provinces_.begin());
}

std::uint16_t FacetTable::municipality_id(std::string_view slug) const {
  const auto it = ids_.find(std::string(slug));
  return it == ids_.end() ? kNoMunicipality : it->second;
}

}  // namespace kb::search
