// GET /embed, GET /curate and the error page.
#include <string>
#include <string_view>

#include "kb/web/assets.h"
#include "kb/schema/taxonomy.h"
#include "kb/web/pages.h"
#include "page_parts.h"

namespace kb::web {
namespace {

using detail::tr;

struct Documented {
  std::string_view name;
  std::string_view nl;
  std::string_view en;
};

// Keep in step with assets/widget.js and README.md.
constexpr Documented kWidgetAttributes[] = {
    {"api", "Basisadres van de kennisbank. Standaard: het adres waar widget.js vandaan komt.",
     "Base URL of the knowledge base. Default: the origin widget.js is loaded from."},
    {"lang", "Taal van de widget: nl (standaard) of en.", "Language of the widget: nl (default) or en."},
    {"theme", "Vooraf gekozen thema's, gescheiden door komma's (de ids van GET /api/v1/taxonomy).",
     "Preset themes, comma-separated (the ids of GET /api/v1/taxonomy)."},
    {"municipality", "Vooraf gekozen gemeenten (slugs), gescheiden door komma's (bijv. rotterdam).",
     "Preset municipalities (slugs), comma-separated (e.g. rotterdam)."},
    {"province", "Vooraf gekozen provincies (slugs), gescheiden door komma's (bijv. noord-brabant,fryslan).",
     "Preset provinces (slugs), comma-separated (e.g. noord-brabant,fryslan)."},
    {"reused-in", "Alleen oplossingen die deze gemeenten (slugs) hergebruikten, gescheiden door komma's (bijv. zwolle).",
     "Only solutions reused in these municipalities (slugs), comma-separated (e.g. zwolle)."},
    {"filters-editable", "Zonder waarde. Bezoekers mogen de vooraf gekozen filters aanpassen.",
     "Boolean. Visitors may change the preset filters."},
    {"per-page", "Aantal resultaten per pagina, 1 tot 100 (standaard 10).", "Results per page, 1 to 100 (default 10)."},
    {"compact", "Zonder waarde. Alleen zoekveld en titels, zonder filters en fragmenten.",
     "Boolean. Search box and titles only, without filters and snippets."},
};

constexpr Documented kWidgetProperties[] = {
    {"--kb-font-family", "Lettertype (standaard: dat van uw pagina)", "Font family (default: inherited from your page)"},
    {"--kb-font-size", "Basisgrootte van de tekst (1rem)", "Base font size (1rem)"},
    {"--kb-color-text", "Tekstkleur (#1a1a1a)", "Text colour (#1a1a1a)"},
    {"--kb-color-text-muted", "Kleur van bijzaken (#4b5563)", "Colour of secondary text (#4b5563)"},
    {"--kb-color-background", "Achtergrond (#ffffff)", "Background (#ffffff)"},
    {"--kb-color-surface", "Achtergrond van vlakken (#f3f5f8)", "Background of panels (#f3f5f8)"},
    {"--kb-color-border", "Randkleur van velden (#6b7280)", "Border colour of fields (#6b7280)"},
    {"--kb-color-primary", "Hoofdkleur: knoppen (#154273)", "Primary colour: buttons (#154273)"},
    {"--kb-color-primary-text", "Tekst op de hoofdkleur (#ffffff)", "Text on the primary colour (#ffffff)"},
    {"--kb-color-link", "Kleur van links (#154273)", "Link colour (#154273)"},
    {"--kb-color-mark", "Achtergrond van gevonden woorden (#fff0a8)", "Background of matched words (#fff0a8)"},
    {"--kb-badge-background", "Achtergrond van labels (#e6edf5)", "Background of badges (#e6edf5)"},
    {"--kb-badge-color", "Tekst van labels (#154273)", "Text of badges (#154273)"},
    {"--kb-focus-color", "Kleur van de focusrand (#000000)", "Colour of the focus outline (#000000)"},
    {"--kb-border-radius", "Afronding van hoeken (4px)", "Corner radius (4px)"},
    {"--kb-space", "Basisafstand (1rem)", "Base spacing (1rem)"},
    {"--kb-max-width", "Maximale breedte van de widget (none)", "Maximum width of the widget (none)"},
};

template <std::size_t N>
std::string documentation_table(const Documented (&rows)[N], std::string_view caption, std::string_view first_column,
                                const PageRequest& req) {
  std::string out = "<div class=\"table-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"" + html_escape(caption) +
                    "\">\n<table>\n<caption>" + html_escape(caption) + "</caption>\n<thead><tr><th scope=\"col\">" +
                    html_escape(first_column) + "</th><th scope=\"col\">";
  out += tr(req, "Betekenis", "Meaning");
  out += "</th></tr></thead>\n<tbody>\n";
  for (const Documented& row : rows) {
    out += "<tr><th scope=\"row\"><code>" + html_escape(row.name) + "</code></th><td>" +
           html_escape(tr(req, row.nl, row.en)) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n";
  return out;
}

std::string code_block(std::string_view code, std::string_view label) {
  return "<pre class=\"code\" tabindex=\"0\" aria-label=\"" + html_escape(label) + "\"><code>" + html_escape(code) +
         "</code></pre>\n";
}

}  // namespace

std::string render_embed_page(const PageRequest& req) {
  std::string origin = req.origin.empty() ? std::string("https://ORIGIN") : req.origin;
  while (origin.size() > 1 && origin.back() == '/') origin.pop_back();
  const std::string snippet = "<script type=\"module\" src=\"" + origin + "/widget.js\"></script>\n<kb-search api=\"" +
                              origin + "\"></kb-search>";
  const std::string preset_example = "<kb-search api=\"" + origin +
                                     "\" theme=\"" + std::string(schema::kThemes[1]) + "\" municipality=\"rotterdam,utrecht\"\n"
                                     "           filters-editable lang=\"nl\" per-page=\"5\"></kb-search>";
  const std::string style_example =
      "kb-search {\n  --kb-color-primary: #00689e;\n  --kb-font-family: \"Fira Sans\", sans-serif;\n"
      "  --kb-border-radius: 0;\n}";

  std::string main = "<h1>";
  main += tr(req, "De zoekwidget op uw eigen site", "The search widget on your own site");
  main += "</h1>\n<p class=\"lead\">";
  main += tr(req,
             "Laat bezoekers van uw site zoeken in de kennisbank. De widget is één bestand zonder afhankelijkheden, "
             "plaatst geen cookies, volgt niemand en praat alleen met de kennisbank.",
             "Let visitors of your site search the knowledge base. The widget is one file without dependencies; it "
             "sets no cookies, tracks nobody and talks to the knowledge base only.");
  main += "</p>\n<h2>";
  main += tr(req, "1. Plak deze code in uw pagina", "1. Paste this code into your page");
  main += "</h2>\n";
  main += code_block(snippet, tr(req, "Code om in te sluiten", "Embed code"));
  main += "<h2>";
  main += tr(req, "2. Kies eventueel vaste filters", "2. Optionally preset filters");
  main += "</h2>\n";
  main += code_block(preset_example, tr(req, "Voorbeeld met filters", "Example with filters"));
  main += documentation_table(kWidgetAttributes, tr(req, "Attributen van kb-search", "Attributes of kb-search"),
                              tr(req, "Attribuut", "Attribute"), req);
  main += "<h2>";
  main += tr(req, "3. Pas de stijl aan uw huisstijl aan", "3. Match your house style");
  main += "</h2>\n<p>";
  main += tr(req,
             "De widget gebruikt CSS custom properties, met namen in de geest van NL Design System. Zet ze op het "
             "element of op een ouder:",
             "The widget uses CSS custom properties named in the spirit of NL Design System. Set them on the element "
             "or on a parent:");
  main += "</p>\n";
  main += code_block(style_example, tr(req, "Voorbeeld van stijl", "Style example"));
  main += documentation_table(kWidgetProperties, tr(req, "CSS custom properties", "CSS custom properties"),
                              tr(req, "Eigenschap", "Property"), req);
  main += "<section class=\"preview\" aria-labelledby=\"preview-heading\">\n<h2 id=\"preview-heading\">";
  main += tr(req, "Voorbeeld", "Live preview");
  main += "</h2>\n<div class=\"preview-frame\">\n<kb-search lang=\"";
  main += detail::page_lang(req);
  main += "\" per-page=\"5\"></kb-search>\n<noscript><p>";
  main += tr(req, "De widget heeft JavaScript nodig. Zonder JavaScript werkt de ",
             "The widget needs JavaScript. Without JavaScript, use the ");
  main += "<a href=\"/\">";
  main += tr(req, "zoekpagina", "search page");
  main += "</a>.</p></noscript>\n</div>\n</section>\n";

  detail::PageShell shell;
  shell.title = tr(req, "Widget insluiten", "Embed the widget");
  shell.description = tr(req, "Zo zet u de zoekwidget van de Kennisbank Smart Society op uw eigen site.",
                         "How to put the Smart Society knowledge base search widget on your own site.");
  shell.current = detail::NavItem::embed;
  shell.body_end = "<script type=\"module\" src=\"" + versioned_asset_url("/widget.js") + "\"></script>\n";
  return detail::render_document(shell, main, req);
}

std::string render_error_page(int status, std::string_view title, std::string_view detail_text,
                              const PageRequest& req) {
  std::string main = "<h1>" + html_escape(title) + "</h1>\n";
  if (!detail_text.empty()) main += "<p class=\"lead\">" + html_escape(detail_text) + "</p>\n";
  main += "<p class=\"error-status\">";
  main += tr(req, "Foutcode ", "Error code ");
  main += std::to_string(status) + "</p>\n<p><a href=\"" +
          detail::href("/", req.lang == "en" ? detail::Params{{"lang", "en"}} : detail::Params{}) + "\">";
  main += tr(req, "Naar de zoekpagina", "Go to the search page");
  main += "</a></p>\n";

  detail::PageShell shell;
  shell.title = std::to_string(status) + " " + std::string(title);
  shell.noindex = true;
  return detail::render_document(shell, main, req);
}

std::string render_curate_page(const PageRequest& req) {
  std::string main = "<h1>";
  main += tr(req, "Beheer van de kennisbank", "Curating the knowledge base");
  main += "</h1>\n<div id=\"curate-app\" class=\"curate-app\" data-lang=\"";
  main += detail::page_lang(req);
  main += "\">\n<noscript><p class=\"notice\">";
  main += tr(req, "Voor het beheer is JavaScript nodig.", "Curation needs JavaScript.");
  main += "</p></noscript>\n</div>\n";

  detail::PageShell shell;
  shell.title = tr(req, "Beheer", "Curation");
  shell.current = detail::NavItem::curate;
  shell.noindex = true;
  shell.body_end = "<script type=\"module\" src=\"" + versioned_asset_url("/assets/curate.js") + "\"></script>\n";
  return detail::render_document(shell, main, req);
}

}  // namespace kb::web
