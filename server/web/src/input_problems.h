#pragma once
// What the search page says about parameters it could not use (issue 17
// point 3): in the page's language, as a summary above the results and next
// to the field, instead of an error page that loses the search.
#include <string>
#include <string_view>
#include <vector>

#include "kb/web/pages.h"

namespace kb::web::detail {

// One sentence for the user (plain text, not escaped), in the page's language.
std::string problem_text(const InputProblem& problem, const PageRequest& req);

// Whether any problem concerns the start year range.
bool has_year_problem(const std::vector<InputProblem>& problems);

// The summary block above the results (empty when there is no problem).
std::string render_problem_summary(const std::vector<InputProblem>& problems, const PageRequest& req);

}  // namespace kb::web::detail
