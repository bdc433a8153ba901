#pragma once
// Curated synonym groups (stemming/data/synonyms-nl.txt): one group a line,
// members separated by `|`. Members are folded like any other text, so that
// the lookup key of `Heat Stress` is `heat stress`.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kb::stemming {

class TextNormalizer;

class SynonymMap {
 public:
  using Group = std::vector<std::string>;

  // Parses the text format; throws std::invalid_argument naming the line of a
  // group with fewer than two members.
  static SynonymMap parse(std::string_view text, const TextNormalizer& normalizer);
  static SynonymMap builtin(const TextNormalizer& normalizer);

  // The other members of the group of `folded_phrase` (empty when none).
  std::vector<std::string> others(const std::string& folded_phrase) const;
  const std::vector<Group>& groups() const noexcept { return groups_; }
  std::size_t longest_member_words() const noexcept { return longest_words_; }

 private:
  std::vector<Group> groups_;
  std::unordered_map<std::string, std::vector<std::size_t>> index_;
  std::size_t longest_words_ = 1;
};

}  // namespace kb::stemming
