#include "kb/stemming/word_set.h"

#include "kb/stemming/hash.h"

#include <algorithm>
#include <bit>
#include <string>

namespace kb::stemming {
namespace {

std::uint64_t hash_word(std::string_view w) noexcept { return stemming::fnv1a64(w); }

}  // namespace

void WordSet::Builder::add(std::string_view word) {
  if (word.empty() || word.size() > 255) return;
  words_.emplace_back(word);
}

WordSet WordSet::Builder::build() && {
  std::sort(words_.begin(), words_.end());
  words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
  WordSet set;
  set.count_ = words_.size();
  const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, words_.size() * 2));
  set.slots_.assign(capacity, 0);
  std::size_t total = 0;
  for (const auto& w : words_) total += w.size() + 1;
  set.blob_.reserve(total);
  const std::size_t mask = capacity - 1;
  for (const auto& w : words_) {
    const auto offset = static_cast<std::uint32_t>(set.blob_.size());
    set.blob_.push_back(static_cast<char>(w.size()));
    set.blob_.insert(set.blob_.end(), w.begin(), w.end());
    std::size_t i = static_cast<std::size_t>(hash_word(w)) & mask;
    while (set.slots_[i] != 0) i = (i + 1) & mask;
    set.slots_[i] = offset + 1;
  }
  words_.clear();
  return set;
}

bool WordSet::contains(std::string_view word) const noexcept {
  if (slots_.empty() || word.empty() || word.size() > 255) return false;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(hash_word(word)) & mask;; i = (i + 1) & mask) {
    const std::uint32_t slot = slots_[i];
    if (slot == 0) return false;
    const std::size_t off = slot - 1;
    const auto len = static_cast<unsigned char>(blob_[off]);
    if (len == word.size() && std::string_view(&blob_[off + 1], len) == word) return true;
  }
}

std::size_t WordSet::memory_bytes() const noexcept {
  return blob_.capacity() + slots_.capacity() * sizeof(std::uint32_t) + sizeof(*this);
}

}  // namespace kb::stemming
