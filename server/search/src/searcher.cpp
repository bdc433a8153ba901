#include "kb/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>

#include "kb/schema/index_compatibility.h"
#include "kb/schema/municipality_registry.h"
#include "kb/schema/stored_case.h"
#include "kb/schema/taxonomy.h"
#include "kb/schema/terms.h"
#include "kb/search/boolean_matcher.h"
#include "kb/search/clause_coverage.h"
#include "kb/search/errors.h"
#include "kb/search/facet_counter.h"

namespace kb::search {
namespace {

constexpr std::size_t kMaxAnalyzeBytes = 20'000;
constexpr std::size_t kMaxSuggestScan = 5'000;
constexpr Xapian::doccount kRelaxBelow = 3;  // AND results below this try the OR query

Xapian::Query or_terms(std::string_view prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> qs;
  for (const auto& v : values) qs.emplace_back(schema::term(prefix, v));
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

Xapian::Query filtered(Xapian::Query query, const Xapian::Query& filter) {
  return filter.empty() ? query : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

class StemTermsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override { return term.size() > 3 && term[0] == 'Z'; }
};

// The earliest start year Y such that the documents passing every filter
// from Y on are at least `wanted`; nullopt when that takes every year (then
// documents without a year may be on the page too). Sorting newest first,
// such a page holds only documents from Y on, so the ranked match can skip
// the others. `counts.years` counts every filter except the year range.
std::optional<int> newest_years_holding(const FacetCounts& counts, const SearchRequest& request,
                                        Xapian::doccount wanted) {
  Xapian::doccount seen = 0;
  for (auto it = counts.years.rbegin(); it != counts.years.rend(); ++it) {
    if (request.year_min && it->first < *request.year_min) break;
    if (request.year_max && it->first > *request.year_max) continue;
    seen += it->second;
    if (seen >= wanted) return std::next(it) == counts.years.rend() ? std::nullopt : std::optional<int>(it->first);
  }
  return std::nullopt;
}

// Drafts are few (often none): excluding them costs a skip over a short
// posting list, where a filter on `published` would walk every document.
class DraftExclusion {
 public:
  DraftExclusion(const Xapian::Database& db, bool include_drafts)
      : term_(schema::term(schema::kVisibility, "draft")), active_(!include_drafts && db.get_termfreq(term_) > 0) {}
  Xapian::Query operator()(Xapian::Query q) const {
    return active_ ? Xapian::Query(Xapian::Query::OP_AND_NOT, std::move(q), Xapian::Query(term_)) : q;
  }

 private:
  std::string term_;
  bool active_;
};

// The filters of a request twice: as a Xapian query for the ranked match and
// as FacetFilters for the exact counts.
struct RequestFilters {
  Xapian::Query query;  // empty when there is no filter
  FacetFilters facets;
};

RequestFilters filters_of(const SearchRequest& request) {
  std::vector<Xapian::Query> filters;
  FacetFilters f;
  const auto bits = [](const std::vector<std::string>& values, auto index_of) {
    std::uint8_t mask = 0;
    for (const auto& v : values) mask = static_cast<std::uint8_t>(mask | (1u << index_of(v)));
    return mask;
  };
  if (!request.themes.empty()) {
    filters.push_back(or_terms(schema::kTheme, request.themes));
    f.theme_mask = bits(request.themes, [](const std::string& v) { return schema::theme_index(v); });
  }
  if (!request.municipalities.empty()) {
    filters.push_back(or_terms(schema::kMunicipality, request.municipalities));
    f.municipalities.insert(request.municipalities.begin(), request.municipalities.end());
  }
  if (!request.maturities.empty()) {
    filters.push_back(or_terms(schema::kMaturity, request.maturities));
    f.maturity_mask = bits(request.maturities, [](const std::string& v) { return schema::maturity_index(v); });
  }
  if (!request.provinces.empty()) {
    filters.push_back(or_terms(schema::kProvince, request.provinces));
    f.provinces.insert(request.provinces.begin(), request.provinces.end());
  }
  if (!request.reused_in.empty()) {
    filters.push_back(or_terms(schema::kReusedIn, request.reused_in));
    f.reused_in.insert(request.reused_in.begin(), request.reused_in.end());
  }
  if (request.reused_only) {
    filters.emplace_back(schema::term(schema::kReused, "yes"));
    f.reused_only = true;
  }
  if (request.year_min || request.year_max) {
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotStartYear,
                         Xapian::sortable_serialise(request.year_min.value_or(1990)),
                         Xapian::sortable_serialise(request.year_max.value_or(2100)));
    f.year_min = request.year_min;
    f.year_max = request.year_max;
  }
  return {filters.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()), f};
}

// Every match of the text query, unranked, with the facet counts and the
// exact total.
struct TextMatch {
  DocSet docs;
  FacetCounts counts;
  const Xapian::Query* query = nullptr;  // built.query, or built.relaxed when relaxed
  bool relaxed = false;
};

TextMatch match_text(BooleanMatcher& matcher, const FacetTable& table, const BuiltQuery& built,
                     const DraftExclusion& published_only, const FacetFilters& filters) {
  const auto match = [&](const Xapian::Query& text_query) {
    TextMatch m{matcher.match(published_only(text_query)), {}, &text_query, false};
    FacetCounter counter(table, filters);
    counter.add(m.docs);
    m.counts = counter.counts();
    return m;
  };
  TextMatch matched = match(built.query);
  // Nothing, or almost nothing, matches every word (a question typed as a
  // sentence): rank by how many words match instead, and say so.
  if (matched.counts.total < kRelaxBelow && !built.relaxed.empty()) {
    TextMatch relaxed = match(built.relaxed);
    if (relaxed.counts.total > matched.counts.total) {
      relaxed.relaxed = true;
      return relaxed;
    }
  }
  return matched;
}

// The page itself, ranked: the text query with the filters, in the order the
// request asks for, limited where it can be to the matches that can reach
// the page.
struct PageRanker {
  Xapian::Database& db;
  const FacetTable& table;
  const SearcherOptions& options;
  const SearchRequest& request;
  const BuiltQuery& built;
  const TextMatch& matched;
  const RequestFilters& filters;
  const DraftExclusion& published_only;

