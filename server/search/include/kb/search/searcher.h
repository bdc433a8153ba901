#pragma once
// The search core for one worker thread: owns its Xapian::Database,
// Analyzer and QueryBuilder (none of them may be shared between threads).
// Every call reopens the database first (cheap when nothing changed), so a
// commit by the indexer is seen by the next request; DatabaseModifiedError
// means reopen and retry. Answers are the values of answers.h; the HTTP
// layer writes them as the JSON of api.md.
#include <xapian.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kb/schema/case_export.h"
#include "kb/search/answers.h"
#include "kb/search/facet_table.h"
#include "kb/search/query_builder.h"
#include "kb/search/request.h"
#include "kb/search/snippeter.h"
#include "kb/stemming/analyzer.h"

namespace kb::search {

struct SearcherOptions {
  Limits limits;
  unsigned match_time_limit_ms = 2000;  // Enquire::set_time_limit
};

class Searcher {
 public:
  // Throws IndexUnavailable when the index cannot be opened or is incompatible.
  Searcher(std::filesystem::path db_path, std::shared_ptr<const stemming::Lexicon> lexicon, SearcherOptions options = {});
  ~Searcher();

  SearchAnswer search(const SearchRequest& request);
  // The whole record plus municipality, labels and revision (schema::revision_of,
  // its ETag), read from one snapshot of the index so that they always belong
  // together; throws NotFound (also for a draft unless `include_drafts`).
  CaseView get_case(const std::string& id, std::string_view lang, bool include_drafts = false);
  // Cases like `id`, other municipalities first, and apart from them the
  // case's family (`family`: the cases linked to it by derived_from, up to
  // the original and down to every case derived from it); throws NotFound.
  SimilarAnswer similar(const std::string& id, int per_page, std::string_view lang);
  // Every municipality with published cases or reuse of others' cases, by name.
  MunicipalityList municipalities();
  // One municipality by slug, name or alias (`s-gravenhage` = `den-haag`):
  // its own cases and the other municipalities' cases it reused, at most
  // `limit` hits each. Throws NotFound for an unknown municipality.
  MunicipalityView municipality(std::string_view name, std::string_view lang, int limit = 100);
  Suggestions suggest(std::string_view prefix, int limit);
  FacetsAnswer facets(std::string_view lang);
  Analysis analyze(std::string_view text);
  Xapian::doccount document_count();
  // Every published case in id order, drafts never (open data, issue 13):
  // JSONL of the stored records or CSV. Built whole in memory (~3 KB a case).
  std::string export_published(schema::ExportFormat format);
  // The same, written to `file` (truncated first) in chunks of about 1 MiB,
  // so that an export of any size needs little memory. Returns its size in bytes.
  std::uintmax_t export_published(schema::ExportFormat format, const std::filesystem::path& file);

 private:
  template <typename F>
  auto with_retry(F&& f);
  Hit hit_of(const Xapian::Document& doc, double score, const BuiltQuery* query, std::string_view lang);
  Snippet snippet_of(const schema::StoredCase& stored, const BuiltQuery* query, std::string_view lang);
  // The published cases linked to `docid` by derived_from, the case itself
  // included, the original first (at most kMaxFamily).
  std::vector<Xapian::docid> family_of(Xapian::docid docid);

  std::filesystem::path path_;
  Xapian::Database db_;
  FacetTable facet_table_;
  bool facet_table_stale_ = true;  // set when reopen() finds a new revision
  std::unique_ptr<stemming::Analyzer> analyzer_;
  std::unique_ptr<QueryBuilder> builder_;
  std::unique_ptr<Snippeter> snippeter_;
  SearcherOptions options_;
};

}  // namespace kb::search
