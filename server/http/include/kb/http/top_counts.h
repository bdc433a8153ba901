#pragma once
// Counts of at most `capacity` keys, keeping the most frequent ones: the
// space-saving algorithm (Metwally, Agrawal, El Abbadi 2005). A new key when
// full takes the place of the least counted one, starting from that count
// plus one, so every key seen more than total / capacity times is kept and
// no count is ever too low. Memory is fixed by the capacity, whatever a
// client sends (issue 15 point 3: the demand log grew with distinct queries).
#include <cstddef>
#include <map>
#include <string>

namespace kb::http {

class TopCounts {
 public:
  explicit TopCounts(std::size_t capacity) : capacity_(capacity) {}

  void add(const std::string& key, unsigned long n = 1);
  // Keeps only the `capacity` highest counts (ties: the smaller key) and
  // takes that as the new capacity.
  void shrink_to(std::size_t capacity);

  const std::map<std::string, unsigned long>& counts() const noexcept { return counts_; }
  std::size_t capacity() const noexcept { return capacity_; }
  std::size_t size() const noexcept { return counts_.size(); }

 private:
  std::size_t capacity_;
  std::map<std::string, unsigned long> counts_;
};

}  // namespace kb::http
