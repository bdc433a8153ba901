#include "kb/index/index_writer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "kb/index/derivation.h"

namespace kb::index {

IndexWriter::IndexWriter(const std::filesystem::path& dir, WriterOptions options,
                         std::shared_ptr<const stemming::Lexicon> lexicon, const schema::MunicipalityRegistry& registry)
    : reuse_(registry) {
  // Xapian creates the index directory but not its parents (`--db data/new/index`).
  if (const auto parent = dir.parent_path(); !parent.empty()) std::filesystem::create_directories(parent);
  const auto deadline = std::chrono::steady_clock::now() + options.lock_wait;
  for (auto pause = std::chrono::milliseconds(10);; pause = std::min(pause * 2, std::chrono::milliseconds(500))) {
    try {
      db_ = Xapian::WritableDatabase(dir.string(), Xapian::DB_CREATE_OR_OPEN);
      break;
    } catch (const Xapian::DatabaseLockError& e) {
      if (std::chrono::steady_clock::now() + pause > deadline)
        throw IndexLockedError("the index in " + dir.string() + " is being written by another process (" + e.get_msg() + ")");
      std::this_thread::sleep_for(pause);  // back off: the other writer's hold is short
    }
  }
  schema::check_compatible(db_, dir.string());
  const std::string stemmer(stemming::stemmer_name(options.stemmer));
  const std::string recorded = db_.get_metadata(schema::kMetaStemmer);
  if (!recorded.empty() && recorded != stemmer)
    throw schema::IncompatibleIndexError("the index in " + dir.string() + " was built with the stemmer '" + recorded +
                                 "', not '" + stemmer + "': rebuild it into an empty directory to switch");
  analyzer_ = std::make_unique<stemming::Analyzer>(std::move(lexicon), stemming::AnalyzerOptions{options.stemmer, true});
  mapper_ = std::make_unique<DocumentMapper>(*analyzer_, registry, options.weights);
  db_.begin_transaction(true);
  in_transaction_ = true;
  db_.set_metadata(schema::kMetaVersion, std::to_string(schema::kVersion));
  db_.set_metadata(schema::kMetaStemmer, stemmer);
}

IndexWriter::~IndexWriter() {
  try {
    if (in_transaction_) db_.cancel_transaction();
    db_.close();
  } catch (...) {  // nothing sensible to do while unwinding
  }
}

std::optional<Xapian::docid> IndexWriter::find(const std::string& id) {
  const std::string term = schema::term(schema::kId, id);
  // term_exists() sees the uncommitted changes of this transaction without
  // flushing them. postlist_begin() on a WritableDatabase flushes this term's
  // buffered postings and every buffered position list to the B-trees, which
  // made each new document cost a flush (about 4 ms per case).
  if (!db_.term_exists(term)) return std::nullopt;
  auto it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) return std::nullopt;
  return *it;
}

void IndexWriter::forget_spelling(Xapian::docid docid) {
  const Xapian::Document old = db_.get_document(docid);
  for (auto t = old.termlist_begin(); t != old.termlist_end(); ++t)
    if (mapper_->is_spelling_word(*t)) --spelling_delta_[*t];
}

IndexWriter::Change IndexWriter::upsert(const nlohmann::json& record) {
  const std::string id = record.at("id").get<std::string>();
  const auto existing = find(id);
  if (existing && db_.get_document(*existing).get_value(schema::kSlotHash) == mapper_->content_hash(record)) {
    deferred_.erase(id);  // an earlier version in this run is superseded by what is stored
    return Change::unchanged;
  }
  if (deferred_ids_.contains(id)) {
    deferred_.insert_or_assign(id, record);
    return existing ? Change::updated : Change::added;
  }
  std::vector<std::string> spelling;
  write(id, existing, mapper_->map(record, spelling), spelling);
  return existing ? Change::updated : Change::added;
}

void IndexWriter::write(const std::string& id, std::optional<Xapian::docid> existing, const Xapian::Document& doc,
                        const std::vector<std::string>& spelling) {
  std::string old_target;
  if (existing) {
    old_target = ReuseGraph::target_of(db_.get_document(*existing));
    forget_spelling(*existing);
  }
  reuse_.wrote(id, old_target, ReuseGraph::target_of(doc));
  for (const auto& word : spelling) ++spelling_delta_[word];
  // By docid, not by unique term: replace_document(term) opens the term's
  // postlist, which flushes the buffered changes (see find()).
  if (existing)
    db_.replace_document(*existing, doc);
  else
    db_.add_document(doc);
}

void IndexWriter::write_deferred() {
  // A held-back case goes after the held-back cases derived from it, so that
  // derivers_of() finds them in the index. Chains are short; a cycle (which
  // kb-indexer rejects anyway) is written as it stands.
  std::vector<std::string> spelling;
  while (!deferred_.empty()) {
    std::set<std::string> named;
    for (const auto& [id, record] : deferred_)
      if (auto target = derived_from_of(record); !target.empty()) named.insert(std::move(target));
    std::vector<std::string> ready;
    for (const auto& [id, record] : deferred_)
      if (!named.contains(id)) ready.push_back(id);
    if (ready.empty())
      for (const auto& [id, record] : deferred_) ready.push_back(id);
    for (const auto& id : ready) {
      const auto it = deferred_.find(id);
      write(id, find(id), mapper_->map(it->second, spelling, reuse_.derivers_of(db_, id)), spelling);
      deferred_.erase(it);
    }
  }
}

bool IndexWriter::remove(const std::string& id) {
  const bool held_back = deferred_.erase(id) > 0;
  const auto existing = find(id);
  if (!existing) return held_back;
  reuse_.removed(ReuseGraph::target_of(db_.get_document(*existing)));
  forget_spelling(*existing);
  db_.delete_document(*existing);
  return true;
}

std::size_t IndexWriter::prune(const std::set<std::string>& keep) {
  std::vector<std::string> doomed;
  const std::string prefix(schema::kId);
  for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
    const std::string id = (*it).substr(prefix.size());
    if (!keep.contains(id)) doomed.push_back(id);
  }
  for (const auto& id : doomed) remove(id);
  return doomed.size();
}

void IndexWriter::set_synonyms(const stemming::SynonymMap& synonyms) {
  std::vector<std::string> old_keys(db_.synonym_keys_begin(), db_.synonym_keys_end());
  for (const auto& key : old_keys) db_.clear_synonyms(key);
  for (const auto& group : synonyms.groups())
    for (const auto& member : group)
      for (const auto& other : group)
        if (other != member) db_.add_synonym(member, other);
}

std::size_t IndexWriter::commit() {
  write_deferred();
  const std::size_t rewritten = reuse_.update(db_);
  for (const auto& [word, delta] : spelling_delta_) {
    if (delta > 0) db_.add_spelling(word, static_cast<Xapian::termcount>(delta));
    if (delta < 0) db_.remove_spelling(word, static_cast<Xapian::termcount>(-delta));
  }
  spelling_delta_.clear();
  db_.commit_transaction();
  in_transaction_ = false;
  db_.begin_transaction(true);
  in_transaction_ = true;
  return rewritten;
}

std::optional<schema::StoredCase> IndexWriter::get(const std::string& id) {
  const auto existing = find(id);
  if (!existing) return std::nullopt;
  return schema::StoredCase::from_data(db_.get_document(*existing).get_data());
}

}  // namespace kb::index
