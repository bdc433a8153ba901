#pragma once
// FNV-1a, 64 bits: the one non-cryptographic hash of the project (word set
// slots, content hashes for unchanged records, ETags). Not for secrets.
#include <cstdint>
#include <string_view>

namespace kb::stemming {

inline constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ULL;

constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = kFnvOffsetBasis) noexcept {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace kb::stemming
