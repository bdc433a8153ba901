#include "kb/curation/case_store.h"

#include <xapian.h>

#include "kb/curation/errors.h"
#include "kb/index/derivation.h"
#include "kb/index/index_writer.h"
#include "kb/index/title_key.h"
#include "kb/schema/stored_case.h"
#include "kb/schema/terms.h"
#include "kb/schema/entity_tag.h"

namespace kb::curation {
namespace {


stemming::StemmerKind recorded_stemmer(const std::filesystem::path& db) {
  try {
    const Xapian::Database r(db.string());
    return stemming::parse_stemmer(r.get_metadata(schema::kMetaStemmer)).value_or(stemming::StemmerKind::dutch);
  } catch (const Xapian::Error&) {
    return stemming::StemmerKind::dutch;  // a new index
  }
}

// How long a client should wait before retrying a write refused by IndexBusy:
// kb-indexer holds the lock for a whole run, the server for one write.
constexpr std::chrono::seconds kRetryAfterBusy{2};

// Opens the writer, turning a held lock into IndexBusy the client can retry.
std::unique_ptr<index::IndexWriter> open_writer(const std::filesystem::path& db,
                                                std::shared_ptr<const stemming::Lexicon> lexicon,
                                                const schema::MunicipalityRegistry& registry) {
  try {
    return std::make_unique<index::IndexWriter>(db, index::WriterOptions{recorded_stemmer(db)}, std::move(lexicon),
                                                registry);
  } catch (const index::IndexLockedError&) {
    throw IndexBusy(kRetryAfterBusy);
  } catch (const schema::IncompatibleIndexError& e) {
    throw IndexUnusable(e.what());
  }
}

// Refuses the write when the request's If-Match names another revision.
void check_revision(const std::string& id, const schema::StoredCase& existing,
                    const std::optional<std::string>& if_match) {
  if (!if_match) return;
  const std::string current = schema::revision_of(existing);
  if (!revision_matches(*if_match, current)) throw RevisionConflict(id, current, existing.record);
}

// The revision the write left: read back after the commit, because reused_by
// is derived at commit time.
std::string revision_after_commit(index::IndexWriter& writer, const std::string& id) {
  const auto stored = writer.get(id);
  return stored ? schema::revision_of(*stored) : std::string();
}

}  // namespace

bool revision_matches(std::string_view if_match, std::string_view revision) {
  return schema::lists_entity_tag(if_match, revision, schema::TagComparison::strong);  // W/"…" never matches
}

CaseStore::CaseStore(std::filesystem::path db, std::filesystem::path history,
                     std::shared_ptr<const stemming::Lexicon> lexicon, const schema::MunicipalityRegistry& registry)
    : db_(std::move(db)), history_(std::move(history)), lexicon_(std::move(lexicon)), registry_(registry),
      validator_(registry_) {}

void CaseStore::validate(const nlohmann::json& record) const {
  const auto errors = validator_.validate(record);
  if (errors.empty()) return;
  throw InvalidCase("The record does not conform to the case schema.", errors);
}

// The validator has refused a derived_from naming the record itself; what is
// left needs the other cases: the id must be known and the chain must not
// lead back to this case (through the stored records, which this write does
// not change but for the record itself).
void CaseStore::check_derived_from(const nlohmann::json& record, index::IndexWriter& writer) const {
  const std::string derived_from = index::derived_from_of(record);
  if (derived_from.empty()) return;
  if (!writer.get(derived_from))
    throw InvalidCase("derived_from names no known case.",
                      {{"derived_from", "must be the id of a known case; there is no case '" + derived_from + "'"}});
  const std::string id = record.at("id").get<std::string>();
  const auto cycle =
      index::derivation_cycle(id, derived_from, [&](const std::string& other) -> std::optional<std::string> {
        const auto stored = writer.get(other);
        if (!stored) return std::nullopt;
        return index::derived_from_of(stored->record);
      });
  if (!cycle.empty())
    throw InvalidCase("derived_from would make a cycle.",
                      {{"derived_from", "'" + derived_from + "' forms a cycle " + index::describe_cycle(cycle) +
                                            "; a case cannot be derived, through others, from itself"}});
}

// Other cases of the same municipality with the same title (title_key):
// probably one case entered twice, but a curator may know better, so a
// warning and not an error. Reads the last commit, which is current: the
// caller holds the write lock.
std::vector<index::FieldError> CaseStore::title_warnings(const nlohmann::json& record) const {
  const schema::Municipality* municipality = registry_.find(record.at("municipality").get<std::string>());
  if (!municipality) return {};  // validated: known
  const std::string id = record.at("id").get<std::string>();
  const std::string key = index::title_key(record.at("title").get<std::string>(), normalizer_);
  std::vector<index::FieldError> warnings;
  Xapian::Database db;
  try {
    db = Xapian::Database(db_.string());
  } catch (const Xapian::DatabaseOpeningError&) {
    return {};  // the first write: nothing to compare with
  }
  const std::string term = schema::term(schema::kMunicipality, municipality->slug);
  for (auto post = db.postlist_begin(term); post != db.postlist_end(term); ++post) {
    const auto stored = schema::StoredCase::from_data(db.get_document(*post).get_data());
    const std::string other = stored.record.value("id", std::string());
    if (other == id || index::title_key(stored.record.value("title", std::string()), normalizer_) != key) continue;
    warnings.push_back({"title", "same title as '" + other + "' in the same municipality (" +
                                     municipality->display_name + "); is this the same case?"});
  }
  return warnings;
}

WriteResult CaseStore::create(const nlohmann::json& record, const std::string& by) {
  validate(record);
  const std::string id = record.at("id").get<std::string>();
  std::lock_guard lock(write_mutex_);
  auto writer = open_writer(db_, lexicon_, registry_);
  if (writer->get(id))
    throw AlreadyExists(id);
  check_derived_from(record, *writer);
  auto warnings = title_warnings(record);
  history_.append("create", id, by, nullptr, record);
  writer->upsert(record);
  writer->commit();
  return {record, std::move(warnings), revision_after_commit(*writer, id)};
}

WriteResult CaseStore::replace(const std::string& id, const nlohmann::json& record, const std::string& by,
                               const std::optional<std::string>& if_match) {
  if (record.is_object() && record.contains("id") && record.at("id") != id)
    throw InvalidCase("The id in the body differs from the id in the path.",
                      {{"id", "must equal the id in the path ('" + id + "')"}});
  validate(record);
  std::lock_guard lock(write_mutex_);
  auto writer = open_writer(db_, lexicon_, registry_);
  const auto existing = writer->get(id);
  if (!existing) throw NotFound(id);
  check_revision(id, *existing, if_match);
  check_derived_from(record, *writer);
  auto warnings = title_warnings(record);
  const auto visibility = [](const nlohmann::json& r) { return r.value("visibility", std::string("published")); };
  std::string action = "update";
  if (visibility(existing->record) != visibility(record))
    action = visibility(record) == "published" ? "publish" : "unpublish";
  history_.append(action, id, by, existing->record, record);
  writer->upsert(record);
  writer->commit();
  return {record, std::move(warnings), revision_after_commit(*writer, id)};
}

void CaseStore::remove(const std::string& id, const std::string& by, const std::optional<std::string>& if_match) {
  std::lock_guard lock(write_mutex_);
  auto writer = open_writer(db_, lexicon_, registry_);
  const auto existing = writer->get(id);
  if (!existing) throw NotFound(id);
  check_revision(id, *existing, if_match);
  history_.append("delete", id, by, existing->record, nullptr);
  writer->remove(id);
  writer->commit();
}

nlohmann::json CaseStore::history(const std::string& id) const { return history_.of(id); }

nlohmann::json CaseStore::list(const std::string& visibility, int page, int per_page) const {
  auto cases = nlohmann::json::array();
  std::size_t total = 0;
  try {
    const Xapian::Database db(db_.string());
    const std::string prefix(schema::kId);
    const auto first = static_cast<std::size_t>(page - 1) * static_cast<std::size_t>(per_page);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      auto post = db.postlist_begin(*it);
      if (post == db.postlist_end(*it)) continue;
      const Xapian::Document doc = db.get_document(*post);
      const bool draft = doc.termlist_count() > 0 &&
                         [&] {
                           auto t = doc.termlist_begin();
                           t.skip_to(schema::term(schema::kVisibility, "draft"));
                           return t != doc.termlist_end() && *t == schema::term(schema::kVisibility, "draft");
                         }();
      if ((visibility == "draft" && !draft) || (visibility == "published" && draft)) continue;
      if (total >= first && cases.size() < static_cast<std::size_t>(per_page)) {
        auto stored = nlohmann::json::parse(doc.get_data());
        nlohmann::json record = stored.at("record");
        record["visibility"] = draft ? "draft" : "published";
        record["municipality_slug"] = stored.at("municipality_slug");
        cases.push_back(std::move(record));
      }
      ++total;
    }
  } catch (const Xapian::DatabaseOpeningError&) {
    // no index yet: an empty list
  }
  return {{"total", total}, {"page", page}, {"per_page", per_page}, {"cases", std::move(cases)}};
}

}  // namespace kb::curation