  Xapian::MSet rank(ClauseCoverage* coverage) const {  // coverage: the sort key of a relaxed page, or null
    const auto offset = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
    const auto page_end = offset + static_cast<Xapian::doccount>(request.per_page);
    if (offset >= matched.counts.total) return {};
    // What the ranked match may be limited to; both must outlive the match.
    DocSet candidates;
    std::optional<DocSetPostingSource> candidate_source;
    const auto rank_only = [&](DocSet set) {
      candidates = std::move(set);
      candidate_source.emplace(candidates);
      return Xapian::Query(Xapian::Query::OP_FILTER, *matched.query, Xapian::Query(&*candidate_source));
    };
    Xapian::Query page_query = published_only(filtered(*matched.query, filters.query));
    Xapian::Enquire enquire(db);
    if (options.match_time_limit_ms > 0) enquire.set_time_limit(options.match_time_limit_ms / 1000.0);
    const bool by_newest = request.sort == Sort::newest || (request.sort == Sort::relevance && built.browse);
    if (by_newest) {
      enquire.set_sort_by_value_then_relevance(schema::kSlotStartYear, true);
      // Only the newest years can hold the page: rank just their matches.
      if (const auto from = newest_years_holding(matched.counts, request, page_end))
        page_query = rank_only(passing([&](Xapian::docid did) { return table.row(did).year >= *from; }));
    } else if (request.sort == Sort::title) {
      enquire.set_sort_by_value(schema::kSlotTitleSort, false);
    } else if (request.sort == Sort::reuse) {
      enquire.set_sort_by_value_then_relevance(schema::kSlotReuseCount, true);
    } else if (request.sort == Sort::updated) {
      // YYYY-MM-DD sorts as text; a case without a date (empty value) comes last.
      enquire.set_sort_by_value_then_relevance(schema::kSlotUpdated, true);
    } else if (coverage) {
      // Most clauses matched first; only the best-covered cases can fill the page.
      page_query = rank_only(coverage->best(passing([](Xapian::docid) { return true; }), page_end));
      enquire.set_sort_by_key_then_relevance(coverage, true);
    }
    enquire.set_query(page_query);
    return enquire.get_mset(offset, static_cast<Xapian::doccount>(request.per_page));
  }

