#pragma once
// The Dutch analysis pipeline, the same for indexing and for queries:
//   UTF-8 repair -> ICU word segmentation (locale nl) -> NFKC case folding and
//   diacritic folding -> Snowball stemming -> compound splitting.
// An Analyzer holds ICU and Xapian objects that are not thread-safe: use one
// per thread. The Lexicon it reads is shared and immutable.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/stemming/compound_splitter.h"
#include "kb/stemming/lexicon.h"
#include "kb/stemming/normalizer.h"

#include <unicode/uversion.h>
U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END
namespace Xapian { class Stem; }

namespace kb::stemming {

// Xapian 1.4 names: `dutch` is the Porter-style stemmer, `kraaij_pohlmann`
// the one Snowball 3 made its default. The name is recorded in every index.
enum class StemmerKind { dutch, kraaij_pohlmann };
std::optional<StemmerKind> parse_stemmer(std::string_view name);
std::string_view stemmer_name(StemmerKind kind);

struct AnalyzerOptions {
  StemmerKind stemmer = StemmerKind::dutch;
  bool split_compounds = true;
};

struct Token {
  std::string_view text;                    // surface form, a view into the analysed text
  std::string normalized;                   // folded: lowercase, no diacritics
  std::string_view stem;                    // Snowball stem of `normalized`
  std::span<const std::string> parts;       // compound parts (surface, folded); empty if none
  std::span<const std::string> part_stems;  // the stems of `parts`
  std::uint32_t position = 0;               // 1-based word position
  std::size_t begin = 0, end = 0;           // byte offsets of `text`
  bool is_stop_word = false;
  bool is_number = false;
};

// An owning copy of a Token, for callers that keep tokens.
struct OwnedToken {
  std::string text, normalized, stem;
  std::vector<std::string> parts, part_stems;
  std::uint32_t position = 0;
  std::size_t begin = 0, end = 0;
  bool is_stop_word = false;
  bool is_number = false;
};

class Analyzer {
 public:
  explicit Analyzer(std::shared_ptr<const Lexicon> lexicon, AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Streams the tokens of `text` to `sink`; views in a Token are valid only
  // during the call. Invalid UTF-8 is repaired, never an error.
  void analyze(std::string_view text, const std::function<void(const Token&)>& sink);
  std::vector<OwnedToken> analyze(std::string_view text);

  std::string fold(std::string_view word) const { return normalizer_.fold(word); }
  // Stem of an already folded word (cached).
  std::string stem(std::string_view folded_word);
  // Compound parts of an already folded word (cached; empty if not a compound).
  std::vector<std::string> parts(std::string_view folded_word);

  const Lexicon& lexicon() const noexcept { return *lexicon_; }
  const AnalyzerOptions& options() const noexcept { return options_; }

 private:
  struct WordInfo {
    std::string stem;
    std::vector<std::string> parts, part_stems;
    bool stop_word = false;
  };
  const WordInfo& word_info(const std::string& folded);

  std::shared_ptr<const Lexicon> lexicon_;
  AnalyzerOptions options_;
  TextNormalizer normalizer_;
  CompoundSplitter splitter_;
  std::unique_ptr<icu::BreakIterator> words_;
  std::unique_ptr<Xapian::Stem> stemmer_;
  std::unordered_map<std::string, WordInfo> cache_;
};

}  // namespace kb::stemming
