// One shape for case ids and slugs (issue 12 point 8): what the validator
// accepts is what the routes and the search filters look up.
#include "kb/schema/identifiers.h"

#include <gtest/gtest.h>

#include <string>

namespace kb::schema {
namespace {

TEST(Identifiers, KebabCaseIsLowercaseWordsJoinedBySingleHyphens) {
  for (const char* good : {"a", "den-haag", "2024-pilot", "x1-y2-z3"}) EXPECT_TRUE(is_kebab_case(good)) << good;
  for (const char* bad : {"", "-a", "a-", "a--b", "Den-haag", "a_b", "a b", "café", "a/b", "a.b"})
    EXPECT_FALSE(is_kebab_case(bad)) << bad;
}

TEST(Identifiers, AnIdentifierHasAtMostEightyCharacters) {
  const std::string longest(kMaxIdentifierLength, 'a');
  EXPECT_TRUE(is_identifier(longest));
  EXPECT_FALSE(is_identifier(longest + "a"));
  EXPECT_FALSE(is_identifier("a--b"));
  EXPECT_TRUE(is_identifier("amsterdam-housing-first"));
}

}  // namespace
}  // namespace kb::schema
