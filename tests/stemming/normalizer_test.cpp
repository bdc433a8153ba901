#include "kb/stemming/normalizer.h"

#include <gtest/gtest.h>

namespace kb::stemming {
namespace {

struct FoldCase {
  const char* input;
  const char* folded;
};

class FoldTest : public ::testing::TestWithParam<FoldCase> {
 protected:
  TextNormalizer normalizer_;
};

TEST_P(FoldTest, FoldsLikeTheIndex) { EXPECT_EQ(normalizer_.fold(GetParam().input), GetParam().folded); }

INSTANTIATE_TEST_SUITE_P(Table, FoldTest,
                         ::testing::Values(FoldCase{"Gemeente", "gemeente"},
                                           FoldCase{"co\xC3\xB6peratie", "cooperatie"},        // coöperatie
                                           FoldCase{"financi\xC3\xABle", "financiele"},         // financiële
                                           FoldCase{"\xC3\x89\xC3\xA9n", "een"},                // Één
                                           FoldCase{"\xC4\xB2muiden", "ijmuiden"},              // Ĳmuiden (ligature)
                                           FoldCase{"\xEF\xBC\xA7\xEF\xBC\xAD", "gm"},          // fullwidth ＧＭ
                                           FoldCase{"\xEF\xAC\x81" "ets", "fiets"},                // ﬁets
                                           FoldCase{"STRA\xC3\x9F" "E", "strasse"},             // STRAßE
                                           FoldCase{"auto's", "auto"}, FoldCase{"AUTO'S", "auto"},
                                           FoldCase{"foto\xE2\x80\x99s", "foto"},               // foto’s
                                           FoldCase{"zo'n", "zon"}, FoldCase{"12.000", "12.000"},
                                           FoldCase{"", ""}));

}  // namespace
}  // namespace kb::stemming
