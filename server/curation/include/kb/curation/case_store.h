#pragma once
// Curation writes. The server holds the index's single Xapian write lock only
// for the duration of one write: open, validate, record the change in the
// append-only history (fsync), apply, commit (fsync), close. So kb-indexer can
// run between two writes, and while kb-indexer holds the lock a write answers
// IndexBusy (the HTTP layer answers 503 with Retry-After) instead of
// blocking or corrupting anything.
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/curation/history.h"
#include "kb/index/case_validator.h"
#include "kb/schema/municipality_registry.h"
#include "kb/stemming/lexicon.h"
#include "kb/stemming/normalizer.h"

namespace kb::index {
class IndexWriter;
}

namespace kb::curation {

// An applied write, and what a curator should look at but may keep: the same
// title as another case of the same municipality (field "title"), the rule
// kb-indexer warns about too (kb/index/title_key.h).
struct WriteResult {
  nlohmann::json record;
  std::vector<index::FieldError> warnings;
  std::string revision;  // of the case as written (schema::revision_of, its ETag)
};

// The value of an If-Match header: "*" (any existing revision) or a
// comma-separated list of entity tags. Strong comparison (RFC 9110 13.1.1):
// a weak tag (W/"…") never matches.
bool revision_matches(std::string_view if_match, std::string_view revision);

class CaseStore {
 public:
  CaseStore(std::filesystem::path db, std::filesystem::path history, std::shared_ptr<const stemming::Lexicon> lexicon,
            const schema::MunicipalityRegistry& registry);

  // Each throws the typed errors of errors.h: AlreadyExists, NotFound,
  // InvalidCase (one FieldError per bad field; also a derived_from that names
  // the case itself, no known case, or closes a cycle), IndexBusy (another
  // writer holds the lock), IndexUnusable, HistoryUnwritable.
  // replace and remove take the If-Match of the request, if any: a revision
  // it does not match is RevisionConflict, checked under the write lock so
  // that no other write can come between the check and this one.
  WriteResult create(const nlohmann::json& record, const std::string& by);
  WriteResult replace(const std::string& id, const nlohmann::json& record, const std::string& by,
                      const std::optional<std::string>& if_match = std::nullopt);
  void remove(const std::string& id, const std::string& by,
              const std::optional<std::string>& if_match = std::nullopt);

  nlohmann::json history(const std::string& id) const;
  // visibility: draft | published | all
  nlohmann::json list(const std::string& visibility, int page, int per_page) const;

 private:
  void validate(const nlohmann::json& record) const;
  // derived_from against the index as the write would leave it.
  void check_derived_from(const nlohmann::json& record, index::IndexWriter& writer) const;
  std::vector<index::FieldError> title_warnings(const nlohmann::json& record) const;

  std::filesystem::path db_;
  History history_;
  std::shared_ptr<const stemming::Lexicon> lexicon_;
  const schema::MunicipalityRegistry& registry_;
  index::CaseValidator validator_;
  stemming::TextNormalizer normalizer_;
  mutable std::mutex write_mutex_;
};

}  // namespace kb::curation
