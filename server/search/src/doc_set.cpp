#include "kb/search/doc_set.h"

#include <algorithm>

namespace kb::search {

Xapian::docid DocSet::first_from(Xapian::docid did) const noexcept {
  if (did > limit_ || words_.empty()) return 0;
  std::size_t w = did >> 6;
  std::uint64_t bits = words_[w] & (~std::uint64_t{0} << (did & 63));
  while (bits == 0) {
    if (++w == words_.size()) return 0;
    bits = words_[w];
  }
  return static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
}

Xapian::doccount DocSet::size() const noexcept {
  Xapian::doccount n = 0;
  for (const auto w : words_) n += static_cast<Xapian::doccount>(std::popcount(w));
  return n;
}

bool DocSet::empty() const noexcept {
  return std::all_of(words_.begin(), words_.end(), [](std::uint64_t w) { return w == 0; });
}

DocSet& DocSet::unite(const DocSet& other) noexcept {
  const std::size_t n = std::min(words_.size(), other.words_.size());
  for (std::size_t i = 0; i < n; ++i) words_[i] |= other.words_[i];
  return *this;
}

DocSet& DocSet::intersect(const DocSet& other) noexcept {
  const std::size_t n = std::min(words_.size(), other.words_.size());
  for (std::size_t i = 0; i < n; ++i) words_[i] &= other.words_[i];
  std::fill(words_.begin() + static_cast<std::ptrdiff_t>(n), words_.end(), 0);
  return *this;
}

DocSet& DocSet::subtract(const DocSet& other) noexcept {
  const std::size_t n = std::min(words_.size(), other.words_.size());
  for (std::size_t i = 0; i < n; ++i) words_[i] &= ~other.words_[i];
  return *this;
}

DocSetPostingSource::DocSetPostingSource(const DocSet& set) : set_(set), size_(set.size()) {}

void DocSetPostingSource::init(const Xapian::Database&) {
  current_ = 0;
  started_ = false;
}

void DocSetPostingSource::next(double) {
  current_ = set_.first_from(started_ ? current_ + 1 : 1);
  started_ = true;
}

void DocSetPostingSource::skip_to(Xapian::docid did, double) {
  if (started_ && (current_ == 0 || did <= current_)) return;
  current_ = set_.first_from(std::max<Xapian::docid>(did, 1));
  started_ = true;
}

}  // namespace kb::search
