#include "kb/stemming/lexicon.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "kb/stemming/normalizer.h"
#include "kb/stemming/ascii_text.h"

namespace kb::stemming {
namespace {

// Calls f(word) for every non-comment line of a word list.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  for_each_content_line(text, [&](std::size_t, std::string_view line) { f(line); });
}

bool only_lower_letters(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

WordSet build_dictionary(std::string_view text, const TextNormalizer& normalizer) {
  WordSet::Builder builder;
  for_each_line(text, [&](std::string_view line) {
    if (line.front() >= 'A' && line.front() <= 'Z') return;  // proper noun
    std::string folded = normalizer.fold(line);
    if (only_lower_letters(folded)) builder.add(folded);
  });
  return std::move(builder).build();
}

WordSet build_list(std::string_view text, const TextNormalizer& normalizer) {
  WordSet::Builder builder;
  for_each_line(text, [&](std::string_view line) { builder.add(normalizer.fold(line)); });
  return std::move(builder).build();
}

}  // namespace

void Lexicon::load_builtin_lists(const TextNormalizer& normalizer) {
  keep_whole_ = build_list(keep_whole_nl(), normalizer);
  stop_words_ = build_list(stop_words_nl(), normalizer);
}

std::shared_ptr<const Lexicon> Lexicon::load(const std::string& dictionary_path) {
  std::ifstream in(dictionary_path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the word list " + dictionary_path +
                                   " (install the Debian package wdutch)");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return from_words(buffer.str());
}

std::shared_ptr<const Lexicon> Lexicon::from_words(std::string_view dictionary_words) {
  const TextNormalizer normalizer;
  std::shared_ptr<Lexicon> lexicon(new Lexicon());
  lexicon->dictionary_ = build_dictionary(dictionary_words, normalizer);
  lexicon->load_builtin_lists(normalizer);
  return lexicon;
}

std::size_t Lexicon::memory_bytes() const noexcept {
  return dictionary_.memory_bytes() + keep_whole_.memory_bytes() + stop_words_.memory_bytes();
}

}  // namespace kb::stemming
