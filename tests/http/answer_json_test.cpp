// The one JSON writer of the API (kb/http/answer_json.h): the snippet's two
// forms, HTML for pages and parts for the widget, carry the same text.
#include "kb/http/answer_json.h"

#include <gtest/gtest.h>

#include <string>

namespace kb::http {
namespace {

search::Hit hit_with_snippet(std::string text, std::vector<search::Snippet::Span> marks) {
  search::Hit hit;
  hit.id = "x";
  hit.snippet = {std::move(text), std::move(marks), "nl"};
  return hit;
}

TEST(AnswerJson, SnippetPartsAreTheSnippetAsMarkedRuns) {
  const auto json = to_json(hit_with_snippet("… hittestress & <b>", {{4, 9}, {19, 21}}));
  EXPECT_EQ(json["snippet"], "… <mark>hitte</mark>stress &amp; &lt;<mark>b&gt;</mark>");
  const nlohmann::json expected = nlohmann::json::parse(R"([
    {"text": "… ", "mark": false}, {"text": "hitte", "mark": true}, {"text": "stress & <", "mark": false},
    {"text": "b>", "mark": true}])");
  EXPECT_EQ(json["snippet_parts"], expected);
  EXPECT_EQ(json["snippet_lang"], "nl");
}

TEST(AnswerJson, SnippetPartsLeaveOutEmptyRunsAndSpansThatDoNotFit) {
  EXPECT_EQ(to_json(hit_with_snippet("", {}))["snippet_parts"], nlohmann::json::array());
  const auto whole = to_json(hit_with_snippet("wijk", {{0, 4}, {2, 3}, {3, 9}}));
  EXPECT_EQ(whole["snippet_parts"], nlohmann::json::parse(R"([{"text": "wijk", "mark": true}])"));
  EXPECT_EQ(whole["snippet"], "<mark>wijk</mark>");
}

}  // namespace
}  // namespace kb::http
