#include "kb/http/case_store.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <ctime>
#include <fstream>

#include "kb/http/problem.h"
#include "kb/index/index_writer.h"
#include "kb/schema/terms.h"

namespace kb::http {
namespace {

std::string now_iso8601() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

text::StemmerKind recorded_stemmer(const std::filesystem::path& db) {
  try {
    const Xapian::Database r(db.string());
    return text::parse_stemmer(r.get_metadata(schema::kMetaStemmer)).value_or(text::StemmerKind::dutch);
  } catch (const Xapian::Error&) {
    return text::StemmerKind::dutch;  // a new index
  }
}

// Opens the writer, turning a held lock into a 503 the client can retry.
std::unique_ptr<index::IndexWriter> open_writer(const std::filesystem::path& db,
                                                std::shared_ptr<const text::Lexicon> lexicon,
                                                const schema::MunicipalityRegistry& registry) {
  try {
    return std::make_unique<index::IndexWriter>(db, index::WriterOptions{recorded_stemmer(db)}, std::move(lexicon),
                                                registry);
  } catch (const index::IndexLockedError&) {
    HttpProblem p(503, "Index bezet / Index busy",
                  "Another writer (kb-indexer) holds the index; try again in a few seconds.");
    p.headers.emplace_back("retry-after", "2");
    throw p;
  } catch (const schema::IncompatibleIndexError& e) {
    throw HttpProblem(503, "Index niet bruikbaar / Index unusable", e.what());
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
  std::vector<search::FieldProblem> problems;
  for (const auto& e : errors) problems.push_back({e.field, e.message});
  throw HttpProblem(422, "Ongeldige casus / Invalid case", "The record does not conform to the case schema.",
                    std::move(problems));
}

void CaseStore::append_history(const std::string& action, const std::string& id, const std::string& by,
                               const nlohmann::json& before, const nlohmann::json& after) {
  const std::string line =
      nlohmann::json{{"at", now_iso8601()}, {"by", by}, {"action", action}, {"id", id}, {"before", before}, {"after", after}}
          .dump() +
      "\n";
  const int fd = ::open(history_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) throw HttpProblem(503, "Geschiedenis niet schrijfbaar / History not writable", history_.string());
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
    if (n <= 0) {
      ::close(fd);
      throw HttpProblem(503, "Geschiedenis niet schrijfbaar / History not writable", history_.string());
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) throw HttpProblem(503, "Geschiedenis niet schrijfbaar / History not writable", history_.string());
}

nlohmann::json CaseStore::create(const nlohmann::json& record, const std::string& by) {
  validate(record);
  const std::string id = record.at("id").get<std::string>();
  std::lock_guard lock(write_mutex_);
  auto writer = open_writer(db_, lexicon_, registry_);
  if (writer->get(id))
    throw HttpProblem(409, "Bestaat al / Already exists", "A case with id '" + id + "' exists; ids are never reused.");
  append_history("create", id, by, nullptr, record);
  writer->upsert(record);
  writer->commit();
  return record;
}

nlohmann::json CaseStore::replace(const std::string& id, const nlohmann::json& record, const std::string& by) {
  if (record.is_object() && record.contains("id") && record.at("id") != id)
    throw HttpProblem(422, "Ongeldige casus / Invalid case", "The id in the body differs from the id in the path.",
                      {{"id", "must equal the id in the path ('" + id + "')"}});
  validate(record);
  std::lock_guard lock(write_mutex_);
  auto writer = open_writer(db_, lexicon_, registry_);
  const auto existing = writer->get(id);
  if (!existing) throw HttpProblem(404, "Niet gevonden / Not found", "No case with id '" + id + "'.");
  const auto visibility = [](const nlohmann::json& r) { return r.value("visibility", std::string("published")); };
  std::string action = "update";
  if (visibility(existing->record) != visibility(record))
    action = visibility(record) == "published" ? "publish" : "unpublish";
  append_history(action, id, by, existing->record, record);
  writer->upsert(record);
  writer->commit();
  return record;
}

void CaseStore::remove(const std::string& id, const std::string& by) {
  std::lock_guard lock(write_mutex_);
  auto writer = open_writer(db_, lexicon_, registry_);
  const auto existing = writer->get(id);
  if (!existing) throw HttpProblem(404, "Niet gevonden / Not found", "No case with id '" + id + "'.");
  append_history("delete", id, by, existing->record, nullptr);
  writer->remove(id);
  writer->commit();
}

nlohmann::json CaseStore::history(const std::string& id) const {
  auto changes = nlohmann::json::array();
  std::ifstream in(history_);
  std::string line;
  while (std::getline(in, line)) {
    const auto entry = nlohmann::json::parse(line, nullptr, false);
    if (entry.is_discarded() || entry.value("id", std::string()) != id) continue;  // a torn last line is skipped
    changes.push_back({{"at", entry.at("at")}, {"by", entry.at("by")}, {"action", entry.at("action")},
                       {"before", entry.at("before")}, {"after", entry.at("after")}});
  }
  std::reverse(changes.begin(), changes.end());
  return {{"id", id}, {"changes", std::move(changes)}};
}

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

}  // namespace kb::http
