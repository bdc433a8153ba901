#include "kb/http/top_counts.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace kb::http {

void TopCounts::add(const std::string& key, unsigned long n) {
  if (key.empty() || capacity_ == 0) return;
  if (const auto it = counts_.find(key); it != counts_.end()) {
    it->second += n;
    return;
  }
  if (counts_.size() < capacity_) {
    counts_.emplace(key, n);
    return;
  }
  // The least counted key gives up its place; a linear scan, as the
  // capacities are small (at most a few thousand) and eviction rare in real use.
  auto least = counts_.begin();
  for (auto it = counts_.begin(); it != counts_.end(); ++it)
    if (it->second < least->second) least = it;
  const unsigned long floor = least->second;
  counts_.erase(least);
  counts_.emplace(key, floor + n);
}

void TopCounts::shrink_to(std::size_t capacity) {
  capacity_ = capacity;
  if (counts_.size() <= capacity) return;
  std::vector<std::pair<std::string, unsigned long>> v(counts_.begin(), counts_.end());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  v.resize(capacity);
  counts_ = std::map<std::string, unsigned long>(v.begin(), v.end());
}

}  // namespace kb::http
