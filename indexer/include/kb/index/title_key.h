#pragma once
// When two case titles count as the same. kb-indexer (a warning for the same
// title twice in one municipality) and the curation API (a `warnings` entry)
// share this rule, so both say the same about the same records.
#include <string>
#include <string_view>

#include "kb/stemming/normalizer.h"

namespace kb::index {

// The key two titles are compared by: trimmed, runs of white space as one
// space, folded (lowercase, no diacritics, no apostrophes). `title` must be
// valid UTF-8 (validated records are).
std::string title_key(std::string_view title, const stemming::TextNormalizer& normalizer);

}  // namespace kb::index
