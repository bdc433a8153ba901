#pragma once
// Dutch compound splitting over a word list, designed not to over-split:
//  * the parts must cover the whole word, with only linking elements between
//    them (s, e, en, er, and the doubled consonant of `zonne-`);
//  * a part has at least 4 letters, or is one of a few common 3-letter nouns;
//  * no part is a stop word or a particle (`onder`, `voor`), and the last part
//    is not a derivational suffix that happens to be a word (`heid`, `rijk`);
//  * the split with the fewest parts wins; each part is split again, so the
//    result is the word's smallest meaningful parts;
//  * words in the keep-whole lexicon (`gemeente`, `landbouw`) stay whole.
#include <string>
#include <string_view>
#include <vector>

#include "kb/stemming/word_set.h"

namespace kb::stemming {

class CompoundSplitter {
 public:
  // The sets must outlive the splitter.
  CompoundSplitter(const WordSet& dictionary, const WordSet& keep_whole, const WordSet& stop_words);

  // Parts of a folded, lowercase word, linking elements dropped
  // (`stadslandbouw` -> stad, landbouw). Empty when the word is not a compound.
  std::vector<std::string> split(std::string_view word) const;

 private:
  struct Candidate;
  bool is_modifier(std::string_view part) const;
  bool is_head(std::string_view part) const;
  bool best_split(std::string_view word, std::vector<std::string>& parts) const;
  void split_into(std::string_view word, std::vector<std::string>& out, int depth) const;

  const WordSet& dictionary_;
  const WordSet& keep_whole_;
  const WordSet& stop_words_;
};

}  // namespace kb::stemming