 private:
  // The matches that pass every filter and `keep`.
  template <typename Keep>
  DocSet passing(Keep&& keep) const {
    const FacetCounter filter_check(table, filters.facets);
    DocSet out(matched.docs.last_docid());
    matched.docs.for_each([&](Xapian::docid did) {
      if (keep(did) && filter_check.passes(did)) out.add(did);
    });
    return out;
  }
};

// `counts` (highest first) and then any selected value it lacks, at 0.
std::vector<FacetValue> slug_facet(const std::vector<SlugCount>& counts, const std::vector<std::string>& selected) {
  std::vector<FacetValue> values;
  values.reserve(counts.size() + selected.size());
  for (const SlugCount& c : counts) values.push_back({std::string(c.slug), std::string(c.label), c.count, {}});
  std::vector<std::string_view> missing;
  for (const auto& s : selected)
    if (std::none_of(counts.begin(), counts.end(), [&](const SlugCount& c) { return c.slug == s; }))
      missing.push_back(s);
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  for (const auto s : missing)
    values.push_back({std::string(s), schema::builtin_municipalities().label_of_slug(s), 0, {}});
  return values;
}

AnswerFacets answer_facets(const FacetCounts& counts, const SearchRequest& request) {
  AnswerFacets f;
  f.theme.reserve(schema::kThemes.size());
  for (std::size_t i = 0; i < schema::kThemes.size(); ++i)
    f.theme.push_back({std::string(schema::kThemes[i]), schema::theme_label(schema::kThemes[i], request.lang),
                       counts.themes[i], {}});
  for (std::size_t i = 0; i < schema::kMaturities.size(); ++i)
    f.maturity.push_back({std::string(schema::kMaturities[i]),
                          schema::maturity_label(schema::kMaturities[i], request.lang), counts.maturities[i], {}});
  for (auto it = counts.years.rbegin(); it != counts.years.rend(); ++it)
    f.start_year.push_back({std::to_string(it->first), std::nullopt, it->second, {}});
  // Every province, also at 0, in name order.
  for (const auto& p : schema::builtin_municipalities().provinces()) {
    const auto n = counts.provinces.find(p.slug);
    f.province.push_back({p.slug, p.name, n == counts.provinces.end() ? 0 : n->second, {}});
  }
  f.municipality = slug_facet(counts.municipalities, request.municipalities);
  f.reused_in = slug_facet(counts.reused_in, request.reused_in);
  return f;
}

std::vector<LabelledValue> theme_labels_of(const std::vector<std::string>& themes, std::string_view lang) {
  std::vector<LabelledValue> out;
  out.reserve(themes.size());
  for (const auto& t : themes) out.push_back({t, std::string(schema::theme_label(t, lang))});
  return out;
}

}  // namespace

Searcher::Searcher(std::filesystem::path db_path, std::shared_ptr<const stemming::Lexicon> lexicon, SearcherOptions options)
    : path_(std::move(db_path)), options_(options) {
  try {
    db_ = Xapian::Database(path_.string());
    schema::check_compatible(db_, path_.string());
  } catch (const Xapian::Error& e) {
    throw IndexUnavailable("cannot open the index in " + path_.string() + ": " + e.get_description());
  } catch (const schema::IncompatibleIndexError& e) {
    throw IndexUnavailable(e.what());
  }
  const auto stemmer = stemming::parse_stemmer(db_.get_metadata(schema::kMetaStemmer)).value_or(stemming::StemmerKind::dutch);
  analyzer_ = std::make_unique<stemming::Analyzer>(std::move(lexicon), stemming::AnalyzerOptions{stemmer, true});
  builder_ = std::make_unique<QueryBuilder>(*analyzer_, options_.limits);
  snippeter_ = std::make_unique<Snippeter>(*analyzer_);
}

