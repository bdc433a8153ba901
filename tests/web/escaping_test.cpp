#include <gtest/gtest.h>

#include "kb/web/pages.h"

namespace {

using kb::web::html_escape;

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  EXPECT_EQ(html_escape("Gewone tekst, coöperatie"), "Gewone tekst, coöperatie");
  EXPECT_EQ(html_escape(""), "");
}

using kb::web::snippet_html;

// Issue 12 point 2: the core hands over text and spans; kb::web alone turns
// them into HTML, escaping the text inside and outside the marks.
TEST(SnippetHtml, MarksTheSpansAndEscapesTheText) {
  kb::search::Snippet s;
  s.text = "<b>hitte</b> & stress";
  s.marks = {{3, 8}, {15, 21}};
  EXPECT_EQ(snippet_html(s), "&lt;b&gt;<mark>hitte</mark>&lt;/b&gt; &amp; <mark>stress</mark>");
  s.text = "a <mark>\"x\"</mark>";
  s.marks = {};
  EXPECT_EQ(snippet_html(s), "a &lt;mark&gt;&quot;x&quot;&lt;/mark&gt;");
}

TEST(SnippetHtml, IgnoresSpansThatDoNotFit) {
  kb::search::Snippet s;
  s.text = "groen in de wijk";
  s.marks = {{0, 5}, {3, 8}, {12, 99}, {12, 16}};  // overlapping, out of bounds, then a good one
  EXPECT_EQ(snippet_html(s), "<mark>groen</mark> in de <mark>wijk</mark>");
  s.marks = {{7, 4}};  // reversed
  EXPECT_EQ(snippet_html(s), "groen in de wijk");
}

}  // namespace
