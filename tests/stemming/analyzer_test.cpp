#include "kb/stemming/analyzer.h"

#include <gtest/gtest.h>

#include <memory>

namespace kb::stemming {
namespace {

// A small word list keeps these tests independent of wdutch's contents.
constexpr std::string_view kWords = "water\nplein\npleinen\nregen\nopvang\nhitte\nstress\nstad\nlandbouw\n";

class AnalyzerTest : public ::testing::Test {
 protected:
  AnalyzerTest() : analyzer_(Lexicon::from_words(kWords)) {}
  std::vector<std::string> normalized(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : analyzer_.analyze(text)) out.push_back(t.normalized);
    return out;
  }
  Analyzer analyzer_;
};

TEST_F(AnalyzerTest, ApiExampleWaterpleinen) {
  const auto tokens = analyzer_.analyze("Waterpleinen");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].text, "Waterpleinen");
  EXPECT_EQ(tokens[0].normalized, "waterpleinen");
  EXPECT_EQ(tokens[0].stem, "waterplein");
  EXPECT_EQ(tokens[0].parts, (std::vector<std::string>{"water", "pleinen"}));
  EXPECT_EQ(tokens[0].part_stems, (std::vector<std::string>{"water", "plein"}));
}

struct SegmentCase {
  const char* name;
  std::string text;
  std::vector<std::string> normalized;
};

class SegmentationTest : public AnalyzerTest, public ::testing::WithParamInterface<SegmentCase> {};

TEST_P(SegmentationTest, SegmentsAndFolds) { EXPECT_EQ(normalized(GetParam().text), GetParam().normalized); }

INSTANTIATE_TEST_SUITE_P(
    Table, SegmentationTest,
    ::testing::Values(
        SegmentCase{"punctuation_dropped", "Regen, water! (opvang)", {"regen", "water", "opvang"}},
        SegmentCase{"hyphen_splits", "ICT-beleid", {"ict", "beleid"}},
        SegmentCase{"s_hertogenbosch", "'s-Hertogenbosch", {"s", "hertogenbosch"}},
        SegmentCase{"apostrophe_plural", "auto's en foto\xE2\x80\x99s", {"auto", "en", "foto"}},
        SegmentCase{"numbers_whole", "2,5 miljoen en 12.000 bomen", {"2,5", "miljoen", "en", "12.000", "bomen"}},
        SegmentCase{"email_whole", "mail info@gemeente.nl", {"mail", "info@gemeente.nl"}},
        SegmentCase{"diacritics", "Co\xC3\xB6peratie financi\xC3\xABle", {"cooperatie", "financiele"}},
        SegmentCase{"ligature_ij", "\xC4\xB2sselmeer", {"ijsselmeer"}},
        SegmentCase{"empty", "", {}},
        SegmentCase{"only_spaces", "   \t ", {}},
        SegmentCase{"invalid_utf8", "water\xFF\xFEplein", {"water", "plein"}}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST_F(AnalyzerTest, PositionsAndOffsetsPointIntoTheText) {
  const std::string text = "De regen valt";
  const auto tokens = analyzer_.analyze(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].position, 1u);
  EXPECT_EQ(tokens[2].position, 3u);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "regen");
  EXPECT_TRUE(tokens[0].is_stop_word);
  EXPECT_FALSE(tokens[1].is_stop_word);
}

TEST_F(AnalyzerTest, CompoundPartsCanBeSwitchedOff) {
  Analyzer plain(Lexicon::from_words(kWords), AnalyzerOptions{StemmerKind::dutch, false});
  EXPECT_TRUE(plain.analyze("regenwateropvang")[0].parts.empty());
  EXPECT_EQ(analyzer_.analyze("regenwateropvang")[0].parts, (std::vector<std::string>{"regen", "water", "opvang"}));
}

TEST_F(AnalyzerTest, StemmersDifferAsDocumented) {
  Analyzer kp(Lexicon::from_words(kWords), AnalyzerOptions{StemmerKind::kraaij_pohlmann, true});
  EXPECT_EQ(analyzer_.stem("huizen"), "huiz");
  EXPECT_EQ(kp.stem("huizen"), "huis");
}

TEST_F(AnalyzerTest, OneMegabyteLine) {
  std::string text;
  while (text.size() < (1u << 20)) text += "regenwater opvang op het plein ";
  std::size_t count = 0;
  std::uint32_t last = 0;
  analyzer_.analyze(text, [&](const Token& t) {
    ++count;
    last = t.position;
  });
  EXPECT_EQ(count, last);
  EXPECT_GT(count, 150'000u);
}

TEST_F(AnalyzerTest, GarbageBytesNeverCrash) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 7919) % 256);
  EXPECT_NO_THROW(analyzer_.analyze(bytes));
}

}  // namespace
}  // namespace kb::stemming
