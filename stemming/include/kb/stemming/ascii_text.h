#pragma once
// The few byte-level text helpers every library needs, written once (issue 12
// point 8): trimming, ASCII case, and reading a text file's content lines.
// They look at ASCII bytes only, so UTF-8 passes through unchanged.
#include <cstddef>
#include <string>
#include <string_view>

namespace kb::stemming {

// `s` without spaces, tabs, CR and LF at either end.
constexpr std::string_view trim_blanks(std::string_view s) noexcept {
  constexpr std::string_view kBlanks = " \t\r\n";
  const auto first = s.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kBlanks) - first + 1);
}

// A..Z lowered; every other byte as it is.
std::string ascii_lower(std::string_view s);

// Equal when A..Z and a..z are taken as the same.
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept;

// Calls f(line_number, line) for every line of `text` (split at '\n', numbered
// from 1) that holds something once a '#' comment is cut off; `line` is
// trimmed. The word lists, the synonym list and the key file are read so.
template <typename F>
void for_each_content_line(std::string_view text, F&& f) {
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim_blanks(line);
    if (!line.empty()) f(number, line);
  }
}

}  // namespace kb::stemming
