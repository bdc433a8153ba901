#pragma once
// The reuse graph: which municipalities reused a case. A case is reused by
// the municipalities of its `adopted_by` list and by those of the cases whose
// `derived_from` names it. The second half depends on other documents, so
// IndexWriter tells a ReuseGraph what each transaction wrote and the graph
// brings every affected case up to date just before the commit: records may
// arrive in any order, and a curation write keeps the graph right as well as
// a full kb-indexer run.
#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kb/schema/municipality_registry.h"
#include "kb/schema/stored_case.h"
#include "kb/schema/terms.h"

namespace kb::index {

// reused_by of one case: each municipality once, the case's own municipality
// left out; an entry with a case record of its own wins over an adoption
// without one; sorted by municipality name, then case id.
std::vector<schema::ReuseEntry> merge_reuse(std::string_view own_slug, std::vector<schema::ReuseEntry> derived,
                                            const std::vector<schema::ReuseEntry>& adopted);

// Adds the reuse terms of a document being built: a kReusedIn term per
// municipality, kReused when there is any, the reuse count slot, and the
// municipalities to `facets.reused_in` (the caller encodes `facets`).
void add_reuse_terms(Xapian::Document& doc, const std::vector<schema::ReuseEntry>& reused_by, schema::FacetKey& facets);

class ReuseGraph {
 public:
  explicit ReuseGraph(const schema::MunicipalityRegistry& registry) : registry_(registry) {}

  // The document of `id` was added or replaced in this transaction; its
  // derived_from was `old_target` before (empty: none) and is `new_target` now.
  void wrote(const std::string& id, std::string_view old_target, std::string_view new_target);
  // A document whose derived_from was `old_target` was deleted.
  void removed(std::string_view old_target);
  // Rewrites the reuse of every case this transaction affected, in `db`,
  // before the commit. Returns how many documents it rewrote.
  std::size_t update(Xapian::WritableDatabase& db);

  // The derived_from target recorded in a document (empty: none).
  static std::string target_of(const Xapian::Document& doc);
  // The published cases in `db` whose derived_from is `id`, as reuse entries.
  std::vector<schema::ReuseEntry> derivers_of(Xapian::WritableDatabase& db, const std::string& id) const;

 private:

  const schema::MunicipalityRegistry& registry_;
  std::set<std::string> fresh_;    // written this transaction: their documents hold adopted_by reuse only
  std::set<std::string> targets_;  // cases whose derived cases changed
};

}  // namespace kb::index
