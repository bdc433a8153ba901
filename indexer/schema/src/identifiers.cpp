#include "kb/schema/identifiers.h"

namespace kb::schema {

bool is_kebab_case(std::string_view s) noexcept {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  char prev = 0;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

bool is_identifier(std::string_view s) noexcept { return s.size() <= kMaxIdentifierLength && is_kebab_case(s); }

}  // namespace kb::schema
