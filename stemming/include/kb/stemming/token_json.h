#pragma once
// The JSON shape of an analysis, shared by `kb-analyze` and `/api/v1/analyze`:
// {"tokens": [{"text", "normalized", "stem", "parts", "part_stems"}]}.
#include <nlohmann/json.hpp>
#include <vector>

#include "kb/stemming/analyzer.h"

namespace kb::stemming {

nlohmann::json tokens_to_json(const std::vector<OwnedToken>& tokens);

}  // namespace kb::stemming
