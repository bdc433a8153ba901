#pragma once
// Non-throwing JSON parsing at the boundary (corpus files, curation API bodies).
// Everything that passes here is valid UTF-8, nested at most `max_depth` deep and
// syntactically valid JSON with unique keys; what the JSON means is CaseValidator's business.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kb::index {

struct JsonParseResult {
  std::optional<nlohmann::json> value;  // set on success
  std::string error;                    // empty on success
  std::size_t line = 0;                 // 1-based line of the error within the text, 0 if none
  std::string field;                    // the field at fault, when one is ("links[0].title"), else empty
};

// Rejects invalid UTF-8, nesting deeper than `max_depth` (checked by a byte scan
// before the parser runs, so a million '[' cannot exhaust the stack), any
// syntax error, reporting the line, and an object that names a key twice
// (reporting its path in `field`). Never throws (except std::bad_alloc).
JsonParseResult parse_json(std::string_view text, std::size_t max_depth = 32);

}  // namespace kb::index
