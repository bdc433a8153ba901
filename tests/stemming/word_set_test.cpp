#include "kb/stemming/word_set.h"

#include <gtest/gtest.h>

#include <string>

namespace kb::stemming {
namespace {

TEST(WordSetTest, FindsExactlyTheWordsAdded) {
  WordSet::Builder b;
  for (int i = 0; i < 5000; ++i) b.add("woord" + std::to_string(i));
  b.add("woord1");  // duplicate
  b.add("");        // ignored
  const WordSet set = std::move(b).build();
  EXPECT_EQ(set.size(), 5000u);
  EXPECT_TRUE(set.contains("woord0"));
  EXPECT_TRUE(set.contains("woord4999"));
  EXPECT_FALSE(set.contains("woord5000"));
  EXPECT_FALSE(set.contains("woord"));
  EXPECT_FALSE(set.contains(""));
  EXPECT_GT(set.memory_bytes(), 5000u * 6);
}

TEST(WordSetTest, EmptySetContainsNothing) {
  const WordSet set;
  EXPECT_FALSE(set.contains("a"));
  EXPECT_EQ(set.size(), 0u);
}

}  // namespace
}  // namespace kb::stemming
