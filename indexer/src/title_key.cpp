#include "kb/index/title_key.h"

namespace kb::index {

std::string title_key(std::string_view title, const stemming::TextNormalizer& normalizer) {
  std::string collapsed;
  bool space = false;
  for (const char c : title) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return normalizer.fold(collapsed);
}

}  // namespace kb::index