Searcher::~Searcher() = default;

template <typename F>
auto Searcher::with_retry(F&& f) {
  for (int attempt = 0;; ++attempt) {
    try {
      if (db_.reopen()) facet_table_stale_ = true;
      return f();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 3) throw IndexUnavailable("the index changed too often during the request");
    } catch (const Xapian::DatabaseError& e) {
      throw IndexUnavailable("index error: " + e.get_description());
    }
  }
}

Xapian::doccount Searcher::document_count() {
  return with_retry([&] { return db_.get_doccount(); });
}

Hit Searcher::hit_of(const Xapian::Document& doc, double score, const BuiltQuery* query, std::string_view lang) {
  auto stored = schema::StoredCase::from_data(doc.get_data());
  Hit hit;
  hit.id = stored.text("id");
  hit.title = stored.text("title");
  hit.title_en = stored.optional_text("title_en");
  hit.language = stored.optional_text("language");
  hit.themes = stored.texts("themes");
  hit.theme_labels = theme_labels_of(hit.themes, lang);
  hit.maturity = stored.text("maturity");
  hit.maturity_label = schema::maturity_label(hit.maturity, lang);
  hit.start_year = stored.integer("start_year");
  hit.summary = stored.text("summary");
  hit.summary_en = stored.optional_text("summary_en");
  hit.updated = stored.optional_text("updated");
  hit.reuse_count = stored.reused_by.size();
  hit.score = std::round(score * 1000.0) / 1000.0;
  hit.snippet = snippet_of(stored, query, lang);
  hit.municipality = std::move(stored.municipality_label);
  hit.municipality_slug = std::move(stored.municipality_slug);
  hit.province = std::move(stored.province);
  hit.province_slug = std::move(stored.province_slug);
  return hit;
}

// The snippet of a hit and its language. English pages take it from the
// English title and summary when the query matches there (or when nothing is
// searched); otherwise from the main fields, in the case's `language`.
Snippet Searcher::snippet_of(const schema::StoredCase& r, const BuiltQuery* query, std::string_view lang) {
  const std::string summary = r.text("summary");
  const std::string summary_en = r.text("summary_en");
  const bool searched = query && !query->browse;
  const std::string text_lang = r.text("language") == "en" ? "en" : "nl";  // the main fields' language
  const auto in = [](Snippet s, std::string language) {
    s.lang = std::move(language);
    return s;
  };
  if (lang == "en" && !summary_en.empty() && text_lang != "en") {
    const std::string title_en = r.text("title_en");
    Snippet english = searched ? snippeter_->snippet({summary_en, title_en}, query->words, query->stems)
                               : snippeter_->snippet({summary_en}, {}, {});
    if (!searched || !english.marks.empty()) return in(std::move(english), "en");
  }
  if (!searched) return in(snippeter_->snippet({summary}, {}, {}), text_lang);
  const std::string problem = r.text("problem"), solution = r.text("solution"), results = r.text("results"),
                    lessons = r.text("lessons"), scale_up = r.text("scale_up"), title = r.text("title");
  return in(snippeter_->snippet({summary, problem, solution, results, lessons, scale_up, title}, query->words,
                                query->stems),
            text_lang);
}

