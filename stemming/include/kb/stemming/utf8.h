#pragma once
// Strict UTF-8 handling at the edge of the analysis pipeline: everything after
// this point may assume valid UTF-8.
#include <string>
#include <string_view>

namespace kb::stemming {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points
// above U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

// Returns `s` with every ill-formed byte sequence replaced by U+FFFD. Never
// throws on bad input; copies only when something must change.
std::string sanitize_utf8(std::string_view s);

// Code points in valid UTF-8 (what a user calls characters, roughly).
std::size_t code_point_count(std::string_view s) noexcept;
// The code point of valid UTF-8 at s[i]; advances i past it.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept;
std::u32string to_u32(std::string_view s);

}  // namespace kb::stemming
