// The document shell shared by every page, and the list of search hits.
#include <string>
#include <string_view>

#include "kb/schema/taxonomy.h"
#include "kb/web/assets.h"
#include "kb/web/atom_feed.h"
#include "kb/web/pages.h"
#include "page_parts.h"

namespace kb::web::detail {
namespace {

std::string nav_link(std::string_view path, std::string_view label, bool current, const PageRequest& req) {
  Params params;
  if (req.lang == "en") params.emplace_back("lang", "en");
  std::string out = "<li><a href=\"" + href(path, params) + "\"";
  if (current) out += " aria-current=\"page\"";
  out += ">" + html_escape(label) + "</a></li>";
  return out;
}

std::string language_switch(const PageRequest& req) {
  const bool english = req.lang == "en";
  Params params = without(req.params, {"lang"});
  if (!english) params.emplace_back("lang", "en");
  const std::string target = href(req.base_path.empty() ? "/" : req.base_path, params);
  if (english) {
    return "<a class=\"language-switch\" href=\"" + target +
           "\" hreflang=\"nl\" lang=\"nl\">Nederlands<span class=\"visually-hidden\" lang=\"en\"> (Dutch)</span></a>";
  }
  return "<a class=\"language-switch\" href=\"" + target +
         "\" hreflang=\"en\" lang=\"en\">English<span class=\"visually-hidden\" lang=\"nl\"> (Engels)</span></a>";
}

}  // namespace

std::string render_document(const PageShell& shell, std::string_view main_html, const PageRequest& req) {
  std::string out;
  out.reserve(main_html.size() + 4096);
  out += "<!doctype html>\n<html lang=\"";
  out += page_lang(req);
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(shell.title) + " — Kennisbank Smart Society</title>\n";
  if (!shell.description.empty()) {
    out += "<meta name=\"description\" content=\"" + html_escape(shell.description) + "\">\n";
  }
  if (shell.noindex) out += "<meta name=\"robots\" content=\"noindex\">\n";
  if (!shell.canonical_path.empty()) {
    out += "<link rel=\"canonical\" href=\"" + href(shell.canonical_path, {}) + "\">\n";
  }
  out += "<link rel=\"stylesheet\" href=\"" + versioned_asset_url("/assets/site.css") + "\">\n";
  out += "<link rel=\"icon\" href=\"" + versioned_asset_url("/favicon.svg") + "\" type=\"image/svg+xml\">\n";
  out += shell.head_end;
  out += "</head>\n<body>\n";
  out += "<a class=\"skip-link\" href=\"#main\">";
  out += tr(req, "Direct naar de inhoud", "Skip to content");
  out += "</a>\n<header class=\"site-header\">\n<div class=\"container header-inner\">\n";
  out += "<a class=\"site-title\" href=\"" + href("/", req.lang == "en" ? Params{{"lang", "en"}} : Params{}) +
         "\">Kennisbank Smart Society</a>\n";
  out += "<nav class=\"site-nav\" aria-label=\"";
  out += tr(req, "Hoofdmenu", "Main menu");
  out += "\">\n<ul>";
  out += nav_link("/", tr(req, "Zoeken", "Search"), shell.current == NavItem::search, req);
  out += nav_link("/gemeenten", tr(req, "Gemeenten", "Municipalities"), shell.current == NavItem::municipalities, req);
  out += nav_link("/embed", tr(req, "Widget insluiten", "Embed the widget"), shell.current == NavItem::embed, req);
  out += nav_link("/curate", tr(req, "Beheer", "Curation"), shell.current == NavItem::curate, req);
  out += "</ul>\n</nav>\n";
  out += language_switch(req);
  out += "\n</div>\n</header>\n<main id=\"main\" class=\"container\" tabindex=\"-1\">\n";
  out += main_html;
  out += "\n</main>\n<footer class=\"site-footer\">\n<div class=\"container\">\n<p>";
  out += tr(req,
            "Kennisbank Smart Society: oplossingen van gemeenten, om te hergebruiken. "
            "Deze site plaatst geen cookies en volgt u niet.",
            "Smart Society knowledge base: solutions built by municipalities, ready for reuse. "
            "This site sets no cookies and does not track you.");
  out += "</p>\n<p><a href=\"/api/v1/openapi.json\">";
  out += tr(req, "Open API (JSON)", "Open API (JSON)");
  out += "</a> · <a href=\"/feed.atom\">";
  out += tr(req, "Atom-feed", "Atom feed");
  out += "</a> · <a href=\"/api/v1/export\">";
  out += tr(req, "Open data (JSONL", "Open data (JSONL");
  out += "</a>, <a href=\"/api/v1/export?format=csv\">CSV</a>";
  out += tr(req, "; licentie ", "; licence ");
  out += "<a href=\"" + std::string(kOpenDataLicenceUrl) + "\" rel=\"license\">" + std::string(kOpenDataLicenceName) +
         "</a>)</p>\n</div>\n</footer>\n";
  out += shell.body_end;
  out += "</body>\n</html>\n";
  return out;
}

std::string render_hit_list(const std::vector<search::Hit>& hits, const PageRequest& req, std::string_view heading_tag) {
  if (hits.empty()) return {};
  const std::string tag(heading_tag);
  const std::string page(page_lang(req));
  const auto lang_attr = [&](const std::string& lang) { return lang == page ? std::string() : " lang=\"" + lang + "\""; };
  std::string out = "<ol class=\"results\">\n";
  for (const search::Hit& hit : hits) {
    // English pages show the English title where the case has one; text in
    // another language than the page's says so (WCAG 3.1.2).
    std::string title = page == "en" ? hit.title_en.value_or(std::string()) : std::string();
    std::string title_lang = "en";
    if (title.empty()) {
      title = hit.title;
      title_lang = hit.language == "en" ? "en" : "nl";
    }
    if (title.empty()) title = hit.id;
    out += "<li class=\"result\">\n<article>\n<" + tag + " class=\"result-title\"><a href=\"" +
           case_href(hit.id, req) + "\"" + lang_attr(title_lang) + ">" + html_escape(title) + "</a></" + tag + ">\n";

    out += "<p class=\"badges\">";
    if (!hit.municipality.empty()) {
      out += "<span class=\"badge badge-municipality\"><span class=\"visually-hidden\">";
      out += tr(req, "Gemeente: ", "Municipality: ");
      out += "</span>" + municipality_link(hit.municipality, hit.municipality_slug, req) + "</span> ";
    }
    if (!hit.maturity.empty()) {
      const std::string label = hit.maturity_label.empty() ? schema::maturity_label(hit.maturity, req.lang) : hit.maturity_label;
      out += "<span class=\"badge badge-maturity badge-maturity-" + html_escape(hit.maturity) +
             "\"><span class=\"visually-hidden\">";
      out += tr(req, "Volwassenheid: ", "Maturity: ");
      out += "</span>" + html_escape(label) + "</span>";
    }
    if (hit.reuse_count > 0) {
      out += " <span class=\"badge badge-reuse\">" +
             html_escape(reuse_count_text(static_cast<long long>(hit.reuse_count), req)) + "</span>";
    }
    out += "</p>\n";

    if (!hit.snippet.text.empty()) {
      out += "<p class=\"snippet\"" + lang_attr(hit.snippet.lang == "en" ? "en" : "nl") + ">" + snippet_html(hit.snippet) +
             "</p>\n";
    } else if (!hit.summary.empty()) {
      out += "<p class=\"snippet\"" + lang_attr("nl") + ">" + html_escape(hit.summary) + "</p>\n";
    }

    std::string meta;
    if (!hit.themes.empty()) {
      meta += "<span>";
      meta += tr(req, "Thema's: ", "Themes: ");
      for (std::size_t i = 0; i < hit.themes.size(); ++i) {
        if (i > 0) meta += ", ";
        meta += html_escape(schema::theme_label(hit.themes[i], req.lang));
      }
      meta += "</span>";
    }
    if (hit.start_year) {
      if (!meta.empty()) meta += " <span aria-hidden=\"true\">·</span> ";
      meta += "<span>";
      meta += tr(req, "Startjaar ", "Started ");
      meta += std::to_string(*hit.start_year) + "</span>";
    }
    if (!meta.empty()) out += "<p class=\"result-meta\">" + meta + "</p>\n";
    out += "</article>\n</li>\n";
  }
  out += "</ol>\n";
  return out;
}

}  // namespace kb::web::detail
