#pragma once
// A compact, immutable set of short strings: one byte blob plus an
// open-addressing table of offsets. The Dutch word list (about 350,000 words)
// fits in about 8 MB this way, a third of an unordered_set<std::string>.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <string>
#include <vector>

namespace kb::stemming {

class WordSet {
 public:
  class Builder {
   public:
    // Words longer than 255 bytes or empty are ignored.
    void add(std::string_view word);
    WordSet build() &&;

   private:
    std::vector<std::string> words_;
  };

  WordSet() = default;
  bool contains(std::string_view word) const noexcept;
  std::size_t size() const noexcept { return count_; }
  std::size_t memory_bytes() const noexcept;

 private:
  std::vector<char> blob_;             // [len][bytes]... per word
  std::vector<std::uint32_t> slots_;   // offset + 1 into blob_, 0 = empty
  std::size_t count_ = 0;
};

}  // namespace kb::stemming
