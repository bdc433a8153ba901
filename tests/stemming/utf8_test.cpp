#include "kb/stemming/utf8.h"

#include <gtest/gtest.h>

namespace kb::stemming {
namespace {

struct Utf8Case {
  const char* name;
  std::string input;
  bool valid;
  std::string repaired;
};

class Utf8Test : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8Test, ValidatesAndRepairs) {
  const auto& c = GetParam();
  EXPECT_EQ(is_valid_utf8(c.input), c.valid);
  EXPECT_EQ(sanitize_utf8(c.input), c.repaired);
  EXPECT_TRUE(is_valid_utf8(sanitize_utf8(c.input)));
}

const std::string R = "\xEF\xBF\xBD";  // U+FFFD

INSTANTIATE_TEST_SUITE_P(
    Table, Utf8Test,
    ::testing::Values(Utf8Case{"empty", "", true, ""}, Utf8Case{"ascii", "straat", true, "straat"},
                      Utf8Case{"two_byte", "co\xC3\xB6peratie", true, "co\xC3\xB6peratie"},
                      Utf8Case{"euro", "\xE2\x82\xAC", true, "\xE2\x82\xAC"},
                      Utf8Case{"four_byte", "\xF0\x9F\x98\x80", true, "\xF0\x9F\x98\x80"},
                      Utf8Case{"lone_continuation", "a\x80" "b", false, "a" + R + "b"},
                      Utf8Case{"overlong_slash", "\xC0\xAF", false, R + R},
                      Utf8Case{"surrogate", "\xED\xA0\x80", false, R + R + R},
                      Utf8Case{"above_max", "\xF4\x90\x80\x80", false, R + R + R + R},
                      Utf8Case{"truncated_at_end", "ab\xE2\x82", false, "ab" + R + R},
                      Utf8Case{"latin1_byte", "caf\xE9", false, "caf" + R}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace kb::stemming
