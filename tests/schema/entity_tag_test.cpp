// Entity tags made and compared once (issue 12 point 8).
#include "kb/schema/entity_tag.h"

#include <gtest/gtest.h>

#include "kb/stemming/hash.h"

namespace kb::schema {
namespace {

TEST(EntityTag, IsSixteenHexDigitsInQuotes) {
  EXPECT_EQ(hex_digest(std::uint64_t{0}), "0000000000000000");
  EXPECT_EQ(hex_digest(std::uint64_t{0xABCDEF0123456789ULL}), "abcdef0123456789");
  EXPECT_EQ(entity_tag(std::uint64_t{0x1F}), "\"000000000000001f\"");
  EXPECT_EQ(hex_digest(std::string_view("hallo")), hex_digest(stemming::fnv1a64("hallo")));
  EXPECT_NE(hex_digest(std::string_view("hallo")), hex_digest(std::string_view("hallo ")));
}

TEST(EntityTag, ListsAreMatchedWeaklyOrStrongly) {
  const std::string tag = "\"00000000000000aa\"";
  using enum TagComparison;
  EXPECT_TRUE(lists_entity_tag("*", tag, strong));
  EXPECT_TRUE(lists_entity_tag(" * ", tag, weak));
  EXPECT_TRUE(lists_entity_tag(tag, tag, strong));
  EXPECT_TRUE(lists_entity_tag("\"x\", \t" + tag + " ", tag, strong));
  EXPECT_TRUE(lists_entity_tag("W/" + tag, tag, weak));
  EXPECT_FALSE(lists_entity_tag("W/" + tag, tag, strong));  // a weak tag never matches strongly
  EXPECT_FALSE(lists_entity_tag("\"00000000000000ab\"", tag, weak));
  EXPECT_FALSE(lists_entity_tag("", tag, weak));
  EXPECT_FALSE(lists_entity_tag("00000000000000aa", tag, strong));  // quotes are part of the tag
}

}  // namespace
}  // namespace kb::schema
