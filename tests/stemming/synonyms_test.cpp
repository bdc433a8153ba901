#include "kb/stemming/synonyms.h"

#include <gtest/gtest.h>

#include "kb/stemming/normalizer.h"

namespace kb::stemming {
namespace {

TEST(SynonymMapTest, GroupsAreSymmetricAndFolded) {
  const TextNormalizer n;
  const auto map = SynonymMap::parse("# comment\nHittestress | Heat  Stress | hitte\n\nouderen|senioren\n", n);
  EXPECT_EQ(map.groups().size(), 2u);
  EXPECT_EQ(map.others("heat stress"), (std::vector<std::string>{"hittestress", "hitte"}));
  EXPECT_EQ(map.others("senioren"), (std::vector<std::string>{"ouderen"}));
  EXPECT_TRUE(map.others("water").empty());
  EXPECT_EQ(map.longest_member_words(), 2u);
}

TEST(SynonymMapTest, RejectsAGroupOfOne) {
  const TextNormalizer n;
  EXPECT_THROW(SynonymMap::parse("ok | fine\nalleen\n", n), std::invalid_argument);
}

TEST(SynonymMapTest, BuiltinListParsesAndCoversEnglish) {
  const TextNormalizer n;
  const auto map = SynonymMap::builtin(n);
  EXPECT_GE(map.groups().size(), 30u);
  const auto flooding = map.others("flooding");
  EXPECT_NE(std::find(flooding.begin(), flooding.end(), "wateroverlast"), flooding.end());
}

}  // namespace
}  // namespace kb::stemming
