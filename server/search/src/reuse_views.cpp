// The reuse views of the search core: a case's family and the municipality
// pages' data. Built on search() where they can be, so they honour drafts and
// facets exactly as a search does.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "kb/schema/municipality_registry.h"
#include "kb/schema/terms.h"
#include "kb/search/errors.h"
#include "kb/search/searcher.h"

namespace kb::search {
namespace {

constexpr std::size_t kMaxFamily = 200;
constexpr int kMaxChainUp = 50;

}  // namespace

std::vector<Xapian::docid> Searcher::family_of(Xapian::docid docid) {
  const auto is_published = [&](Xapian::docid did) {
    return !schema::FacetKey::decode(db_.get_document(did).get_value(schema::kSlotFacets)).draft;
  };
  const auto docid_of = [&](const std::string& id) -> std::optional<Xapian::docid> {
    const std::string term = schema::term(schema::kId, id);
    auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return std::nullopt;
    return *it;
  };
  // Up to the original: the first case of the chain without a known, published derived_from.
  Xapian::docid root = docid;
  std::set<Xapian::docid> seen{root};
  for (int step = 0; step < kMaxChainUp; ++step) {
    const std::string target = schema::first_term_value(db_.get_document(root), schema::kDerivedFrom);
    const auto up = target.empty() ? std::nullopt : docid_of(target);
    if (!up || !seen.insert(*up).second || !is_published(*up)) break;
    root = *up;
  }
  // Down from it: every case derived from a member, breadth first.
  std::vector<Xapian::docid> family{root};
  std::set<Xapian::docid> in_family{root};
  for (std::size_t next = 0; next < family.size() && family.size() < kMaxFamily; ++next) {
    const std::string id = schema::first_term_value(db_.get_document(family[next]), schema::kId);
    const std::string term = schema::term(schema::kDerivedFrom, id);
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term) && family.size() < kMaxFamily; ++it)
      if (is_published(*it) && in_family.insert(*it).second) family.push_back(*it);
  }
  if (!in_family.contains(docid)) family.push_back(docid);  // a draft asks for its own family
  return family;
}

MunicipalityList Searcher::municipalities() {
  SearchRequest all;
  all.per_page = 1;
  const SearchAnswer answer = search(all);
  std::map<std::string, std::pair<Xapian::doccount, Xapian::doccount>> counts;  // slug -> (cases, reused)
  for (const auto& v : answer.facets.municipality) counts[v.value].first = v.count;
  for (const auto& v : answer.facets.reused_in) counts[v.value].second = v.count;
  const auto& registry = schema::builtin_municipalities();
  MunicipalityList list;
  for (const auto& [slug, n] : counts) {
    const schema::Municipality* m = registry.by_slug(slug);
    if (!m) continue;  // a case of an unknown municipality (a custom list at index time)
    list.municipalities.push_back({slug, m->display_name, m->province, m->province_slug, n.first, n.second});
  }
  std::sort(list.municipalities.begin(), list.municipalities.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return list;
}

MunicipalityView Searcher::municipality(std::string_view name, std::string_view lang, int limit) {
  const schema::Municipality* m = name.size() <= 100 ? schema::builtin_municipalities().find(name) : nullptr;
  if (!m) throw NotFound("no municipality '" + std::string(name.substr(0, 100)) + "'");
  SearchRequest own;
  own.municipalities = {m->slug};
  own.sort = Sort::title;
  own.per_page = limit;
  own.lang = std::string(lang);
  SearchRequest reused = own;
  reused.municipalities.clear();
  reused.reused_in = {m->slug};
  SearchAnswer cases = search(own);
  SearchAnswer others = search(reused);
  return {m->slug,          m->display_name,      m->province,          m->province_slug,
          std::move(cases.hits), cases.total,     std::move(others.hits), others.total};
}

}  // namespace kb::search
