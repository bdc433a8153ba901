// Issue 13, point 6: the Atom feed renderer (RFC 4287). The feed is parsed
// as XML and checked as Atom end to end in tests/feeds/open_data_test.py;
// here: the elements, links, dates and escaping from a given answer.
#include "kb/web/atom_feed.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using kb::web::PageRequest;
using kb::web::render_atom_feed;
using kb::search::Hit;
using kb::search::SearchAnswer;

SearchAnswer answer() {
  Hit recent;
  recent.id = "utrecht-nieuw";
  recent.title = "Titel <b> & \"quote\" 'x'";
  recent.title_en = "English title";
  recent.municipality = "Utrecht";
  recent.municipality_slug = "utrecht";
  recent.themes = {"mobility", "safety"};
  recent.theme_labels = {{"mobility", "Mobiliteit"}, {"safety", "Veiligheid"}};
  recent.maturity = "pilot";
  recent.start_year = 2020;
  recent.summary = "Samenvatting met <script>.";
  recent.summary_en = "Summary.";
  recent.updated = "2025-01-31";
  Hit old;
  old.id = "zwolle-oud";
  old.title = "Oud";
  old.municipality = "Zwolle";
  old.municipality_slug = "zwolle";
  old.themes = {"mobility"};
  old.theme_labels = {{"mobility", "Mobiliteit"}};
  old.maturity = "idea";
  old.start_year = 2018;
  old.summary = "Oud.";
  SearchAnswer a;
  a.total = 2;
  a.per_page = 50;
  a.hits = {recent, old};
  return a;
}

PageRequest feed_request() {
  PageRequest req;
  req.origin = "https://kb.example.nl";
  req.params = {{"theme", "mobility"}, {"municipality", "utrecht"}};
  return req;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(AtomFeed, IsAnAtomFeedWithSelfAndAlternateLinks) {
  const std::string xml = render_atom_feed(answer(), feed_request(), "2026-01-01");
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"", 0), 0u);
  EXPECT_TRUE(has(xml, "<title>Kennisbank Smart Society — nieuwe en bijgewerkte cases</title>"));
  EXPECT_TRUE(has(xml, "<id>https://kb.example.nl/feed.atom?theme=mobility&amp;municipality=utrecht</id>"));
  EXPECT_TRUE(has(xml, "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://kb.example.nl/feed.atom?theme=mobility&amp;municipality=utrecht\"/>"));
  EXPECT_TRUE(has(xml, "<link rel=\"alternate\" type=\"text/html\" href=\"https://kb.example.nl/?theme=mobility&amp;municipality=utrecht\"/>"));
  EXPECT_TRUE(has(xml, "<link rel=\"license\" type=\"text/html\" href=\"https://creativecommons.org/licenses/by/4.0/\"/>"));
  EXPECT_EQ(xml.substr(xml.size() - 8), "</feed>\n");
}

TEST(AtomFeed, EntriesCarryIdLinkDatesAuthorAndCategories) {
  const std::string xml = render_atom_feed(answer(), feed_request(), "2026-01-01");
  EXPECT_TRUE(has(xml, "<id>https://kb.example.nl/cases/utrecht-nieuw</id>"));
  EXPECT_TRUE(has(xml, "<link rel=\"alternate\" type=\"text/html\" href=\"https://kb.example.nl/cases/utrecht-nieuw\"/>"));
  EXPECT_TRUE(has(xml, "<updated>2025-01-31T00:00:00Z</updated>"));
  EXPECT_TRUE(has(xml, "<author>\n<name>Utrecht</name>\n</author>"));
  EXPECT_TRUE(has(xml, "<category term=\"safety\" label=\"Veiligheid\" scheme=\"https://kb.example.nl/api/v1/taxonomy\"/>"));
  // No `updated` on the record: 1 January of its start year.
  EXPECT_TRUE(has(xml, "<updated>2018-01-01T00:00:00Z</updated>"));
  // The feed's own <updated> is its newest entry's, not the fallback.
  EXPECT_LT(xml.find("<updated>2025-01-31T00:00:00Z</updated>"), xml.find("<entry>"));
  EXPECT_FALSE(has(xml, "2026-01-01"));
}

TEST(AtomFeed, EscapesEveryText) {
  const std::string xml = render_atom_feed(answer(), feed_request(), "2026-01-01");
  EXPECT_TRUE(has(xml, "<title type=\"text\">Titel &lt;b&gt; &amp; &quot;quote&quot; &#39;x&#39;</title>"));
  EXPECT_TRUE(has(xml, "<summary type=\"text\">Samenvatting met &lt;script&gt;.</summary>"));
  EXPECT_FALSE(has(xml, "<b>"));
  EXPECT_FALSE(has(xml, "<script>"));
}

TEST(AtomFeed, EnglishUsesTheEnglishTextsAndKeepsTheIds) {
  PageRequest req = feed_request();
  req.lang = "en";
  req.params.emplace_back("lang", "en");
  const std::string xml = render_atom_feed(answer(), req, "2026-01-01");
  EXPECT_TRUE(has(xml, "xml:lang=\"en\""));
  EXPECT_TRUE(has(xml, "<title type=\"text\">English title</title>"));
  EXPECT_TRUE(has(xml, "<title type=\"text\">Oud</title>")) << "no English title: the Dutch one";
  EXPECT_TRUE(has(xml, "<id>https://kb.example.nl/cases/utrecht-nieuw</id>"));
  EXPECT_TRUE(has(xml, "href=\"https://kb.example.nl/cases/utrecht-nieuw?lang=en\""));
}

TEST(AtomFeed, AnEmptyFeedIsUpdatedAtTheGivenDate) {
  const std::string xml = render_atom_feed(SearchAnswer{}, feed_request(), "2026-01-01");
  EXPECT_TRUE(has(xml, "<updated>2026-01-01T00:00:00Z</updated>"));
  EXPECT_FALSE(has(xml, "<entry>"));
}

TEST(AtomFeed, DatesAreRfc3339AtMidnightUtc) {
  EXPECT_EQ(kb::web::atom_date("2024-05-01"), "2024-05-01T00:00:00Z");
  EXPECT_EQ(kb::web::atom_date("2024-5-1"), "");
  EXPECT_EQ(kb::web::atom_date("2024-05-01T10:00"), "");
  EXPECT_EQ(kb::web::atom_date("yyyy-mm-dd"), "");
}

}  // namespace
