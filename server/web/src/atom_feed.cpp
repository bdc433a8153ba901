// The Atom feed (RFC 4287). Every text goes through html_escape, whose five
// entities are XML's own; the records hold no control characters (the
// validator refuses them), so the document is always well-formed XML.
#include "kb/web/atom_feed.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "page_parts.h"

namespace kb::web {
namespace {

using detail::Params;
using detail::tr;

constexpr std::string_view kAtomType = "application/atom+xml";

// The text in the request's language: the English field when asked and present.
const std::string& localized(const std::string& nl, const std::optional<std::string>& en, const PageRequest& req) {
  return req.lang == "en" && en && !en->empty() ? *en : nl;
}

// A hit's <updated>: its `updated` date; without one, 1 January of its start
// year (Atom requires the element), else the epoch.
std::string entry_updated(const search::Hit& hit) {
  if (std::string date = atom_date(hit.updated.value_or(std::string())); !date.empty()) return date;
  if (hit.start_year && *hit.start_year >= 1000 && *hit.start_year <= 9999)
    return std::to_string(*hit.start_year) + "-01-01T00:00:00Z";
  return "1970-01-01T00:00:00Z";
}

std::string element(std::string_view name, std::string_view text) {
  return "<" + std::string(name) + ">" + html_escape(text) + "</" + std::string(name) + ">\n";
}

std::string link(std::string_view rel, std::string_view type, std::string_view href) {
  return "<link rel=\"" + std::string(rel) + "\" type=\"" + std::string(type) + "\" href=\"" + html_escape(href) + "\"/>\n";
}

std::string render_entry(const search::Hit& hit, const PageRequest& req) {
  const std::string& id = hit.id;
  // The id stays the same in both languages; the link keeps the language.
  const std::string case_url = req.origin + "/cases/" + detail::url_encode(id);
  const std::string page_url = req.lang == "en" ? case_url + "?lang=en" : case_url;
  std::string out = "<entry>\n";
  out += element("id", case_url);
  out += "<title type=\"text\">" + html_escape(localized(hit.title, hit.title_en, req)) + "</title>\n";
  out += element("updated", entry_updated(hit));
  out += link("alternate", "text/html", page_url);
  out += "<summary type=\"text\">" + html_escape(localized(hit.summary, hit.summary_en, req)) + "</summary>\n";
  out += "<author>\n" + element("name", hit.municipality) + "</author>\n";
  for (const search::LabelledValue& theme : hit.theme_labels)
    out += "<category term=\"" + html_escape(theme.value) + "\" label=\"" + html_escape(theme.label) + "\" scheme=\"" +
           html_escape(req.origin + "/api/v1/taxonomy") + "\"/>\n";
  out += "</entry>\n";
  return out;
}

}  // namespace

std::string atom_date(std::string_view date) {
  const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                      std::all_of(date.begin(), date.end(), [](char c) { return c == '-' || std::isdigit(static_cast<unsigned char>(c)); });
  return shaped ? std::string(date) + "T00:00:00Z" : std::string();
}

std::string render_atom_feed(const search::SearchAnswer& answer, const PageRequest& req,
                             std::string_view empty_feed_updated) {
  std::string newest;
  for (const search::Hit& hit : answer.hits) newest = std::max(newest, entry_updated(hit));  // RFC 3339 in UTC sorts as text
  if (newest.empty()) newest = atom_date(empty_feed_updated);
  if (newest.empty()) newest = "1970-01-01T00:00:00Z";

  const std::string query = detail::query_string(req.params);
  const std::string self_url = req.origin + "/feed.atom" + query;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"";
  out += detail::page_lang(req);
  out += "\">\n";
  out += element("id", self_url);
  out += element("title", tr(req, "Kennisbank Smart Society — nieuwe en bijgewerkte cases",
                             "Smart Society knowledge base — new and updated cases"));
  out += element("subtitle", tr(req, "Oplossingen van gemeenten om te hergebruiken, laatst bijgewerkt eerst.",
                                "Solutions built by municipalities, ready for reuse, most recently updated first."));
  out += element("updated", newest);
  out += link("self", kAtomType, self_url);
  out += link("alternate", "text/html", req.origin + "/" + query);
  out += link("license", "text/html", kOpenDataLicenceUrl);  // RFC 4946
  out += element("rights", kOpenDataLicenceName);
  out += "<generator>Kennisbank Smart Society</generator>\n";
  for (const search::Hit& hit : answer.hits) out += render_entry(hit, req);
  out += "</feed>\n";
  return out;
}

}  // namespace kb::web
