#pragma once
// The immutable language data of the analysis pipeline, loaded once per
// process and shared by every Analyzer (it is read-only, so thread-safe).
#include <memory>
#include <string>
#include <string_view>

#include "kb/stemming/word_set.h"

namespace kb::stemming {

class TextNormalizer;

inline constexpr std::string_view kDefaultDictionaryPath = "/usr/share/dict/dutch";

class Lexicon {
 public:
  // Reads the word list at `dictionary_path` (one word a line, as Debian's
  // `wdutch` ships it). Proper nouns, hyphenated and multi-word entries are
  // skipped; words are folded like every other text. The stop list and the
  // keep-whole list are compiled in from stemming/data/.
  // Throws std::runtime_error when the file cannot be read.
  static std::shared_ptr<const Lexicon> load(const std::string& dictionary_path = std::string(kDefaultDictionaryPath));

  // A lexicon from in-memory word lists (tests, tools).
  static std::shared_ptr<const Lexicon> from_words(std::string_view dictionary_words);

  const WordSet& dictionary() const noexcept { return dictionary_; }
  const WordSet& keep_whole() const noexcept { return keep_whole_; }
  const WordSet& stop_words() const noexcept { return stop_words_; }
  std::size_t memory_bytes() const noexcept;

 private:
  Lexicon() = default;
  void load_builtin_lists(const TextNormalizer& normalizer);

  WordSet dictionary_;
  WordSet keep_whole_;
  WordSet stop_words_;
};

// The compiled-in data files.
std::string_view stop_words_nl();
std::string_view keep_whole_nl();
std::string_view synonyms_nl();

}  // namespace kb::stemming
