#pragma once
// Turns one validated case record into a Xapian document, using the layout
// in kb/schema/terms.h. The record itself is stored as the document data, so the index
// can always give back exactly what was indexed (and `kb-indexer --export`
// can rebuild the corpus from it).
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kb/schema/municipality_registry.h"
#include "kb/schema/stored_case.h"
#include "kb/schema/terms.h"
#include "kb/stemming/analyzer.h"

namespace kb::index {

class DocumentMapper {
 public:
  DocumentMapper(stemming::Analyzer& analyzer, const schema::MunicipalityRegistry& registry,
                 schema::FieldWeights weights = {});

  // `record` must have passed CaseValidator. `spelling` receives the distinct
  // words worth offering as spelling corrections. `derived` is the reuse that
  // other cases' derived_from give it, when the writer knows it already
  // (ReuseGraph brings it up to date before the commit either way).
  Xapian::Document map(const nlohmann::json& record, std::vector<std::string>& spelling,
                       const std::vector<schema::ReuseEntry>& derived = {}) const;

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
  void index_fields(Xapian::Document& doc, const nlohmann::json& record, const std::string& municipality_label) const;
  schema::FacetKey add_filter_terms(Xapian::Document& doc, const nlohmann::json& record,
                                    const schema::Municipality* municipality) const;
  std::vector<schema::ReuseEntry> add_adopters(Xapian::Document& doc, const nlohmann::json& record) const;

  stemming::Analyzer& analyzer_;
  const schema::MunicipalityRegistry& registry_;
  schema::FieldWeights weights_;
};

}  // namespace kb::index
