#pragma once
// The only writer of an index directory. Opens (or creates) the database,
// refuses an index of another schema version or stemmer, and applies upserts
// and removals inside one Xapian transaction, so that a run killed at any
// moment leaves the previous commit intact and openable.
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

#include "kb/index/document_mapper.h"
#include "kb/index/reuse_graph.h"
#include "kb/schema/index_compatibility.h"
#include "kb/schema/municipality_registry.h"
#include "kb/schema/stored_case.h"
#include "kb/schema/terms.h"
#include "kb/stemming/analyzer.h"
#include "kb/stemming/synonyms.h"

namespace kb::index {

// Another process holds the write lock.
class IndexLockedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WriterOptions {
  stemming::StemmerKind stemmer = stemming::StemmerKind::dutch;
  schema::FieldWeights weights{};  // wdf per occurrence, per field (kb/schema/terms.h)
  // How long to wait for another writer's lock before IndexLockedError:
  // kb-indexer waits (the server holds the lock for one write only); the
  // server does not (it answers 503 with Retry-After instead).
  std::chrono::milliseconds lock_wait{0};
};

class IndexWriter {
 public:
  enum class Change { added, updated, unchanged };

  // Throws schema::IncompatibleIndexError, IndexLockedError or Xapian::Error.
  IndexWriter(const std::filesystem::path& dir, WriterOptions options,
              std::shared_ptr<const stemming::Lexicon> lexicon, const schema::MunicipalityRegistry& registry);
  ~IndexWriter();  // an uncommitted transaction is cancelled

  Change upsert(const nlohmann::json& record);  // record must be valid
  // Cases that derived records still to come in this transaction name
  // (kb-indexer reads ahead for them). upsert() holds such a case back and
  // commit() writes it after the others, with its whole reuse: written once,
  // not written and then rewritten by the reuse graph (a rewrite costs more
  // than the first write). Only a saving: a case not named here is rewritten.
  void defer(std::set<std::string> ids) { deferred_ids_ = std::move(ids); }
  bool remove(const std::string& id);
  // Removes every document whose id is not in `keep`; returns how many.
  std::size_t prune(const std::set<std::string>& keep);
  void set_synonyms(const stemming::SynonymMap& synonyms);
  // Commits the transaction (fsync) and starts the next one. Returns how
  // many cases the reuse graph rewrote (written earlier in the transaction,
  // or before it, and changed by the derived cases written since).
  std::size_t commit();

  // The case as the index holds it (a case held back by defer() reads as it
  // was before this transaction until the commit).
  std::optional<schema::StoredCase> get(const std::string& id);
  Xapian::doccount document_count() { return db_.get_doccount(); }
  // Every stored case, in id order (for export).
  template <typename F>
  void for_each_case(F&& f) {
    schema::for_each_stored_case(db_, std::forward<F>(f));
  }

 private:
  std::optional<Xapian::docid> find(const std::string& id);
  void forget_spelling(Xapian::docid docid);
  void write(const std::string& id, std::optional<Xapian::docid> existing, const Xapian::Document& doc,
             const std::vector<std::string>& spelling);
  void write_deferred();

  Xapian::WritableDatabase db_;
  // Spelling frequency changes of this transaction, applied in commit():
  // one add_spelling/remove_spelling per word instead of one per word and
  // document (the net change is the same; spelling data is only read after a
  // commit anyway).
  std::unordered_map<std::string, long long> spelling_delta_;
  std::unique_ptr<stemming::Analyzer> analyzer_;
  std::unique_ptr<DocumentMapper> mapper_;
  ReuseGraph reuse_;
  std::set<std::string> deferred_ids_;
  std::map<std::string, nlohmann::json> deferred_;  // id -> record held back by upsert()
  bool in_transaction_ = false;
};

}  // namespace kb::index
