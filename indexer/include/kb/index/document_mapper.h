#pragma once
// Turns one validated case record into a Xapian document, using the layout
// in schema.h. The record itself is stored as the document data, so the index
// can always give back exactly what was indexed (and `kb-indexer --export`
// can rebuild the corpus from it).
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kb/index/municipality_registry.h"
#include "kb/index/schema.h"
#include "kb/text/analyzer.h"

namespace kb::index {

// What the document data holds: {"record": {...}, "municipality_slug",
// "municipality_label", "adopted_by": [{"name", "slug"}]}.
struct StoredCase {
  nlohmann::json record;
  std::string municipality_slug;
  std::string municipality_label;
  static StoredCase from_data(const std::string& data);  // throws nlohmann::json::exception on corrupt data
};

// Calls f(StoredCase) for every case stored in `db`, in id order. Reads only
// the document data, whose shape every schema version shares, so it works on
// an index that check_compatible() refuses.
template <typename F>
void for_each_stored_case(const Xapian::Database& db, F&& f) {
  const std::string prefix(schema::kId);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    auto post = db.postlist_begin(*it);
    if (post != db.postlist_end(*it)) f(StoredCase::from_data(db.get_document(*post).get_data()));
  }
}

class DocumentMapper {
 public:
  DocumentMapper(text::Analyzer& analyzer, const MunicipalityRegistry& registry,
                 schema::FieldWeights weights = {});

  // `record` must have passed CaseValidator. `spelling` receives the distinct
  // words worth offering as spelling corrections.
  Xapian::Document map(const nlohmann::json& record, std::vector<std::string>& spelling) const;

  // A stable hash of what map() depends on (record, stemmer, schema version
  // and field weights), to skip unchanged records on re-index.
  std::string content_hash(const nlohmann::json& record) const;
  // Whether an unprefixed term of a document is offered as a spelling
  // correction (words of 3+ letters, not stop words). The indexer adds and
  // forgets spelling data by this one rule.
  bool is_spelling_word(std::string_view term) const;

 private:
  void index_text(Xapian::Document& doc, std::string_view text, Xapian::termcount weight,
                  Xapian::termpos& position) const;
  std::string content_hash_of(std::string_view canonical_record) const;

  text::Analyzer& analyzer_;
  const MunicipalityRegistry& registry_;
  schema::FieldWeights weights_;
};

}  // namespace kb::index
