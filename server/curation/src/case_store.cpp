#include "kb/curation/case_store.h"

#include <xapian.h>

#include "kb/curation/errors.h"
#include "kb/index/index_writer.h"
#include "kb/schema/terms.h"

namespace kb::curation {
namespace {


text::StemmerKind recorded_stemmer(const std::filesystem::path& db) {
  try {
    const Xapian::Database r(db.string());
    return text::parse_stemmer(r.get_metadata(schema::kMetaStemmer)).value_or(text::StemmerKind::dutch);
  } catch (const Xapian::Error&) {
    return text::StemmerKind::dutch;  // a new index
  }
}

// How long a client should wait before retrying a write refused by IndexBusy:
// kb-indexer holds the lock for a whole run, the server for one write.
constexpr std::chrono::seconds kRetryAfterBusy{2};

// Opens the writer, turning a held lock into IndexBusy the client can retry.
std::unique_ptr<index::IndexWriter> open_writer(const std::filesystem::path& db,
                                                std::shared_ptr<const text::Lexicon> lexicon,
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

}  // namespace

CaseStore::CaseStore(std::filesystem::path db, std::filesystem::path history,
                     std::shared_ptr<const text::Lexicon> lexicon, const schema::MunicipalityRegistry& registry)
    : db_(std::move(db)), history_(std::move(history)), lexicon_(std::move(lexicon)), registry_(registry),
      validator_(registry_) {}

void CaseStore::validate(const nlohmann::json& record) const {
  const auto errors = validator_.validate(record);
  if (errors.empty()) return;
  throw InvalidCase("The record does not conform to the case schema.", errors);
}

nlohmann::json CaseStore::create(const nlohmann::json& record, const std::string& by) {
  validate(record);
  const std::string id = record.at("id").get<std::string>();
  std::lock_guard lock(write_mutex_);
  auto writer = open_writer(db_, lexicon_, registry_);
  if (writer->get(id))
    throw AlreadyExists(id);
  history_.append("create", id, by, nullptr, record);
  writer->upsert(record);
  writer->commit();
  return record;
}

nlohmann::json CaseStore::replace(const std::string& id, const nlohmann::json& record, const std::string& by) {
  if (record.is_object() && record.contains("id") && record.at("id") != id)
    throw InvalidCase("The id in the body differs from the id in the path.",
                      {{"id", "must equal the id in the path ('" + id + "')"}});
  validate(record);
  std::lock_guard lock(write_mutex_);
  auto writer = open_writer(db_, lexicon_, registry_);
  const auto existing = writer->get(id);
  if (!existing) throw NotFound(id);
  const auto visibility = [](const nlohmann::json& r) { return r.value("visibility", std::string("published")); };
  std::string action = "update";
  if (visibility(existing->record) != visibility(record))
    action = visibility(record) == "published" ? "publish" : "unpublish";
  history_.append(action, id, by, existing->record, record);
  writer->upsert(record);
  writer->commit();
  return record;
}

void CaseStore::remove(const std::string& id, const std::string& by) {
  std::lock_guard lock(write_mutex_);
  auto writer = open_writer(db_, lexicon_, registry_);
  const auto existing = writer->get(id);
  if (!existing) throw NotFound(id);
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
