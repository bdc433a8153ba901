#pragma once
// Strict UTF-8 handling at the edge of the analysis pipeline: everything after
// this point may assume valid UTF-8.
#include <string>
#include <string_view>

namespace kb::text {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points
// above U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

// Returns `s` with every ill-formed byte sequence replaced by U+FFFD. Never
// throws on bad input; copies only when something must change.
std::string sanitize_utf8(std::string_view s);

}  // namespace kb::text
