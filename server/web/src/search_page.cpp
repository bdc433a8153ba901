// GET / : the search page. A plain GET form to the same page, so it works
// without JavaScript; every link keeps the request's parameters.
#include <algorithm>
#include <cstdint>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "kb/schema/taxonomy.h"
#include "kb/web/pages.h"
#include "input_problems.h"
#include "page_parts.h"

namespace kb::web {
namespace {

using detail::Params;
using detail::tr;

constexpr std::string_view kFormId = "search-form";

struct FacetOption {
  std::string value;
  std::string label;
  std::int64_t count = -1;  // -1: unknown
};

// The options of one facet: from the answer when it has them, else the
// taxonomy. Selected values missing from the answer are added so they can be
// unticked.
std::vector<FacetOption> facet_options(const std::vector<search::FacetValue>& values, std::string_view facet,
                                       const std::vector<std::string_view>& taxonomy,
                                       std::string (*label_of)(std::string_view, std::string_view),
                                       const PageRequest& req) {
  std::vector<FacetOption> options;
  for (const search::FacetValue& v : values) {
    if (v.value.empty()) continue;
    FacetOption option{v.value, v.label.value_or(std::string()), static_cast<std::int64_t>(v.count)};
    if (option.label.empty()) option.label = label_of != nullptr ? label_of(option.value, req.lang) : option.value;
    options.push_back(std::move(option));
  }
  if (values.empty()) {
    for (std::string_view value : taxonomy) options.push_back({std::string(value), label_of(value, req.lang), -1});
  }
  for (const auto& [key, value] : req.params) {
    if (key != facet || value.empty()) continue;
    const bool listed = std::any_of(options.begin(), options.end(),
                                    [&](const FacetOption& option) { return option.value == value; });
    if (!listed) {
      options.push_back({value, label_of != nullptr ? label_of(value, req.lang) : value, 0});
    }
  }
  return options;
}

std::string render_facet(std::string_view facet, std::string_view legend, const std::vector<FacetOption>& options,
                         bool hide_empty, const PageRequest& req) {
  std::string out = "<fieldset class=\"facet\">\n<legend>" + html_escape(legend) + "</legend>\n<ul class=\"facet-options\">\n";
  std::size_t index = 0;
  for (const FacetOption& option : options) {
    const bool checked = detail::has_param(req.params, facet, option.value);
    if (hide_empty && option.count == 0 && !checked) continue;
    const std::string id = "facet-" + std::string(facet) + "-" + std::to_string(index++);
    out += "<li><input type=\"checkbox\" id=\"" + id + "\" name=\"" + std::string(facet) + "\" value=\"" +
           html_escape(option.value) + "\" form=\"" + std::string(kFormId) + "\"";
    if (checked) out += " checked";
    out += "><label for=\"" + id + "\">" + html_escape(option.label);
    if (option.count >= 0) out += " <span class=\"facet-count\">(" + std::to_string(option.count) + ")</span>";
    out += "</label></li>\n";
  }
  out += "</ul>\n</fieldset>\n";
  return out;
}

// The filter names of the page (also what "clear all filters" removes).
constexpr std::array<std::string_view, 8> kFilterParams = {
    "theme", "municipality", "maturity", "province", "reused_in", "reused", "year_min", "year_max"};

// One checkbox: only solutions that another municipality reused (reused=true).
std::string render_reused_only(const PageRequest& req) {
  std::string out = "<fieldset class=\"facet\">\n<legend>";
  out += tr(req, "Hergebruik", "Reuse");
  out += "</legend>\n<ul class=\"facet-options\">\n<li><input type=\"checkbox\" id=\"facet-reused\" name=\"reused\" "
         "value=\"true\" form=\"" + std::string(kFormId) + "\"";
  if (detail::has_param(req.params, "reused", "true")) out += " checked";
  out += "><label for=\"facet-reused\">";
  out += tr(req, "Alleen hergebruikte oplossingen", "Only reused solutions");
  out += "</label></li>\n</ul>\n</fieldset>\n";
  return out;
}

std::string render_filters(const search::AnswerFacets& facets, const PageRequest& req, const std::vector<InputProblem>& problems) {
  std::vector<std::string_view> themes(schema::kThemes.begin(), schema::kThemes.end());
  std::vector<std::string_view> maturities(schema::kMaturities.begin(), schema::kMaturities.end());
  std::string out = "<aside class=\"filters\" aria-labelledby=\"filters-heading\">\n<h2 id=\"filters-heading\">";
  out += tr(req, "Filters", "Filters");
  out += "</h2>\n";
  out += render_facet("theme", tr(req, "Thema", "Theme"), facet_options(facets.theme, "theme", themes, schema::theme_label, req),
                      false, req);
  out += render_facet("maturity", tr(req, "Volwassenheid", "Maturity"),
                      facet_options(facets.maturity, "maturity", maturities, schema::maturity_label, req), false, req);
  out += render_facet("province", tr(req, "Provincie", "Province"), facet_options(facets.province, "province", {}, nullptr, req),
                      false, req);
  out += render_facet("municipality", tr(req, "Gemeente", "Municipality"),
                      facet_options(facets.municipality, "municipality", {}, nullptr, req), true, req);
  out += render_facet("reused_in", tr(req, "Hergebruikt in", "Reused in"),
                      facet_options(facets.reused_in, "reused_in", {}, nullptr, req), true, req);
  out += render_reused_only(req);

  out += "<fieldset class=\"facet facet-years\">\n<legend>";
  out += tr(req, "Startjaar", "Start year");
  out += "</legend>\n";
  // What the user typed stays in the fields, with the reason beside them.
  const bool year_problem = detail::has_year_problem(problems);
  if (year_problem) {
    const auto first = std::find_if(problems.begin(), problems.end(),
                                    [](const InputProblem& p) { return p.field == "year_min" || p.field == "year_max"; });
    out += "<p class=\"field-error\" id=\"year-error\">" + html_escape(detail::problem_text(*first, req)) + "</p>\n";
  }
  out += "<div class=\"year-range\">\n";
  const std::pair<std::string_view, std::string_view> years[] = {
      {"year_min", tr(req, "Vanaf", "From")}, {"year_max", tr(req, "Tot en met", "Up to and including")}};
  for (const auto& [name, label] : years) {
    const std::string id = "field-" + std::string(name);
    out += "<div class=\"field\"><label for=\"" + id + "\">" + html_escape(label) + "</label><input type=\"number\" id=\"" +
           id + "\" name=\"" + std::string(name) + "\" min=\"1990\" max=\"2100\" inputmode=\"numeric\" value=\"" +
           html_escape(detail::param(req.params, name)) + "\" form=\"" + std::string(kFormId) + "\"";
    if (year_problem) out += " aria-invalid=\"true\" aria-describedby=\"year-error\"";
    out += "></div>\n";
  }
  out += "</div>\n</fieldset>\n";
  out += "<button type=\"submit\" class=\"button button-secondary\" form=\"" + std::string(kFormId) + "\">";
  out += tr(req, "Filters toepassen", "Apply filters");
  out += "</button>\n";

  const bool filtered = std::any_of(req.params.begin(), req.params.end(), [](const auto& entry) {
    return !entry.second.empty() && std::find(kFilterParams.begin(), kFilterParams.end(), entry.first) != kFilterParams.end();
  });
  if (filtered) {
    Params kept;
    for (const auto& entry : req.params) {
      const bool filter = std::find(kFilterParams.begin(), kFilterParams.end(), entry.first) != kFilterParams.end();
      if (!filter && entry.first != "page") kept.push_back(entry);
    }
    out += "<p><a href=\"" + detail::href(req.base_path, kept) + "\">";
    out += tr(req, "Alle filters wissen", "Clear all filters");
    out += "</a></p>\n";
  }
  out += "</aside>\n";
  return out;
}

std::string render_search_form(const std::string& query, const PageRequest& req) {
  std::string out = "<form id=\"" + std::string(kFormId) + "\" class=\"search-form\" role=\"search\" method=\"get\" action=\"" +
                    html_escape(req.base_path) + "\">\n<label for=\"field-q\">";
  out += tr(req, "Zoekwoorden", "Search terms");
  out += "</label>\n<div class=\"search-bar\">\n<input type=\"search\" id=\"field-q\" name=\"q\" maxlength=\"500\" value=\"" +
         html_escape(query) + "\" aria-describedby=\"search-hint\">\n";
  out += "<label class=\"visually-hidden\" for=\"field-sort\">";
  out += tr(req, "Sorteren", "Sort");
  out += "</label>\n<select id=\"field-sort\" name=\"sort\">\n";
  const std::string sort = detail::param(req.params, "sort");
  const std::pair<std::string_view, std::string_view> sorts[] = {
      {"relevance", tr(req, "Meest relevant", "Most relevant")},
      {"newest", tr(req, "Nieuwste eerst", "Newest first")},
      {"reuse", tr(req, "Meest hergebruikt", "Most reused")},
      {"title", tr(req, "Titel (A-Z)", "Title (A-Z)")},
      {"updated", tr(req, "Laatst bijgewerkt", "Recently updated")}};
  for (const auto& [value, label] : sorts) {
    out += "<option value=\"" + std::string(value) + "\"";
    if (sort == value || (sort.empty() && value == "relevance")) out += " selected";
    out += ">" + html_escape(label) + "</option>\n";
  }
  out += "</select>\n<button type=\"submit\" class=\"button\">";
  out += tr(req, "Zoeken", "Search");
  out += "</button>\n</div>\n<p id=\"search-hint\" class=\"hint\">";
  out += tr(req,
            "Tip: gebruik \"aanhalingstekens\" voor een zinsdeel, -woord om uit te sluiten en * achter een woorddeel.",
            "Tip: use \"quotes\" for a phrase, -word to exclude and * after part of a word.");
  out += "</p>\n";
  if (req.lang == "en") out += "<input type=\"hidden\" name=\"lang\" value=\"en\">\n";
  if (const std::string per_page = detail::param(req.params, "per_page"); !per_page.empty()) {
    out += "<input type=\"hidden\" name=\"per_page\" value=\"" + html_escape(per_page) + "\">\n";
  }
  out += "</form>\n";
  return out;
}

// `html` is trusted markup (constants and numbers only).
std::string page_link(std::int64_t page, std::string_view html, std::string_view rel, const PageRequest& req,
                      bool current = false) {
  Params params = detail::without(req.params, {"page"});
  params.emplace_back("page", std::to_string(page));
  std::string out = "<li><a href=\"" + detail::href(req.base_path, params) + "\"";
  if (!rel.empty()) out += " rel=\"" + std::string(rel) + "\"";
  if (current) out += " aria-current=\"page\"";
  out += ">" + std::string(html) + "</a></li>\n";
  return out;
}

std::string render_pagination(std::int64_t page, std::int64_t pages, const PageRequest& req) {
  if (pages <= 1) return {};
  std::string out = "<nav class=\"pagination\" aria-label=\"";
  out += tr(req, "Paginering", "Pagination");
  out += "\">\n<ul>\n";
  if (page > 1) {
    out += page_link(page - 1, tr(req, "Vorige<span class=\"visually-hidden\"> pagina</span>",
                                  "Previous<span class=\"visually-hidden\"> page</span>"), "prev", req);
  }
  const std::int64_t first = std::max<std::int64_t>(1, page - 2);
  const std::int64_t last = std::min<std::int64_t>(pages, page + 2);
  if (first > 1) out += page_link(1, "1", "", req);
  if (first > 2) out += "<li aria-hidden=\"true\">…</li>\n";
  for (std::int64_t p = first; p <= last; ++p) {
    const std::string number = std::to_string(p);
    const std::string text = std::string(tr(req, "<span class=\"visually-hidden\">Pagina </span>",
                                            "<span class=\"visually-hidden\">Page </span>")) + number;
    out += page_link(p, text, "", req, p == page);
  }
  if (last < pages - 1) out += "<li aria-hidden=\"true\">…</li>\n";
  if (last < pages) out += page_link(pages, std::to_string(pages), "", req);
  if (page < pages) {
    out += page_link(page + 1, tr(req, "Volgende<span class=\"visually-hidden\"> pagina</span>",
                                  "Next<span class=\"visually-hidden\"> page</span>"), "next", req);
  }
  out += "</ul>\n</nav>\n";
  return out;
}

std::string count_text(std::int64_t total, const std::string& query, const PageRequest& req) {
  std::string out;
  if (total == 0) {
    out = tr(req, "Geen oplossingen gevonden", "No solutions found");
  } else if (total == 1) {
    out = tr(req, "1 oplossing gevonden", "1 solution found");
  } else {
    out = std::to_string(total) + std::string(tr(req, " oplossingen gevonden", " solutions found"));
  }
  if (!query.empty()) out += std::string(tr(req, " voor ‘", " for ‘")) + html_escape(query) + "’";
  return out;
}

// The Atom feed of the same search: its filters and query, newest first.
std::string feed_link(const PageRequest& req) {
  const Params filters = detail::without(req.params, {"page", "per_page", "sort"});
  return "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" +
         html_escape(tr(req, "Nieuwe en bijgewerkte cases (Atom)", "New and updated cases (Atom)")) + "\" href=\"" +
         detail::href("/feed.atom", filters) + "\">\n";
}

}  // namespace

std::string render_search_page(const search::SearchAnswer& answer, const PageRequest& req,
                               const std::vector<InputProblem>& problems) {
  std::string query = detail::param(req.params, "q");
  if (query.empty()) query = answer.query;
  const auto total = static_cast<std::int64_t>(answer.total);
  const std::int64_t page = std::max<std::int64_t>(1, answer.page);
  const std::int64_t per_page = std::max<std::int64_t>(1, answer.per_page);
  const std::int64_t pages = (total + per_page - 1) / per_page;

  std::string main = "<h1>";
  main += tr(req, "Zoek in de kennisbank", "Search the knowledge base");
  main += "</h1>\n<p class=\"lead\">";
  main += tr(req, "Oplossingen die gemeenten bouwden voor stedelijke vraagstukken, om te hergebruiken.",
             "Solutions that municipalities built for urban questions, ready for reuse.");
  main += "</p>\n";
  main += render_search_form(query, req);
  main += "<div class=\"search-layout\">\n";
  main += render_filters(answer.facets, req, problems);
  main += "<section class=\"search-results\" aria-labelledby=\"results-heading\">\n<h2 id=\"results-heading\">";
  main += tr(req, "Resultaten", "Results");
  main += "</h2>\n<p class=\"result-count\" role=\"status\" aria-live=\"polite\">" + count_text(total, query, req);
  if (pages > 1) {
    main += std::string(tr(req, " (pagina ", " (page ")) + std::to_string(page) +
            std::string(tr(req, " van ", " of ")) + std::to_string(pages) + ")";
  }
  main += "</p>\n";
  main += detail::render_problem_summary(problems, req);

  if (answer.did_you_mean && !answer.did_you_mean->empty()) {
    const std::string& suggestion = *answer.did_you_mean;
    Params params = detail::without(req.params, {"q", "page"});
    params.insert(params.begin(), {"q", suggestion});
    main += "<p class=\"did-you-mean\">";
    main += tr(req, "Bedoelde u: ", "Did you mean: ");
    main += "<a href=\"" + detail::href(req.base_path, params) + "\">" + html_escape(suggestion) + "</a>?</p>\n";
  }
  if (answer.relaxed) {
    main += "<p class=\"notice\">";
    main += tr(req,
               "Geen oplossing bevat al uw zoekwoorden. Hieronder staan oplossingen met een of meer van de woorden.",
               "No solution contains all of your search terms. Below are solutions with one or more of them.");
    main += "</p>\n";
  }
  main += detail::render_hit_list(answer.hits, req, "h3");
  if (total == 0) {
    main += "<div class=\"notice\"><p>";
    main += tr(req, "Probeer het met andere of minder woorden, of wis een filter.",
               "Try other or fewer words, or clear a filter.");
    main += "</p></div>\n";
  }
  main += render_pagination(std::min(page, std::max<std::int64_t>(pages, 1)), pages, req);
  main += "</section>\n</div>\n";

  detail::PageShell shell;
  shell.title = query.empty() ? std::string(tr(req, "Zoeken", "Search"))
                              : std::string(tr(req, "Zoeken: ", "Search: ")) + query;
  shell.description = tr(req, "Zoek oplossingen van gemeenten voor stedelijke vraagstukken.",
                         "Search solutions that municipalities built for urban questions.");
  shell.current = detail::NavItem::search;
  shell.head_end = feed_link(req);
  shell.noindex = !query.empty() || req.params.size() > 1;
  return detail::render_document(shell, main, req);
}

}  // namespace kb::web
