// Golden files: Snowball's own reference vocabularies (Debian snowball-data).
// Every word must stem exactly as Snowball says, for both Dutch stemmers.
#include <gtest/gtest.h>

#include <fstream>

#include "kb/stemming/analyzer.h"

namespace kb::stemming {
namespace {

class SnowballVocabularyTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SnowballVocabularyTest, ReproducesReferenceOutput) {
  const std::string name = GetParam();
  const auto kind = parse_stemmer(name);
  ASSERT_TRUE(kind.has_value());
  // An empty dictionary: stems do not depend on the word list.
  Analyzer analyzer(Lexicon::from_words(""), AnalyzerOptions{*kind, false});
  std::ifstream voc("/usr/share/snowball/data/" + name + "/voc.txt");
  std::ifstream out("/usr/share/snowball/data/" + name + "/output.txt");
  ASSERT_TRUE(voc && out) << "install the Debian package snowball-data";
  std::string word, expected;
  std::size_t count = 0, mismatches = 0;
  while (std::getline(voc, word) && std::getline(out, expected)) {
    ++count;
    if (analyzer.stem(word) != expected && ++mismatches <= 10)
      ADD_FAILURE() << word << " -> " << analyzer.stem(word) << ", expected " << expected;
  }
  EXPECT_EQ(count, 45669u);
  EXPECT_EQ(mismatches, 0u);
}

INSTANTIATE_TEST_SUITE_P(Dutch, SnowballVocabularyTest, ::testing::Values("dutch", "kraaij_pohlmann"));

TEST(StemmerNameTest, ParsesKnownNamesOnly) {
  EXPECT_EQ(parse_stemmer("dutch"), StemmerKind::dutch);
  EXPECT_EQ(parse_stemmer("dutch_porter"), StemmerKind::dutch);
  EXPECT_EQ(parse_stemmer("kraaij_pohlmann"), StemmerKind::kraaij_pohlmann);
  EXPECT_FALSE(parse_stemmer("english").has_value());
  EXPECT_EQ(stemmer_name(StemmerKind::kraaij_pohlmann), "kraaij_pohlmann");
}

}  // namespace
}  // namespace kb::stemming
