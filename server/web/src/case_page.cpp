// GET /cases/{id} : one case, every field of the record, and similar cases.
#include <string>
#include <string_view>
#include <vector>

#include "kb/schema/taxonomy.h"
#include "kb/web/pages.h"
#include "page_parts.h"

namespace kb::web {
namespace {

using detail::Params;
using detail::tr;
using search::CaseView;
using search::Hit;

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

std::string theme_names(const CaseView& view, const PageRequest& req) {
  std::vector<std::string> labels;
  for (const auto& theme : view.theme_labels)
    labels.push_back(theme.label.empty() ? schema::theme_label(theme.value, req.lang) : theme.label);
  if (view.theme_labels.empty())
    for (const auto& theme : view.stored.texts("themes")) labels.push_back(schema::theme_label(theme, req.lang));
  std::string out;
  for (const auto& label : labels) {
    if (label.empty()) continue;
    if (!out.empty()) out += ", ";
    out += html_escape(label);
  }
  return out;
}

// The municipality's display name, the record's own name when the index has none.
std::string municipality_name(const CaseView& view) {
  return view.stored.municipality_label.empty() ? view.stored.text("municipality") : view.stored.municipality_label;
}

std::string fact(std::string_view term, const std::string& value_html) {
  if (value_html.empty()) return {};
  return "<div><dt>" + html_escape(term) + "</dt><dd>" + value_html + "</dd></div>\n";
}

std::string render_facts(const CaseView& view, const PageRequest& req) {
  const schema::StoredCase& c = view.stored;
  const std::string municipality = municipality_name(view);
  std::string maturity = view.maturity_label;
  if (maturity.empty() && !c.text("maturity").empty()) maturity = schema::maturity_label(c.text("maturity"), req.lang);
  const std::string status = c.text("status");
  const auto start_year = c.integer("start_year");
  std::string out = "<dl class=\"facts\">\n";
  out += fact(tr(req, "Gemeente", "Municipality"),
              municipality.empty() ? "" : detail::municipality_link(municipality, c.municipality_slug, req));
  out += fact(tr(req, "Provincie", "Province"), html_escape(c.province));
  out += fact(tr(req, "Thema's", "Themes"), theme_names(view, req));
  out += fact(tr(req, "Volwassenheid", "Maturity"), html_escape(maturity));
  out += fact(tr(req, "Status", "Status"), status.empty() ? "" : html_escape(schema::status_label(status, req.lang)));
  out += fact(tr(req, "Startjaar", "Start year"), start_year ? std::to_string(*start_year) : std::string());
  out += fact(tr(req, "Bijgewerkt", "Updated"), html_escape(c.text("updated")));
  out += "</dl>\n";
  return out;
}

std::string text_section(const schema::StoredCase& c, std::string_view field, std::string_view heading) {
  const std::string text = c.text(field);
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

std::string partner_items(const schema::StoredCase& c, const PageRequest& req) {
  std::string out;
  for (const schema::Partner& partner : c.partners()) {
    out += "<li>" + html_escape(partner.name);
    if (!partner.kind.empty()) {
      out += " <span class=\"partner-kind\">(" + html_escape(schema::partner_kind_label(partner.kind, req.lang)) + ")</span>";
    }
    out += "</li>\n";
  }
  return out;
}

std::string link_items(const schema::StoredCase& c) {
  std::string out;
  for (const schema::Link& link : c.links()) {
    const std::string& title = link.title.empty() ? link.url : link.title;
    if (is_web_url(link.url)) {
      out += "<li><a href=\"" + html_escape(link.url) + "\" rel=\"noopener\">" + html_escape(title) + "</a></li>\n";
    } else {  // never turn an unexpected scheme (javascript:, data:) into a link
      out += "<li>" + html_escape(title) + "</li>\n";
    }
  }
  return out;
}

std::string tag_items(const schema::StoredCase& c, const PageRequest& req) {
  std::string out;
  for (const std::string& tag : c.texts("tags")) {
    Params params{{"q", "\"" + tag + "\""}};
    if (req.lang == "en") params.emplace_back("lang", "en");
    out += "<li><a class=\"tag\" href=\"" + detail::href("/", params) + "\">" + html_escape(tag) + "</a></li>\n";
  }
  return out;
}

std::string contact_section(const schema::StoredCase& c, const PageRequest& req) {
  const auto [organisation, email] = c.contact();
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
const Hit* family_hit(const std::vector<Hit>& family, std::string_view id) {
  for (const Hit& hit : family)
    if (hit.id == id) return &hit;
  return nullptr;
}

// "Hergebruikt door": every municipality of reused_by, linked to its own case
// where it has one, else to its municipality page.
std::string reused_by_items(const schema::StoredCase& c, const PageRequest& req) {
  std::string out;
  for (const schema::ReuseEntry& entry : c.reused_by) {
    if (entry.municipality.empty()) continue;
    if (!entry.case_id.empty()) {
      out += "<li><a href=\"" + detail::case_href(entry.case_id, req) + "\">" + html_escape(entry.municipality) + "</a></li>\n";
    } else {
      out += "<li>" + detail::municipality_link(entry.municipality, entry.municipality_slug, req) + "</li>\n";
    }
  }
  return out;
}

// "Gebaseerd op": the case this one reused, titled from the family when it is there.
std::string derived_from_html(const schema::StoredCase& c, const std::vector<Hit>& family, const PageRequest& req) {
  const std::string original = c.text("derived_from");
  if (original.empty()) return {};
  const Hit* hit = family_hit(family, original);
  const std::string title = hit != nullptr && !hit->title.empty() ? hit->title : original;
  std::string out = "<p class=\"derived-from\"><strong>";
  out += tr(req, "Gebaseerd op", "Based on");
  out += ":</strong> <a href=\"" + detail::case_href(original, req) + "\">" + html_escape(title) + "</a>";
  if (hit != nullptr && !hit->municipality.empty()) {
    out += " (" + detail::municipality_link(hit->municipality, hit->municipality_slug, req) + ")";
  }
  out += "</p>\n";
  return out;
}

// "Hergebruikt door", right below the case header.
std::string reused_by_section(const schema::StoredCase& c, const PageRequest& req) {
  return list_section("reused-by", tr(req, "Hergebruikt door", "Reused by"), reused_by_items(c, req));
}

// The other cases of the solution's family together: the original first.
std::string family_section(const schema::StoredCase& c, const std::vector<Hit>& family, const PageRequest& req) {
  // The family starts with its original; when this case is derived, that is another case.
  bool original = !c.text("derived_from").empty();
  std::string items;
  for (const Hit& hit : family) {
    if (hit.id.empty()) continue;
    items += "<li>";
    if (!hit.municipality.empty()) items += detail::municipality_link(hit.municipality, hit.municipality_slug, req) + ": ";
    items += "<a href=\"" + detail::case_href(hit.id, req) + "\">" + html_escape(hit.title.empty() ? hit.id : hit.title) + "</a>";
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

// The similar hits without the family (the core already leaves it out; a
// caller's answer may not).
std::vector<Hit> similar_without_family(const search::SimilarAnswer& similar) {
  std::vector<Hit> out;
  for (const Hit& hit : similar.hits)
    if (family_hit(similar.family, hit.id) == nullptr) out.push_back(hit);
  return out;
}

std::string breadcrumb(const schema::StoredCase& c, const std::string& title, const PageRequest& req) {
  std::string out = "<nav class=\"breadcrumb\" aria-label=\"";
  out += tr(req, "Kruimelpad", "Breadcrumb");
  out += "\">\n<ol>\n<li><a href=\"" + detail::href("/", req.lang == "en" ? Params{{"lang", "en"}} : Params{}) + "\">";
  out += tr(req, "Zoeken", "Search");
  out += "</a></li>\n<li><a href=\"" + detail::case_href(c.text("id"), req) + "\" aria-current=\"page\">" +
         html_escape(title) + "</a></li>\n</ol>\n</nav>\n";
  return out;
}

// "Wie deed dit nog meer?": the similar cases, the family left out.
std::string similar_section(const std::vector<Hit>& hits, const PageRequest& req) {
  std::string out = "<section class=\"similar\" aria-labelledby=\"similar-heading\">\n<h2 id=\"similar-heading\">";
  out += tr(req, "Vergelijkbare oplossingen", "Similar solutions");
  out += "</h2>\n<p>";
  out += tr(req, "Wie deed dit nog meer? Oplossingen van andere gemeenten staan eerst.",
            "Who else did this? Solutions from other municipalities come first.");
  out += "</p>\n";
  if (!hits.empty()) {
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

std::string render_case_page(const CaseView& view, const search::SimilarAnswer& similar, const PageRequest& req) {
  const schema::StoredCase& c = view.stored;
  const bool english = req.lang == "en";
  const std::string title_en = english ? c.text("title_en") : std::string();
  const std::string summary_en = english ? c.text("summary_en") : std::string();
  const bool title_translated = !title_en.empty();
  const bool summary_translated = !summary_en.empty();
  const std::string title = title_translated ? title_en : c.text("title");
  const std::string summary = summary_translated ? summary_en : c.text("summary");
  // The text fields are in the case's language; mark them when it differs from the page's.
  const std::string content_lang = c.text("language") == "en" ? "en" : "nl";
  const std::string lang_attr =
      content_lang != detail::page_lang(req) ? " lang=\"" + content_lang + "\"" : std::string();

  std::string main = breadcrumb(c, title, req);

  main += "<article class=\"case\">\n<header class=\"case-header\">\n<h1";
  if (!title_translated) main += lang_attr;
  main += ">" + html_escape(title) + "</h1>\n";
  if (title_translated) {
    main += "<p class=\"original-title\">" + std::string(tr(req, "Oorspronkelijke titel: ", "Original title: ")) +
            "<span lang=\"nl\">" + html_escape(c.text("title")) + "</span></p>\n";
  }
  main += "<p class=\"badges\">";
  if (const std::string municipality = municipality_name(view); !municipality.empty()) {
    main += "<span class=\"badge badge-municipality\">" + detail::municipality_link(municipality, c.municipality_slug, req) +
            "</span> ";
  }
  if (const std::string maturity = c.text("maturity"); !maturity.empty()) {
    const std::string label = view.maturity_label.empty() ? schema::maturity_label(maturity, req.lang) : view.maturity_label;
    main += "<span class=\"badge badge-maturity badge-maturity-" + html_escape(maturity) + "\">" + html_escape(label) +
            "</span>";
  }
  main += "</p>\n";
  main += "<p class=\"lead\"" + (summary_translated ? std::string() : lang_attr) + ">" + html_escape(summary) + "</p>\n";
  main += derived_from_html(c, similar.family, req);
  main += "</header>\n";
  main += reused_by_section(c, req);
  main += render_facts(view, req);

  main += "<div class=\"case-body\"" + lang_attr + ">\n";
  main += text_section(c, "problem", tr(req, "Vraagstuk", "Problem"));
  main += text_section(c, "solution", tr(req, "Aanpak", "Solution"));
  main += text_section(c, "results", tr(req, "Resultaten", "Results"));
  main += text_section(c, "lessons", tr(req, "Lessen", "Lessons learned"));
  main += text_section(c, "scale_up", tr(req, "Opschaling", "Scaling up"));
  main += "</div>\n";
  main += list_section("partners", tr(req, "Partners", "Partners"), partner_items(c, req));
  main += list_section("links", tr(req, "Meer informatie", "More information"), link_items(c), "link-list");
  main += list_section("tags", tr(req, "Trefwoorden", "Keywords"), tag_items(c, req), "tag-list");
  main += contact_section(c, req);
  main += "</article>\n";

  main += family_section(c, similar.family, req);
  main += similar_section(similar_without_family(similar), req);

  detail::PageShell shell;
  shell.title = title;
  shell.description = shorten(summary, 200);
  shell.current = detail::NavItem::none;
  shell.noindex = view.visibility == "draft";
  return detail::render_document(shell, main, req);
}

}  // namespace kb::web
