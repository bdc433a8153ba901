#pragma once
// Folding of one word: NFKC case folding (so `Ĳ` becomes `ij`), then
// diacritics dropped (`coöperatie` = `cooperatie`), then apostrophes removed
// (`auto's` = `autos`). The index and the query side both call this.
#include <string>
#include <string_view>

#include <unicode/uversion.h>
U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace kb::stemming {

class TextNormalizer {
 public:
  TextNormalizer();  // throws std::runtime_error when ICU data is missing
  // `word` must be valid UTF-8 (see sanitize_utf8).
  std::string fold(std::string_view word) const;

 private:
  const icu::Normalizer2* nfkc_cf_;
  const icu::Normalizer2* nfd_;
  const icu::Normalizer2* nfc_;
};

}  // namespace kb::stemming
