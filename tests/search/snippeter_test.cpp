// Snippeter (issue 12 point 7): which words of a window light up and where
// the window starts and ends, table-driven over the analysis it shares with
// the query: folded diacritics, inflections, compound parts.
#include "kb/search/snippeter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <unicode/utf8.h>

#include "search_index_fixture.h"

namespace kb::search {
namespace {

using testing::bracketed;

// What the QueryBuilder hands the Snippeter for a query, minus synonyms and
// spelling: the folded words and the stems of words and compound parts.
struct Highlight {
  std::vector<std::string> words, stems;
};

class SnippeterTest : public ::testing::Test {
 protected:
  Highlight highlight(std::string_view q) {
    Highlight h;
    analyzer_.analyze(q, [&](const stemming::Token& t) {
      if (t.is_stop_word) return;
      h.words.push_back(t.normalized);
      h.stems.emplace_back(t.stem);
      for (const auto& s : t.part_stems) h.stems.push_back(s);
    });
    for (auto* v : {&h.words, &h.stems}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    return h;
  }
  Snippet snippet(const std::vector<std::string_view>& fields, std::string_view q, std::size_t max_bytes = 220) {
    const auto h = highlight(q);
    return snippeter_.snippet(fields, h.words, h.stems, max_bytes);
  }

  stemming::Analyzer analyzer_{testing::shared_lexicon()};
  Snippeter snippeter_{analyzer_};
};

struct MarkCase {
  const char* query;
  const char* text;
  const char* expected;  // the snippet with its marks in [brackets]
};

TEST_F(SnippeterTest, MarksWhatTheQueryMatches) {
  const MarkCase cases[] = {
      {"wijk", "Groen in de wijk en de straat.", "Groen in de [wijk] en de straat."},
      {"WIJK", "Groen in de Wijk.", "Groen in de [Wijk]."},                            // case folded
      {"cafe", "Een café op het plein.", "Een [café] op het plein."},                  // diacritics folded
      {"wijken", "Groen in de wijk.", "Groen in de [wijk]."},                          // inflection: same stem
      {"stress", "Minder hittestress in de stad.", "Minder hitte[stress] in de stad."},  // compound part only
      {"wijk straat", "De straat en de wijk.", "De [straat] en de [wijk]."},           // every word
      {"de", "De straat en de wijk.", "De straat en de wijk."},                        // a stop word marks nothing
      {"fluitketel", "Groen in de wijk.", "Groen in de wijk."},                        // no match: no marks
  };
  for (const auto& c : cases) {
    EXPECT_EQ(bracketed(snippet({c.text}, c.query)), c.expected) << "query: " << c.query;
  }
}

TEST_F(SnippeterTest, ANonAsciiCompoundIsMarkedWhole) {
  // "ë" folds to "e": the part's bytes do not map one to one onto the
  // original, so the word is marked whole rather than a guessed slice of it.
  EXPECT_EQ(bracketed(snippet({"Betere patiëntenzorg thuis."}, "zorg")), "Betere [patiëntenzorg] thuis.");
  // An ASCII compound still gets just its part.
  EXPECT_EQ(bracketed(snippet({"Betere ouderenzorg thuis."}, "zorg")), "Betere ouderen[zorg] thuis.");
}

TEST_F(SnippeterTest, PrefersTheFirstFieldThatMatches) {
  EXPECT_EQ(bracketed(snippet({"Over fietsen.", "Over de wijk."}, "wijk")), "Over de [wijk].");
  // Nothing matches anywhere: the start of the first non-empty field.
  EXPECT_EQ(bracketed(snippet({"", "Over fietsen.", "Over de wijk."}, "zeppelin")), "Over fietsen.");
  EXPECT_EQ(bracketed(snippet({"", ""}, "wijk")), "");
}

TEST_F(SnippeterTest, TheWindowHoldsTheMostMarksAndCutsAtWords) {
  std::string text = "Begin.";
  for (int i = 0; i < 40; ++i) text += " vulwoord";
  text += " de wijk en nog een wijk en een wijk.";
  for (int i = 0; i < 40; ++i) text += " vulwoord";
  const auto s = snippet({text}, "wijk", 120);
  EXPECT_TRUE(s.text.starts_with("… ")) << s.text;
  EXPECT_TRUE(s.text.ends_with(" …")) << s.text;
  EXPECT_EQ(s.marks.size(), 3u) << bracketed(s);
  // Starts shortly before the first mark, at a word.
  EXPECT_LT(s.marks.front().begin, 60u);
  EXPECT_EQ(s.text.substr(std::string("… ").size(), std::string("vulwoord").size()), "vulwoord");
  EXPECT_LE(s.text.size(), 120u + 2 * std::string(" …").size());
}

TEST_F(SnippeterTest, NeverCutsACharacterOrLeavesAMarkOutOfBounds) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "é";  // one long word with no space to cut at
  text += " wijk ";
  for (int i = 0; i < 200; ++i) text += "ü";
  for (std::size_t max : {7u, 50u, 101u, 220u}) {
    const auto s = snippet({text}, "wijk", max);
    int32_t i = 0;
    const auto length = static_cast<int32_t>(s.text.size());
    while (i < length) {
      UChar32 c;
      U8_NEXT(reinterpret_cast<const uint8_t*>(s.text.data()), i, length, c);
      ASSERT_GE(c, 0) << "invalid UTF-8 at byte " << i << " for max " << max;
    }
    std::size_t previous_end = 0;
    for (const auto& m : s.marks) {
      EXPECT_LE(previous_end, m.begin);
      EXPECT_LT(m.begin, m.end);
      EXPECT_LE(m.end, s.text.size());
      previous_end = m.end;
    }
    EXPECT_EQ(bracketed(s).find("[wijk]") != std::string::npos, true) << "max " << max << ": " << bracketed(s);
  }
}

}  // namespace
}  // namespace kb::search
