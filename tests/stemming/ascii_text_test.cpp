// The shared byte-level helpers (issue 12 point 8: written once, used by the
// registry, the key file, the synonym and word lists and the HTTP headers).
#include "kb/stemming/ascii_text.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace kb::stemming {
namespace {

TEST(AsciiText, TrimBlanksCutsSpacesTabsAndLineEndsOnly) {
  const std::pair<const char*, const char*> cases[] = {
      {"  a b\t", "a b"}, {"\r\n x \r\n", "x"}, {"", ""}, {" \t\r\n", ""}, {"\u00a0x\u00a0", "\u00a0x\u00a0"}, {"é ", "é"}};
  for (const auto& [in, out] : cases) EXPECT_EQ(trim_blanks(in), out) << '"' << in << '"';
}

TEST(AsciiText, CaseFoldingTouchesAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower("GZip-ÉÀ 12"), "gzip-ÉÀ 12");
  EXPECT_TRUE(equals_ignoring_ascii_case("X-GZIP", "x-gzip"));
  EXPECT_TRUE(equals_ignoring_ascii_case("", ""));
  EXPECT_FALSE(equals_ignoring_ascii_case("gzip", "gzip "));
  EXPECT_FALSE(equals_ignoring_ascii_case("É", "é"));
  EXPECT_FALSE(equals_ignoring_ascii_case("[", "{"));  // '[' + 32 is '{': only letters fold
}

TEST(AsciiText, ContentLinesSkipBlanksAndCommentsAndKeepTheirNumbers) {
  std::vector<std::pair<std::size_t, std::string>> seen;
  for_each_content_line("# kop\n\nalpha\r\n  beta # uitleg\n   \n#\ngamma",
                        [&](std::size_t n, std::string_view line) { seen.emplace_back(n, line); });
  const std::vector<std::pair<std::size_t, std::string>> expected = {{3, "alpha"}, {4, "beta"}, {7, "gamma"}};
  EXPECT_EQ(seen, expected);
}

}  // namespace
}  // namespace kb::stemming
