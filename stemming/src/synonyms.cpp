#include "kb/stemming/synonyms.h"

#include <algorithm>
#include <stdexcept>

#include "kb/stemming/lexicon.h"
#include "kb/stemming/normalizer.h"
#include "kb/stemming/ascii_text.h"

namespace kb::stemming {
namespace {

// Folds each space-separated word and joins them with one space.
std::string fold_phrase(std::string_view phrase, const TextNormalizer& normalizer, std::size_t& words) {
  std::string out;
  words = 0;
  while (!phrase.empty()) {
    phrase = trim_blanks(phrase);
    const auto sp = phrase.find_first_of(" \t");
    const std::string_view word = phrase.substr(0, sp);
    if (!word.empty()) {
      if (!out.empty()) out += ' ';
      out += normalizer.fold(word);
      ++words;
    }
    phrase = sp == std::string_view::npos ? std::string_view{} : phrase.substr(sp);
  }
  return out;
}

}  // namespace

SynonymMap SynonymMap::parse(std::string_view text, const TextNormalizer& normalizer) {
  SynonymMap map;
  for_each_content_line(text, [&](std::size_t line_no, std::string_view line) {
    Group group;
    while (true) {
      const auto bar = line.find('|');
      std::size_t words = 0;
      std::string member = fold_phrase(line.substr(0, bar), normalizer, words);
      if (!member.empty() && std::find(group.begin(), group.end(), member) == group.end()) {
        map.longest_words_ = std::max(map.longest_words_, words);
        group.push_back(std::move(member));
      }
      if (bar == std::string_view::npos) break;
      line = line.substr(bar + 1);
    }
    if (group.size() < 2)
      throw std::invalid_argument("synonyms line " + std::to_string(line_no) + ": a group needs at least two members");
    for (const auto& member : group) map.index_[member].push_back(map.groups_.size());
    map.groups_.push_back(std::move(group));
  });
  return map;
}

SynonymMap SynonymMap::builtin(const TextNormalizer& normalizer) { return parse(synonyms_nl(), normalizer); }

std::vector<std::string> SynonymMap::others(const std::string& folded_phrase) const {
  std::vector<std::string> out;
  const auto it = index_.find(folded_phrase);
  if (it == index_.end()) return out;
  for (std::size_t g : it->second)
    for (const auto& member : groups_[g])
      if (member != folded_phrase && std::find(out.begin(), out.end(), member) == out.end()) out.push_back(member);
  return out;
}

}  // namespace kb::stemming