SearchAnswer Searcher::search(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  return with_retry([&] {
    const BuiltQuery built = builder_->build(request.q, db_);
    const DraftExclusion published_only(db_, request.include_drafts);
    const RequestFilters filters = filters_of(request);
    if (facet_table_stale_) {
      facet_table_.load(db_);
      facet_table_stale_ = false;
    }
    // Exact counts take every match; a query whose matching runs past the
    // time limit (dozens of wildcards) gets a 400, not partial counts.
    const auto deadline = options_.match_time_limit_ms > 0
                              ? start + std::chrono::milliseconds(options_.match_time_limit_ms)
                              : BooleanMatcher::Clock::time_point::max();
    BooleanMatcher matcher(db_, facet_table_.documents(), deadline);
    TextMatch matched;
    std::optional<ClauseCoverage> coverage;  // the sort key of a relaxed page
    try {
      matched = match_text(matcher, facet_table_, built, published_only, filters.facets);
      if (matched.relaxed && request.sort == Sort::relevance)
        coverage.emplace(matcher, built.clauses, matched.docs.last_docid());
    } catch (const BooleanMatcher::Timeout&) {
      throw InvalidRequest("q", "the query takes more than " + std::to_string(options_.match_time_limit_ms) +
                                    " ms to match; use fewer wildcards or more letters before each *");
    }
    const PageRanker ranker{db_, facet_table_, options_, request, built, matched, filters, published_only};
    const Xapian::MSet mset = ranker.rank(coverage ? &*coverage : nullptr);
    const double top = mset.get_max_attained() > 0 ? mset.get_max_attained() : 1.0;
    SearchAnswer answer;
    answer.hits.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it)
      answer.hits.push_back(hit_of(it.get_document(), it.get_weight() / top, &built, request.lang));
    const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    answer.query = request.q;
    answer.total = matched.counts.total;
    answer.page = request.page;
    answer.per_page = request.per_page;
    answer.facets = answer_facets(matched.counts, request);
    if (!built.corrected.empty()) answer.did_you_mean = built.corrected;
    answer.relaxed = matched.relaxed;
    answer.took_ms = std::round(took * 100.0) / 100.0;
    return answer;
  });
}

CaseView Searcher::get_case(const std::string& id, std::string_view lang, bool include_drafts) {
  return with_retry([&] {
    const std::string term = schema::term(schema::kId, id);
    auto post = db_.postlist_begin(term);
    if (post == db_.postlist_end(term)) throw NotFound("no case with id '" + id + "'");
    CaseView view;
    view.stored = schema::StoredCase::from_data(db_.get_document(*post).get_data());
    view.visibility = view.stored.visibility();
    if (view.visibility == "draft" && !include_drafts) throw NotFound("no case with id '" + id + "'");
    view.theme_labels = theme_labels_of(view.stored.texts("themes"), lang);
    view.maturity_label = schema::maturity_label(view.stored.text("maturity"), lang);
    view.revision = schema::revision_of(view.stored);
    return view;
  });
}

SimilarAnswer Searcher::similar(const std::string& id, int per_page, std::string_view lang) {
  return with_retry([&] {
    const std::string id_term = schema::term(schema::kId, id);
    auto post = db_.postlist_begin(id_term);
    if (post == db_.postlist_end(id_term)) throw NotFound("no case with id '" + id + "'");
    const Xapian::Document doc = db_.get_document(*post);
    const auto stored = schema::StoredCase::from_data(doc.get_data());
    if (stored.is_draft()) throw NotFound("no case with id '" + id + "'");
    Xapian::RSet rset;
    rset.add_document(*post);
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(id_term));
    const StemTermsOnly decider;
    const Xapian::ESet eset = enquire.get_eset(25, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
    const auto family = family_of(*post);
    SimilarAnswer answer;
    answer.id = id;
    if (!terms.empty()) {
      Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(id_term));
      q = filtered(q, Xapian::Query(schema::term(schema::kVisibility, "published")));
      enquire.set_query(q);
      const Xapian::MSet mset = enquire.get_mset(0, 50);
      const double top = mset.get_max_attained() > 0 ? mset.get_max_attained() : 1.0;
      std::vector<Hit> others, same;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (std::find(family.begin(), family.end(), *it) != family.end()) continue;  // shown apart
        Hit hit = hit_of(it.get_document(), it.get_weight() / top, nullptr, lang);
        (hit.municipality_slug == stored.municipality_slug ? same : others).push_back(std::move(hit));
      }
      for (auto* list : {&others, &same})
        for (auto& h : *list)
          if (answer.hits.size() < static_cast<std::size_t>(per_page)) answer.hits.push_back(std::move(h));
    }
    for (const Xapian::docid did : family)
      if (did != *post) answer.family.push_back(hit_of(db_.get_document(did), 0, nullptr, lang));
    return answer;
  });
}

