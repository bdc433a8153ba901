// GET /cases/{id} : one case, every field of the record, and similar cases.
#include <string>
#include <string_view>

#include "kb/schema/taxonomy.h"
#include "kb/web/pages.h"
#include "page_parts.h"

namespace kb::web {
namespace {

using detail::Params;
using detail::text_of;
using detail::tr;
using nlohmann::json;

// At most `limit` bytes of `text`, cut at a word boundary and at a UTF-8
// character boundary, with an ellipsis when shortened.
std::string shorten(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  const std::size_t space = text.rfind(' ', cut);
  if (space != std::string_view::npos && space > limit / 2) cut = space;
  return std::string(text.substr(0, cut)) + "…";
}

bool is_web_url(std::string_view url) { return url.starts_with("https://") || url.starts_with("http://"); }

// A list of strings as <li>s; non-strings are skipped.
std::string string_items(const json& array) {
  std::string out;
  if (!array.is_array()) return out;
  for (const json& item : array) {
    if (item.is_string()) out += "<li>" + html_escape(item.get<std::string>()) + "</li>\n";
  }
  return out;
}

const json& member(const json& object, std::string_view key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string theme_names(const json& record, const PageRequest& req) {
  std::string out;
  const json& labels = member(record, "theme_labels");
  const json& themes = labels.is_array() && !labels.empty() ? labels : member(record, "themes");
  if (!themes.is_array()) return out;
  for (const json& theme : themes) {
    std::string label = theme.is_string() ? schema::theme_label(theme.get<std::string>(), req.lang) : text_of(theme, "label");
    if (label.empty()) label = schema::theme_label(text_of(theme, "value"), req.lang);
    if (label.empty()) continue;
    if (!out.empty()) out += ", ";
    out += html_escape(label);
  }
  return out;
}

std::string fact(std::string_view term, const std::string& value_html) {
  if (value_html.empty()) return {};
  return "<div><dt>" + html_escape(term) + "</dt><dd>" + value_html + "</dd></div>\n";
}

std::string render_facts(const json& record, const PageRequest& req) {
  std::string municipality = text_of(record, "municipality_label");
  if (municipality.empty()) municipality = text_of(record, "municipality");
  std::string maturity = text_of(record, "maturity_label");
  if (maturity.empty() && !text_of(record, "maturity").empty()) {
    maturity = schema::maturity_label(text_of(record, "maturity"), req.lang);
  }
  const std::string status = text_of(record, "status");
  std::string out = "<dl class=\"facts\">\n";
  out += fact(tr(req, "Gemeente", "Municipality"),
              municipality.empty() ? "" : detail::municipality_link(municipality, text_of(record, "municipality_slug"), req));
  out += fact(tr(req, "Provincie", "Province"), html_escape(text_of(record, "province")));
  out += fact(tr(req, "Thema's", "Themes"), theme_names(record, req));
  out += fact(tr(req, "Volwassenheid", "Maturity"), html_escape(maturity));
  out += fact(tr(req, "Status", "Status"), status.empty() ? "" : html_escape(schema::status_label(status, req.lang)));
  out += fact(tr(req, "Startjaar", "Start year"), html_escape(text_of(record, "start_year")));
  out += fact(tr(req, "Bijgewerkt", "Updated"), html_escape(text_of(record, "updated")));
  out += "</dl>\n";
  return out;
}

std::string text_section(const json& record, std::string_view field, std::string_view heading) {
  const std::string text = text_of(record, field);
  if (text.empty()) return {};
  return "<section class=\"case-section\" aria-labelledby=\"section-" + std::string(field) + "\">\n<h2 id=\"section-" +
         std::string(field) + "\">" + html_escape(heading) + "</h2>\n" + detail::paragraphs_html(text) + "</section>\n";
}

std::string list_section(std::string_view id, std::string_view heading, const std::string& items_html,
                         std::string_view list_class = "plain-list") {
  if (items_html.empty()) return {};
  return "<section class=\"case-section\" aria-labelledby=\"section-" + std::string(id) + "\">\n<h2 id=\"section-" +
         std::string(id) + "\">" + html_escape(heading) + "</h2>\n<ul class=\"" + std::string(list_class) + "\">\n" +
         items_html + "</ul>\n</section>\n";
}

std::string partner_items(const json& record, const PageRequest& req) {
  std::string out;
  const json& partners = member(record, "partners");
  if (!partners.is_array()) return out;
  for (const json& partner : partners) {
    const std::string name = text_of(partner, "name");
    if (name.empty()) continue;
    out += "<li>" + html_escape(name);
    if (const std::string kind = text_of(partner, "kind"); !kind.empty()) {
      out += " <span class=\"partner-kind\">(" + html_escape(schema::partner_kind_label(kind, req.lang)) + ")</span>";
    }
    out += "</li>\n";
  }
  return out;
}

std::string link_items(const json& record) {
  std::string out;
  const json& links = member(record, "links");
  if (!links.is_array()) return out;
  for (const json& link : links) {
    const std::string url = text_of(link, "url");
    std::string title = text_of(link, "title");
    if (title.empty()) title = url;
    if (title.empty()) continue;
    if (is_web_url(url)) {
      out += "<li><a href=\"" + html_escape(url) + "\" rel=\"noopener\">" + html_escape(title) + "</a></li>\n";
    } else {  // never turn an unexpected scheme (javascript:, data:) into a link
      out += "<li>" + html_escape(title) + "</li>\n";
    }
  }
  return out;
}

std::string tag_items(const json& record, const PageRequest& req) {
  std::string out;
  const json& tags = member(record, "tags");
  if (!tags.is_array()) return out;
  for (const json& tag : tags) {
    if (!tag.is_string()) continue;
    Params params{{"q", "\"" + tag.get<std::string>() + "\""}};
    if (req.lang == "en") params.emplace_back("lang", "en");
    out += "<li><a class=\"tag\" href=\"" + detail::href("/", params) + "\">" + html_escape(tag.get<std::string>()) +
           "</a></li>\n";
  }
  return out;
}

std::string contact_section(const json& record, const PageRequest& req) {
  const json& contact = member(record, "contact");
  const std::string organisation = text_of(contact, "organisation");
  const std::string email = text_of(contact, "email");
  if (organisation.empty() && email.empty()) return {};
  std::string out = "<section class=\"case-section\" aria-labelledby=\"section-contact\">\n<h2 id=\"section-contact\">";
  out += tr(req, "Contact", "Contact");
  out += "</h2>\n<p>";
  if (!organisation.empty()) out += html_escape(organisation);
  const bool plain_address = !email.empty() && email.find_first_of(" \t\r\n<>\"'?&") == std::string::npos &&
                             email.find('@') != std::string::npos;
  if (!email.empty()) {
    if (!organisation.empty()) out += "<br>";
    if (plain_address) {
      out += "<a href=\"mailto:" + html_escape(email) + "\">" + html_escape(email) + "</a>";
    } else {
      out += html_escape(email);
    }
  }
  out += "</p>\n</section>\n";
  return out;
}

// The family hit with this id, or null.
const json& family_hit(const json& family, std::string_view id) {
  static const json kNull;
  if (!family.is_array()) return kNull;
  for (const json& hit : family)
    if (text_of(hit, "id") == id) return hit;
  return kNull;
}

// "Hergebruikt door": every municipality of reused_by, linked to its own case
// where it has one, else to its municipality page. Records without reused_by
// (older answers) show adopted_by as plain names.
std::string reused_by_items(const json& record, const PageRequest& req) {
  const json& reused_by = member(record, "reused_by");
  if (!reused_by.is_array()) return string_items(member(record, "adopted_by"));
  std::string out;
  for (const json& entry : reused_by) {
    const std::string name = text_of(entry, "municipality");
    if (name.empty()) continue;
    const std::string case_id = text_of(entry, "case_id");
    if (!case_id.empty()) {
      out += "<li><a href=\"" + detail::case_href(case_id, req) + "\">" + html_escape(name) + "</a></li>\n";
    } else {
      out += "<li>" + detail::municipality_link(name, text_of(entry, "municipality_slug"), req) + "</li>\n";
    }
  }
  return out;
}

// "Gebaseerd op": the case this one reused, titled from the family when it is there.
std::string derived_from_html(const json& record, const json& family, const PageRequest& req) {
  const std::string original = text_of(record, "derived_from");
  if (original.empty()) return {};
  const json& hit = family_hit(family, original);
  std::string title = text_of(hit, "title");
  if (title.empty()) title = original;
  std::string out = "<p class=\"derived-from\"><strong>";
  out += tr(req, "Gebaseerd op", "Based on");
  out += ":</strong> <a href=\"" + detail::case_href(original, req) + "\">" + html_escape(title) + "</a>";
  if (const std::string municipality = text_of(hit, "municipality"); !municipality.empty()) {
    out += " (" + detail::municipality_link(municipality, text_of(hit, "municipality_slug"), req) + ")";
  }
  out += "</p>\n";
  return out;
}

// "Hergebruikt door", right below the case header.
std::string reused_by_section(const json& record, const PageRequest& req) {
  return list_section("reused-by", tr(req, "Hergebruikt door", "Reused by"), reused_by_items(record, req));
}

// The other cases of the solution's family together: the original first.
std::string family_section(const json& record, const json& family, const PageRequest& req) {
  if (!family.is_array() || family.empty()) return {};
  // The family starts with its original; when this case is derived, that is another case.
  bool original = !text_of(record, "derived_from").empty();
  std::string items;
  for (const json& hit : family) {
    const std::string id = text_of(hit, "id");
    if (id.empty()) continue;
    std::string title = text_of(hit, "title");
    if (title.empty()) title = id;
    items += "<li>";
    if (const std::string municipality = text_of(hit, "municipality"); !municipality.empty()) {
      items += detail::municipality_link(municipality, text_of(hit, "municipality_slug"), req) + ": ";
    }
    items += "<a href=\"" + detail::case_href(id, req) + "\">" + html_escape(title) + "</a>";
    if (original) items += " <span class=\"badge badge-original\">" + std::string(tr(req, "origineel", "original")) + "</span>";
    original = false;
    items += "</li>\n";
  }
  if (items.empty()) return {};
  std::string out = "<section class=\"family\" aria-labelledby=\"family-heading\">\n<h2 id=\"family-heading\">";
  out += tr(req, "De familie van deze oplossing", "This solution's family");
  out += "</h2>\n<p>";
  out += tr(req, "Dezelfde oplossing bij andere gemeenten: het origineel en wat ervan is afgeleid.",
            "The same solution in other municipalities: the original and what was derived from it.");
  out += "</p>\n<ul class=\"plain-list family-list\">\n" + items + "</ul>\n</section>\n";
  return out;
}

// The similar hits without the family (the API already leaves it out; an
// older answer may not).
json similar_without_family(const json& hits, const json& family) {
  json out = json::array();
  if (!hits.is_array()) return out;
  for (const json& hit : hits)
    if (family_hit(family, text_of(hit, "id")).is_null()) out.push_back(hit);
  return out;
}

std::string breadcrumb(const json& record, const std::string& title, const PageRequest& req) {
  std::string out = "<nav class=\"breadcrumb\" aria-label=\"";
  out += tr(req, "Kruimelpad", "Breadcrumb");
  out += "\">\n<ol>\n<li><a href=\"" + detail::href("/", req.lang == "en" ? Params{{"lang", "en"}} : Params{}) + "\">";
  out += tr(req, "Zoeken", "Search");
  out += "</a></li>\n<li><a href=\"" + detail::case_href(text_of(record, "id"), req) + "\" aria-current=\"page\">" +
         html_escape(title) + "</a></li>\n</ol>\n</nav>\n";
  return out;
}

// "Wie deed dit nog meer?": the similar cases, the family left out.
std::string similar_section(const json& hits, const PageRequest& req) {
  std::string out = "<section class=\"similar\" aria-labelledby=\"similar-heading\">\n<h2 id=\"similar-heading\">";
  out += tr(req, "Vergelijkbare oplossingen", "Similar solutions");
  out += "</h2>\n<p>";
  out += tr(req, "Wie deed dit nog meer? Oplossingen van andere gemeenten staan eerst.",
            "Who else did this? Solutions from other municipalities come first.");
  out += "</p>\n";
  if (hits.is_array() && !hits.empty()) {
    out += detail::render_hit_list(hits, req, "h3");
  } else {
    out += "<p>";
    out += tr(req, "Er zijn nog geen vergelijkbare oplossingen bekend.", "No similar solutions are known yet.");
    out += "</p>\n";
  }
  out += "</section>\n";
  return out;
}

}  // namespace

std::string render_case_page(const json& case_record, const json& similar_answer, const PageRequest& req) {
  const json& record = case_record.is_object() ? case_record : json::object();
  const bool english = req.lang == "en";
  std::string title = text_of(record, "title");
  std::string summary = text_of(record, "summary");
  bool title_translated = false;
  if (english && !text_of(record, "title_en").empty()) {
    title = text_of(record, "title_en");
    title_translated = true;
  }
  if (english && !text_of(record, "summary_en").empty()) summary = text_of(record, "summary_en");
  // The text fields are in the case's language; mark them when it differs from the page's.
  std::string content_lang = text_of(record, "language");
  if (content_lang != "en") content_lang = "nl";
  const std::string lang_attr =
      content_lang != detail::page_lang(req) ? " lang=\"" + content_lang + "\"" : std::string();

  std::string main = breadcrumb(record, title, req);

  main += "<article class=\"case\">\n<header class=\"case-header\">\n<h1";
  if (!title_translated) main += lang_attr;
  main += ">" + html_escape(title) + "</h1>\n";
  if (title_translated) {
    main += "<p class=\"original-title\">" + std::string(tr(req, "Oorspronkelijke titel: ", "Original title: ")) +
            "<span lang=\"nl\">" + html_escape(text_of(record, "title")) + "</span></p>\n";
  }
  main += "<p class=\"badges\">";
  std::string municipality = text_of(record, "municipality_label");
  if (municipality.empty()) municipality = text_of(record, "municipality");
  if (!municipality.empty()) {
    main += "<span class=\"badge badge-municipality\">" +
            detail::municipality_link(municipality, text_of(record, "municipality_slug"), req) + "</span> ";
  }
  const std::string maturity = text_of(record, "maturity");
  if (!maturity.empty()) {
    std::string label = text_of(record, "maturity_label");
    if (label.empty()) label = schema::maturity_label(maturity, req.lang);
    main += "<span class=\"badge badge-maturity badge-maturity-" + html_escape(maturity) + "\">" + html_escape(label) +
            "</span>";
  }
  main += "</p>\n";
  const bool summary_translated = english && !text_of(record, "summary_en").empty();
  main += "<p class=\"lead\"" + (summary_translated ? std::string() : lang_attr) + ">" + html_escape(summary) + "</p>\n";
  const json& family = member(similar_answer, "family");
  main += derived_from_html(record, family, req);
  main += "</header>\n";
  main += reused_by_section(record, req);
  main += render_facts(record, req);

  main += "<div class=\"case-body\"" + lang_attr + ">\n";
  main += text_section(record, "problem", tr(req, "Vraagstuk", "Problem"));
  main += text_section(record, "solution", tr(req, "Aanpak", "Solution"));
  main += text_section(record, "results", tr(req, "Resultaten", "Results"));
  main += text_section(record, "lessons", tr(req, "Lessen", "Lessons learned"));
  main += text_section(record, "scale_up", tr(req, "Opschaling", "Scaling up"));
  main += "</div>\n";
  main += list_section("partners", tr(req, "Partners", "Partners"), partner_items(record, req));
  main += list_section("links", tr(req, "Meer informatie", "More information"), link_items(record), "link-list");
  main += list_section("tags", tr(req, "Trefwoorden", "Keywords"), tag_items(record, req), "tag-list");
  main += contact_section(record, req);
  main += "</article>\n";

  main += family_section(record, family, req);
  const json hits = similar_without_family(member(similar_answer, "hits"), family);
  main += similar_section(hits, req);

  detail::PageShell shell;
  shell.title = title;
  shell.description = shorten(summary, 200);
  shell.current = detail::NavItem::none;
  shell.noindex = text_of(record, "visibility") == "draft";
  return detail::render_document(shell, main, req);
}

}  // namespace kb::web
