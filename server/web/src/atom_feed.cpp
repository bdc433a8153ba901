// The Atom feed (RFC 4287). Every text goes through html_escape, whose five
// entities are XML's own; the records hold no control characters (the
// validator refuses them), so the document is always well-formed XML.
#include "kb/web/atom_feed.h"

#include <algorithm>
#include <cctype>

#include "page_parts.h"

namespace kb::web {
namespace {

using detail::Params;
using detail::text_of;
using detail::tr;
using nlohmann::json;

constexpr std::string_view kAtomType = "application/atom+xml";

// The text in the request's language: the English field when asked and present.
std::string localized(const json& hit, std::string_view field, const PageRequest& req) {
  if (req.lang == "en") {
    if (std::string en = text_of(hit, std::string(field) + "_en"); !en.empty()) return en;
  }
  return text_of(hit, field);
}

// A hit's <updated>: its `updated` date; without one, 1 January of its start
// year (Atom requires the element), else the epoch.
std::string entry_updated(const json& hit) {
  if (std::string date = atom_date(text_of(hit, "updated")); !date.empty()) return date;
  if (std::string year = text_of(hit, "start_year"); year.size() == 4) return year + "-01-01T00:00:00Z";
  return "1970-01-01T00:00:00Z";
}

std::string element(std::string_view name, std::string_view text) {
  return "<" + std::string(name) + ">" + html_escape(text) + "</" + std::string(name) + ">\n";
}

std::string link(std::string_view rel, std::string_view type, std::string_view href) {
  return "<link rel=\"" + std::string(rel) + "\" type=\"" + std::string(type) + "\" href=\"" + html_escape(href) + "\"/>\n";
}

std::string render_entry(const json& hit, const PageRequest& req) {
  const std::string id = text_of(hit, "id");
  // The id stays the same in both languages; the link keeps the language.
  const std::string case_url = req.origin + "/cases/" + detail::url_encode(id);
  const std::string page_url = req.lang == "en" ? case_url + "?lang=en" : case_url;
  std::string out = "<entry>\n";
  out += element("id", case_url);
  out += "<title type=\"text\">" + html_escape(localized(hit, "title", req)) + "</title>\n";
  out += element("updated", entry_updated(hit));
  out += link("alternate", "text/html", page_url);
  out += "<summary type=\"text\">" + html_escape(localized(hit, "summary", req)) + "</summary>\n";
  out += "<author>\n" + element("name", text_of(hit, "municipality")) + "</author>\n";
  if (const auto labels = hit.find("theme_labels"); labels != hit.end() && labels->is_array()) {
    for (const json& theme : *labels)
      out += "<category term=\"" + html_escape(text_of(theme, "value")) + "\" label=\"" +
             html_escape(text_of(theme, "label")) + "\" scheme=\"" + html_escape(req.origin + "/api/v1/taxonomy") +
             "\"/>\n";
  }
  out += "</entry>\n";
  return out;
}

}  // namespace

std::string atom_date(std::string_view date) {
  const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                      std::all_of(date.begin(), date.end(), [](char c) { return c == '-' || std::isdigit(static_cast<unsigned char>(c)); });
  return shaped ? std::string(date) + "T00:00:00Z" : std::string();
}

std::string render_atom_feed(const json& search_answer, const PageRequest& req, std::string_view empty_feed_updated) {
  static const json kNoHits = json::array();
  const json& hits = search_answer.is_object() && search_answer.contains("hits") && search_answer["hits"].is_array()
                         ? search_answer["hits"]
                         : kNoHits;
  std::string newest;
  for (const json& hit : hits) newest = std::max(newest, entry_updated(hit));  // RFC 3339 in UTC sorts as text
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
  for (const json& hit : hits) out += render_entry(hit, req);
  out += "</feed>\n";
  return out;
}

}  // namespace kb::web
