#include "kb/search/facet_table.h"

#include "kb/schema/terms.h"

namespace kb::search {

void FacetTable::load(const Xapian::Database& db) {
  std::vector<Row> rows(static_cast<std::size_t>(db.get_lastdocid()) + 1);
  DocSet documents(db.get_lastdocid());
  // Every document has a facet value (DocumentMapper writes one), but the
  // list of documents comes from the index itself.
  for (auto it = db.postlist_begin(""), end = db.postlist_end(""); it != end; ++it) documents.add(*it);
  std::vector<std::string> municipalities;
  std::unordered_map<std::string, std::uint16_t> ids;
  for (auto it = db.valuestream_begin(schema::kSlotFacets); it != db.valuestream_end(schema::kSlotFacets); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did >= rows.size()) rows.resize(static_cast<std::size_t>(did) + 1);
    const auto key = schema::FacetKey::decode(*it);
    Row& row = rows[did];
    row.themes = key.themes;
    row.maturity = key.maturity;
    row.year = key.year;
    auto [at, added] = ids.try_emplace(key.municipality, static_cast<std::uint16_t>(municipalities.size()));
    // 342 municipalities exist; the id space would only run out on a corrupt index.
    if (added && municipalities.size() >= kNoMunicipality) {
      ids.erase(at);
      continue;
    }
    if (added) municipalities.push_back(key.municipality);
    row.municipality = at->second;
  }
  rows_ = std::move(rows);
  documents_ = std::move(documents);
  municipalities_ = std::move(municipalities);
  ids_ = std::move(ids);
}

std::uint16_t FacetTable::municipality_id(std::string_view slug) const {
  const auto it = ids_.find(std::string(slug));
  return it == ids_.end() ? kNoMunicipality : it->second;
}

}  // namespace kb::search
