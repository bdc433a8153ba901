// GET /gemeenten and GET /gemeenten/{slug} (issue 13): every municipality
// with its counts by province, and one municipality's own cases and what it
// reused from others.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kb/web/pages.h"
#include "page_parts.h"

namespace kb::web {
namespace {

using detail::Params;
using detail::tr;

Params lang_params(const PageRequest& req) { return req.lang == "en" ? Params{{"lang", "en"}} : Params{}; }

std::string breadcrumb(const PageRequest& req, std::string_view last_label, std::string_view last_path) {
  std::string out = "<nav class=\"breadcrumb\" aria-label=\"";
  out += tr(req, "Kruimelpad", "Breadcrumb");
  out += "\">\n<ol>\n<li><a href=\"" + detail::href("/", lang_params(req)) + "\">";
  out += tr(req, "Zoeken", "Search");
  out += "</a></li>\n";
  if (!last_path.empty()) {
    out += "<li><a href=\"" + detail::href("/gemeenten", lang_params(req)) + "\">";
    out += tr(req, "Gemeenten", "Municipalities");
    out += "</a></li>\n";
  }
  out += "<li><a href=\"" + detail::href(last_path.empty() ? "/gemeenten" : last_path, lang_params(req)) +
         "\" aria-current=\"page\">" + html_escape(last_label) + "</a></li>\n</ol>\n</nav>\n";
  return out;
}

// "3 oplossingen" / "1 solution".
std::string solutions_text(std::int64_t n, const PageRequest& req) {
  if (n == 1) return std::string(tr(req, "1 oplossing", "1 solution"));
  return std::to_string(n) + std::string(tr(req, " oplossingen", " solutions"));
}

struct Province {
  std::string name;
  std::vector<const search::MunicipalitySummary*> municipalities;
};

// The municipalities grouped by province (provinces by name; a municipality
// without a province last), each group in the answer's (name) order.
std::vector<Province> by_province(const std::vector<search::MunicipalitySummary>& municipalities) {
  std::map<std::string, Province> groups;
  for (const auto& m : municipalities) {
    if (m.slug.empty()) continue;
    Province& group = groups[m.province.empty() ? std::string("\x7f") : m.province];
    group.name = m.province;
    group.municipalities.push_back(&m);
  }
  std::vector<Province> out;
  for (auto& [key, group] : groups) out.push_back(std::move(group));
  return out;
}

std::string province_table(const Province& province, std::size_t index, const PageRequest& req) {
  const std::string heading_id = "province-" + std::to_string(index);
  std::string name = province.name;
  if (name.empty()) name = tr(req, "Zonder provincie", "Without a province");
  std::string out = "<section class=\"province\" aria-labelledby=\"" + heading_id + "\">\n<h2 id=\"" + heading_id + "\">" +
                    html_escape(name) + "</h2>\n<div class=\"table-wrapper\">\n<table aria-labelledby=\"" + heading_id +
                    "\">\n<thead><tr><th scope=\"col\">";
  out += tr(req, "Gemeente", "Municipality");
  out += "</th><th scope=\"col\">";
  out += tr(req, "Eigen oplossingen", "Own solutions");
  out += "</th><th scope=\"col\">";
  out += tr(req, "Overgenomen van anderen", "Taken from others");
  out += "</th></tr></thead>\n<tbody>\n";
  for (const search::MunicipalitySummary* m : province.municipalities) {
    const std::string& label = m->name.empty() ? m->slug : m->name;
    out += "<tr><th scope=\"row\">" + detail::municipality_link(label, m->slug, req) + "</th><td>" +
           std::to_string(m->cases) + "</td><td>" + std::to_string(m->reused) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n</section>\n";
  return out;
}

// One hit list with its heading, total and a link to all of them in the search page.
std::string hit_section(std::string_view id, std::string_view heading, const std::vector<search::Hit>& hits,
                        std::int64_t total,
                        const Params& search_params, std::string_view empty_text, const PageRequest& req) {
  const std::string heading_id = "section-" + std::string(id);
  std::string out = "<section class=\"municipality-section\" aria-labelledby=\"" + heading_id + "\">\n<h2 id=\"" +
                    heading_id + "\">" + html_escape(heading) + " <span class=\"facet-count\">(" + std::to_string(total) +
                    ")</span></h2>\n";
  const auto shown = static_cast<std::int64_t>(hits.size());
  if (shown == 0) {
    out += "<p>" + html_escape(empty_text) + "</p>\n";
  } else {
    out += detail::render_hit_list(hits, req, "h3");
  }
  if (total > shown) {
    Params params = search_params;
    if (req.lang == "en") params.emplace_back("lang", "en");
    out += "<p><a href=\"" + detail::href("/", params) + "\">";
    out += tr(req, "Alle ", "All ");
    out += std::to_string(total) + std::string(tr(req, " in de zoekpagina", " in the search page")) + "</a></p>\n";
  }
  out += "</section>\n";
  return out;
}

}  // namespace

std::string render_municipalities_page(const search::MunicipalityList& answer, const PageRequest& req) {
  const std::vector<Province> provinces = by_province(answer.municipalities);
  std::size_t total = 0;
  for (const Province& p : provinces) total += p.municipalities.size();

  std::string main = breadcrumb(req, tr(req, "Gemeenten", "Municipalities"), "");
  main += "<h1>";
  main += tr(req, "Gemeenten", "Municipalities");
  main += "</h1>\n<p class=\"lead\">";
  main += tr(req, "Wat elke gemeente zelf bouwde en wat ze overnam van andere gemeenten, per provincie.",
             "What each municipality built itself and what it took from other municipalities, by province.");
  main += "</p>\n<p class=\"result-count\">";
  main += total == 1 ? std::string(tr(req, "1 gemeente", "1 municipality"))
                     : std::to_string(total) + std::string(tr(req, " gemeenten", " municipalities"));
  main += "</p>\n";
  if (provinces.empty()) {
    main += "<p>";
    main += tr(req, "Er zijn nog geen gemeenten met oplossingen.", "No municipality has solutions yet.");
    main += "</p>\n";
  }
  for (std::size_t i = 0; i < provinces.size(); ++i) main += province_table(provinces[i], i, req);

  detail::PageShell shell;
  shell.title = tr(req, "Gemeenten", "Municipalities");
  shell.description = tr(req, "Alle gemeenten in de kennisbank: eigen oplossingen en hergebruik, per provincie.",
                         "Every municipality in the knowledge base: own solutions and reuse, by province.");
  shell.current = detail::NavItem::municipalities;
  return detail::render_document(shell, main, req);
}

std::string render_municipality_page(const search::MunicipalityView& answer, const PageRequest& req) {
  const std::string& slug = answer.slug;
  const std::string name = answer.name.empty() ? slug : answer.name;
  const std::string& province = answer.province;
  const std::string path = "/gemeenten/" + detail::url_encode(slug);
  const auto& cases = answer.cases;
  const auto& reused = answer.reused;
  const auto cases_total = static_cast<std::int64_t>(std::max<std::size_t>(answer.cases_total, cases.size()));
  const auto reused_total = static_cast<std::int64_t>(std::max<std::size_t>(answer.reused_total, reused.size()));

  std::string main = breadcrumb(req, name, path);
  main += "<h1>" + html_escape(name) + "</h1>\n";
  if (!province.empty()) {
    main += "<p class=\"lead\">";
    main += tr(req, "Gemeente in de provincie ", "Municipality in the province of ");
    Params params{{"province", answer.province_slug}};
    if (req.lang == "en") params.emplace_back("lang", "en");
    if (params.front().second.empty()) {
      main += html_escape(province);
    } else {
      main += "<a href=\"" + detail::href("/", params) + "\">" + html_escape(province) + "</a>";
    }
    main += ". " + html_escape(solutions_text(cases_total, req));
    main += tr(req, " van eigen hand, ", " of its own, ");
    main += html_escape(solutions_text(reused_total, req));
    main += tr(req, " overgenomen van andere gemeenten.", " taken from other municipalities.");
    main += "</p>\n";
  }
  main += hit_section("own", tr(req, "Eigen oplossingen", "Own solutions"), cases, cases_total, {{"municipality", slug}},
                      tr(req, "Deze gemeente heeft nog geen eigen oplossingen in de kennisbank.",
                         "This municipality has no solutions of its own in the knowledge base yet."),
                      req);
  main += hit_section("reused", tr(req, "Overgenomen van andere gemeenten", "Taken from other municipalities"), reused,
                      reused_total, {{"reused_in", slug}},
                      tr(req, "Van deze gemeente is nog geen hergebruik van andere oplossingen bekend.",
                         "No reuse of other municipalities' solutions is known for this municipality yet."),
                      req);

  detail::PageShell shell;
  shell.title = name;
  shell.description = std::string(tr(req, "Oplossingen van gemeente ", "Solutions of the municipality of ")) + name +
                      std::string(tr(req, " en wat zij overnam van andere gemeenten.",
                                     " and what it took from other municipalities."));
  shell.current = detail::NavItem::municipalities;
  // An alias (/gemeenten/s-gravenhage) renders this same page; search engines
  // are pointed at the one canonical address.
  shell.canonical_path = path + (req.lang == "en" ? "?lang=en" : "");
  return detail::render_document(shell, main, req);
}

}  // namespace kb::web
