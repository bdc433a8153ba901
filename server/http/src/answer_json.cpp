#include "kb/http/answer_json.h"

#include "kb/web/pages.h"
#include "kb/stemming/token_json.h"

namespace kb::http {
namespace {

using nlohmann::json;

// Objects are built member by member: nlohmann's initializer lists copy
// every element, and a search answer holds hundreds of facet values.
json object() { return json(json::value_t::object); }

template <typename T>
json optional_field(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json labelled(const std::vector<search::LabelledValue>& values) {
  json out = json::array();
  for (const auto& v : values) {
    json item = object();
    item["value"] = v.value;
    item["label"] = v.label;
    out.push_back(std::move(item));
  }
  return out;
}

json facet_values(const std::vector<search::FacetValue>& values) {
  json out = json::array();
  auto& array = *out.get_ptr<json::array_t*>();
  array.reserve(values.size());
  for (const auto& v : values) {
    json item = object();
    auto& o = *item.get_ptr<json::object_t*>();
    o.emplace("value", v.value);
    o.emplace("count", v.count);
    if (v.label) o.emplace("label", *v.label);
    if (v.description) o.emplace("description", *v.description);
    array.push_back(std::move(item));
  }
  return out;
}

// The snippet as runs of text, each marked or not: what a client renders
// without parsing HTML (the widget does).
json snippet_parts(const search::Snippet& snippet) {
  json out = json::array();
  std::size_t pos = 0;
  const auto part = [&](std::size_t begin, std::size_t end, bool mark) {
    if (begin >= end) return;
    json item = object();
    item["text"] = snippet.text.substr(begin, end - begin);
    item["mark"] = mark;
    out.push_back(std::move(item));
  };
  for (const auto& m : snippet.marks) {
    if (m.begin < pos || m.end > snippet.text.size() || m.end < m.begin) continue;  // as kb::web::snippet_html
    part(pos, m.begin, false);
    part(m.begin, m.end, true);
    pos = m.end;
  }
  part(pos, snippet.text.size(), false);
  return out;
}

json hits(const std::vector<search::Hit>& list) {
  json out = json::array();
  out.get_ptr<json::array_t*>()->reserve(list.size());
  for (const auto& h : list) out.push_back(to_json(h));
  return out;
}

}  // namespace

json to_json(const search::Hit& h) {
  json out = object();
  auto& o = *out.get_ptr<json::object_t*>();
  o.emplace("id", h.id);
  o.emplace("title", h.title);
  if (h.title_en) o.emplace("title_en", *h.title_en);
  if (h.language) o.emplace("language", *h.language);
  o.emplace("municipality", h.municipality);
  o.emplace("municipality_slug", h.municipality_slug);
  o.emplace("province", h.province);
  o.emplace("province_slug", h.province_slug);
  o.emplace("themes", h.themes);
  o.emplace("theme_labels", labelled(h.theme_labels));
  o.emplace("maturity", h.maturity);
  o.emplace("maturity_label", h.maturity_label);
  o.emplace("start_year", optional_field(h.start_year));
  o.emplace("summary", h.summary);
  if (h.summary_en) o.emplace("summary_en", *h.summary_en);
  if (h.updated) o.emplace("updated", *h.updated);
  o.emplace("reuse_count", h.reuse_count);
  o.emplace("score", h.score);
  o.emplace("snippet", web::snippet_html(h.snippet));
  o.emplace("snippet_lang", h.snippet.lang);
  o.emplace("snippet_parts", snippet_parts(h.snippet));
  return out;
}

json to_json(const search::AnswerFacets& f) {
  json out = object();
  auto& o = *out.get_ptr<json::object_t*>();
  o.emplace("theme", facet_values(f.theme));
  o.emplace("municipality", facet_values(f.municipality));
  o.emplace("maturity", facet_values(f.maturity));
  o.emplace("start_year", facet_values(f.start_year));
  o.emplace("province", facet_values(f.province));
  o.emplace("reused_in", facet_values(f.reused_in));
  return out;
}

json to_json(const search::SearchAnswer& a) {
  json out = object();
  auto& o = *out.get_ptr<json::object_t*>();
  o.emplace("query", a.query);
  o.emplace("total", a.total);
  o.emplace("page", a.page);
  o.emplace("per_page", a.per_page);
  o.emplace("hits", hits(a.hits));
  o.emplace("facets", to_json(a.facets));
  o.emplace("did_you_mean", optional_field(a.did_you_mean));
  o.emplace("relaxed", a.relaxed);
  o.emplace("took_ms", a.took_ms);
  return out;
}

json to_json(const search::CaseView& v) {
  json out = v.stored.record;
  out["visibility"] = v.visibility;
  out["municipality_slug"] = v.stored.municipality_slug;
  out["municipality_label"] = v.stored.municipality_label;
  out["province"] = v.stored.province;
  out["province_slug"] = v.stored.province_slug;
  out["reused_by"] = schema::reuse_to_json(v.stored.reused_by);
  out["reuse_count"] = v.stored.reused_by.size();
  out["theme_labels"] = labelled(v.theme_labels);
  out["maturity_label"] = v.maturity_label;
  return out;
}

json to_json(const search::SimilarAnswer& a) {
  json out = object();
  out["id"] = a.id;
  out["total"] = a.hits.size();
  out["hits"] = hits(a.hits);
  out["family"] = hits(a.family);
  return out;
}

json to_json(const search::Suggestions& a) {
  json list = json::array();
  for (const auto& s : a.suggestions) {
    json item = object();
    item["text"] = s.text;
    item["count"] = s.count;
    list.push_back(std::move(item));
  }
  json out = object();
  out["suggestions"] = std::move(list);
  return out;
}

json to_json(const search::FacetsAnswer& a) {
  json out = object();
  out["total"] = a.total;
  out["facets"] = to_json(a.facets);
  return out;
}

json to_json(const search::MunicipalityList& a) {
  json list = json::array();
  for (const auto& m : a.municipalities) {
    json item = object();
    item["slug"] = m.slug;
    item["name"] = m.name;
    item["province"] = m.province;
    item["province_slug"] = m.province_slug;
    item["cases"] = m.cases;
    item["reused"] = m.reused;
    list.push_back(std::move(item));
  }
  json out = object();
  out["total"] = list.size();
  out["municipalities"] = std::move(list);
  return out;
}

json to_json(const search::MunicipalityView& a) {
  json out = object();
  out["slug"] = a.slug;
  out["name"] = a.name;
  out["province"] = a.province;
  out["province_slug"] = a.province_slug;
  out["cases"] = hits(a.cases);
  out["cases_total"] = a.cases_total;
  out["reused"] = hits(a.reused);
  out["reused_total"] = a.reused_total;
  return out;
}

json to_json(const search::Analysis& a) { return stemming::tokens_to_json(a.tokens); }

}  // namespace kb::http
