#pragma once
// Builds the `snippet` of a hit: a window of plain text with the words that
// matched marked as byte spans, found through the same analysis as the
// query, so that folded diacritics, inflections and compound parts light up
// too (`hitte` marked in "hittestress" for a search on "hitte"). Rendering
// (escaping, <mark>) is kb::web's.
#include <string>
#include <string_view>
#include <vector>

#include "kb/search/answers.h"
#include "kb/stemming/analyzer.h"

namespace kb::search {

class Snippeter {
 public:
  explicit Snippeter(stemming::Analyzer& analyzer) : analyzer_(analyzer) {}
  // The best window of about `max_bytes` bytes over `fields` (tried in
  // order); `words` and `stems` are sorted. Falls back to the start of the
  // first non-empty field when nothing matches. The language is left empty.
  Snippet snippet(const std::vector<std::string_view>& fields, const std::vector<std::string>& words,
                      const std::vector<std::string>& stems, std::size_t max_bytes = 220);

 private:
  stemming::Analyzer& analyzer_;
};

}  // namespace kb::search
