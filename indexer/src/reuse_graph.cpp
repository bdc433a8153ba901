#include "kb/index/reuse_graph.h"

#include <algorithm>
#include <map>
#include <optional>

namespace kb::index {
namespace {

std::vector<std::string> all_with_prefix(const Xapian::Document& doc, std::string_view prefix) {
  std::vector<std::string> out;
  auto t = doc.termlist_begin();
  for (t.skip_to(std::string(prefix)); t != doc.termlist_end() && (*t).starts_with(prefix); ++t) out.push_back(*t);
  return out;
}

std::optional<Xapian::docid> find_case(Xapian::WritableDatabase& db, const std::string& id) {
  const std::string term = schema::term(schema::kId, id);
  if (!db.term_exists(term)) return std::nullopt;
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  return *it;
}

}  // namespace

std::vector<schema::ReuseEntry> merge_reuse(std::string_view own_slug, std::vector<schema::ReuseEntry> derived,
                                            const std::vector<schema::ReuseEntry>& adopted) {
  // Derived cases of one municipality: the lowest id stands for them.
  std::sort(derived.begin(), derived.end(),
            [](const auto& a, const auto& b) { return a.case_id < b.case_id; });
  std::map<std::string, schema::ReuseEntry> by_slug;
  for (auto& d : derived)
    if (d.municipality_slug != own_slug) by_slug.try_emplace(d.municipality_slug, std::move(d));
  for (const auto& a : adopted)
    if (a.municipality_slug != own_slug) by_slug.try_emplace(a.municipality_slug, schema::ReuseEntry{a.municipality, a.municipality_slug, {}});
  std::vector<schema::ReuseEntry> out;
  for (auto& [slug, entry] : by_slug) out.push_back(std::move(entry));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.municipality != b.municipality ? a.municipality < b.municipality : a.case_id < b.case_id;
  });
  return out;
}

void add_reuse_terms(Xapian::Document& doc, const std::vector<schema::ReuseEntry>& reused_by, schema::FacetKey& facets) {
  facets.reused_in.clear();
  for (const auto& e : reused_by) {
    doc.add_boolean_term(schema::term(schema::kReusedIn, e.municipality_slug));
    facets.reused_in.push_back(e.municipality_slug);
  }
  if (!reused_by.empty()) doc.add_boolean_term(schema::term(schema::kReused, "yes"));
  doc.add_value(schema::kSlotReuseCount, Xapian::sortable_serialise(static_cast<double>(reused_by.size())));
}

std::string ReuseGraph::target_of(const Xapian::Document& doc) { return schema::first_term_value(doc, schema::kDerivedFrom); }

void ReuseGraph::wrote(const std::string& id, std::string_view old_target, std::string_view new_target) {
  fresh_.insert(id);
  if (!old_target.empty()) targets_.emplace(old_target);
  if (!new_target.empty()) targets_.emplace(new_target);
}

void ReuseGraph::removed(std::string_view old_target) {
  if (!old_target.empty()) targets_.emplace(old_target);
}

std::vector<schema::ReuseEntry> ReuseGraph::derivers_of(Xapian::WritableDatabase& db, const std::string& id) const {
  std::vector<schema::ReuseEntry> out;
  const std::string term = schema::term(schema::kDerivedFrom, id);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const auto key = schema::FacetKey::decode(doc.get_value(schema::kSlotFacets));
    if (key.draft) continue;  // a draft is not public: it shows nowhere, not even as reuse
    out.push_back({registry_.label_of_slug(key.municipality), key.municipality, schema::first_term_value(doc, schema::kId)});
  }
  return out;
}

std::size_t ReuseGraph::update(Xapian::WritableDatabase& db) {
  // A case written this transaction lost what derived cases gave it.
  for (const auto& id : fresh_)
    if (db.term_exists(schema::term(schema::kDerivedFrom, id))) targets_.insert(id);
  fresh_.clear();
  std::size_t rewritten = 0;
  for (const auto& id : targets_) {
    const auto docid = find_case(db, id);
    if (!docid) continue;  // not (yet) known: a dangling derived_from changes nothing
    Xapian::Document doc = db.get_document(*docid);
    nlohmann::json data = nlohmann::json::parse(doc.get_data());
    std::vector<schema::ReuseEntry> adopted;
    for (const auto& a : data.value("adopted_by", nlohmann::json::array()))
      adopted.push_back({a.at("name").get<std::string>(), a.at("slug").get<std::string>(), {}});
    const std::string own = data.at("municipality_slug").get<std::string>();
    auto reused_by = merge_reuse(own, derivers_of(db, id), adopted);
    if (reused_by == schema::reuse_from_json(data.value("reused_by", nlohmann::json::array()))) continue;
    for (const auto& prefix : {schema::kReusedIn, schema::kReused})
      for (const auto& t : all_with_prefix(doc, prefix)) doc.remove_term(t);
    auto facets = schema::FacetKey::decode(doc.get_value(schema::kSlotFacets));
    add_reuse_terms(doc, reused_by, facets);
    doc.add_value(schema::kSlotFacets, facets.encode());
    data["reused_by"] = schema::reuse_to_json(reused_by);
    doc.set_data(data.dump());
    db.replace_document(*docid, doc);
    ++rewritten;
  }
  targets_.clear();
  return rewritten;
}

}  // namespace kb::index