Suggestions Searcher::suggest(std::string_view prefix, int limit) {
  return with_retry([&] {
    const auto space = prefix.find_last_of(" \t");
    const std::string head(space == std::string_view::npos ? std::string_view{} : prefix.substr(0, space + 1));
    const std::string_view last = space == std::string_view::npos ? prefix : prefix.substr(space + 1);
    const auto tokens = analyzer_->analyze(last);
    Suggestions answer;
    auto& suggestions = answer.suggestions;
    if (tokens.size() != 1 || tokens.front().normalized.size() < 2 || last.empty() || last.back() == ' ')
      return answer;
    const std::string folded = tokens.front().normalized;
    std::vector<std::pair<Xapian::doccount, std::string>> candidates;
    std::size_t scanned = 0;
    for (auto it = db_.allterms_begin(folded); it != db_.allterms_end(folded) && scanned < kMaxSuggestScan; ++it, ++scanned)
      candidates.emplace_back(it.get_termfreq(), *it);
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    const bool has_drafts = db_.get_termfreq(schema::term(schema::kVisibility, "draft")) > 0;
    const Xapian::Query published(schema::term(schema::kVisibility, "published"));
    for (const auto& [freq, term] : candidates) {
      if (suggestions.size() >= static_cast<std::size_t>(limit)) break;
      Xapian::doccount count = freq;
      if (has_drafts) {  // never reveal words that only drafts contain
        Xapian::Enquire e(db_);
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), published));
        count = e.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
        if (count == 0) continue;
      }
      suggestions.push_back({head + term, count});
    }
    return answer;
  });
}

FacetsAnswer Searcher::facets(std::string_view lang) {
  SearchRequest request;
  request.lang = std::string(lang);
  request.per_page = 1;
  SearchAnswer answer = search(request);
  for (auto& t : answer.facets.theme) t.description = schema::theme_description(t.value, lang);
  return {answer.total, std::move(answer.facets)};
}

namespace {

// Every published case into `chunk` in export form; `flush(chunk)` after each
// case may move the text elsewhere (and clear it).
template <typename Flush>
void write_published(const Xapian::Database& db, schema::ExportFormat format, std::string& chunk, Flush&& flush) {
  schema::CaseExportWriter writer(format, chunk);
  schema::for_each_stored_case(db, [&](const schema::StoredCase& stored) {
    if (stored.is_draft()) return;
    writer.add(stored.record, stored.municipality_slug);
    flush(chunk);
  });
}

}  // namespace

std::string Searcher::export_published(schema::ExportFormat format) {
  return with_retry([&] {
    std::string out;  // a retry after a concurrent commit starts again from empty
    write_published(db_, format, out, [](std::string&) {});
    return out;
  });
}

std::uintmax_t Searcher::export_published(schema::ExportFormat format, const std::filesystem::path& file) {
  constexpr std::size_t kChunk = 1u << 20;
  return with_retry([&] {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);  // a retry starts the file again
    if (!out) throw std::runtime_error("cannot write the export to " + file.string());
    const auto write = [&out](std::string& chunk) {
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      chunk.clear();
    };
    std::string chunk;
    write_published(db_, format, chunk, [&](std::string& c) {
      if (c.size() >= kChunk) write(c);
    });
    write(chunk);
    out.close();
    if (!out) throw std::runtime_error("cannot write the export to " + file.string());
    return std::filesystem::file_size(file);
  });
}

Analysis Searcher::analyze(std::string_view text) {
  if (text.size() > kMaxAnalyzeBytes)
    throw InvalidRequest("text", "at most " + std::to_string(kMaxAnalyzeBytes) + " bytes");
  return {analyzer_->analyze(text)};
}

}  // namespace kb::search
