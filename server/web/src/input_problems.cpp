#include "input_problems.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

#include "page_parts.h"

namespace kb::web::detail {
namespace {

std::optional<long long> whole_number(const std::string& text) {
  long long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

bool is_year(std::string_view field) { return field == "year_min" || field == "year_max"; }

}  // namespace

bool has_year_problem(const std::vector<InputProblem>& problems) {
  return std::any_of(problems.begin(), problems.end(), [](const InputProblem& p) { return is_year(p.field); });
}

std::string problem_text(const InputProblem& problem, const PageRequest& req) {
  const std::string_view f = problem.field;
  if (is_year(f)) {
    const auto from = whole_number(param(req.params, "year_min")), to = whole_number(param(req.params, "year_max"));
    if (from && to && *from > *to)
      return std::string(tr(req, "Het jaar bij ‘Vanaf’ ligt na het jaar bij ‘Tot en met’. Het startjaar is niet gefilterd.",
                            "The ‘From’ year is after the ‘Up to and including’ year. The start year was not filtered."));
    return std::string(tr(req, "Vul bij het startjaar een jaartal in van 1990 tot en met 2100. Het startjaar is niet gefilterd.",
                          "Enter a start year from 1990 to 2100. The start year was not filtered."));
  }
  if (f == "q" && problem.detail.find("ms to match") != std::string::npos)
    return std::string(tr(req, "Deze zoekvraag kost te veel rekentijd. Gebruik minder sterretjes (*) of meer letters voor elk sterretje.",
                          "This search takes too long to run. Use fewer asterisks (*) or more letters before each one."));
  if (f == "q")
    return std::string(tr(req, "Uw zoekvraag is te lang of bevat tekens die niet te lezen zijn. Maak hem korter en zoek opnieuw.",
                          "Your search is too long or has characters that cannot be read. Shorten it and search again."));
  if (f == "page" || f == "per_page")
    return std::string(tr(req, "Die pagina met resultaten bestaat niet. U ziet de eerste pagina.",
                          "That page of results does not exist. This is the first page."));
  if (f == "sort")
    return std::string(tr(req, "Deze sortering kennen we niet. De resultaten staan op relevantie.",
                          "This sort order is unknown. The results are sorted by relevance."));
  if (f == "lang") return std::string(tr(req, "Deze taal kennen we niet.", "This language is unknown."));
  return std::string(tr(req, "Een filter in de link werd niet herkend en is weggelaten.",
                        "A filter in the link was not recognised and was left out."));
}

std::string render_problem_summary(const std::vector<InputProblem>& problems, const PageRequest& req) {
  if (problems.empty()) return {};
  std::set<std::string> said;  // one sentence once (year_min and year_max give the same)
  std::string items;
  for (const auto& p : problems) {
    const std::string text = problem_text(p, req);
    if (!said.insert(text).second) continue;
    items += "<li>" + html_escape(text) + "</li>\n";
  }
  std::string out = "<div class=\"notice notice-problem\" role=\"alert\">\n<p>";
  out += tr(req, "Niet alles in uw zoekopdracht kon worden gebruikt:", "Not everything in your search could be used:");
  out += "</p>\n<ul>\n" + items + "</ul>\n</div>\n";
  return out;
}

}  // namespace kb::web::detail

namespace kb::web {

std::vector<std::string> fields_set_aside(std::string_view field) {
  if (field == "year_min" || field == "year_max") return {"year_min", "year_max"};
  return {std::string(field)};
}

}  // namespace kb::web
