#include "kb/stemming/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace kb::stemming {
namespace {

bool is_ascii(std::string_view s) noexcept {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool is_apostrophe(UChar32 c) noexcept { return c == 0x27 || c == 0x2019 || c == 0x02BC; }

}  // namespace


TextNormalizer::TextNormalizer() {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
  nfd_ = icu::Normalizer2::getNFDInstance(status);
  nfc_ = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalizer: ") + u_errorName(status));
}

// `auto's`, `foto's`, `pagina's`: the apostrophe-s plural of a word ending in a
// vowel. The stemmers leave `autos` alone, so drop the ending to meet `auto`.
static std::string_view strip_plural_apostrophe(std::string_view word) noexcept {
  for (std::string_view ending : {"'s", "'S", "\u2019s", "\u2019S"}) {
    if (word.size() > ending.size() + 1 && word.ends_with(ending)) return word.substr(0, word.size() - ending.size());
  }
  return word;
}

std::string TextNormalizer::fold(std::string_view word) const {
  word = strip_plural_apostrophe(word);
  // Fast path: most Dutch words are ASCII, where folding is lowercasing.
  if (is_ascii(word)) {
    std::string out;
    out.reserve(word.size());
    for (char c : word) {
      if (c == '\'') continue;
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const auto src = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  icu::UnicodeString folded = nfkc_cf_->normalize(src, status);
  icu::UnicodeString decomposed = nfd_->normalize(folded, status);
  if (U_FAILURE(status)) return std::string(word);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK || is_apostrophe(c)) continue;
    stripped.append(c);
  }
  icu::UnicodeString composed = nfc_->normalize(stripped, status);
  std::string out;
  (U_SUCCESS(status) ? composed : stripped).toUTF8String(out);
  return out;
}

}  // namespace kb::stemming
