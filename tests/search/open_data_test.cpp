// Issue 13, point 6 (following and open data), in the search core:
// sort=updated (the Atom feed's order) and the export of published records
// as JSONL (re-indexable) and CSV (RFC 4180).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "kb/schema/case_export.h"
#include "kb/search/errors.h"
#include "kb/search/request.h"
#include "kb/search/searcher.h"
#include "search_index_fixture.h"

namespace kb::search {
namespace {

using nlohmann::json;
using testing::make_case;
using schema::append_csv_field;
using schema::ExportFormat;
using schema::formula_safe;
using schema::parse_export_format;

const testing::Records& records() {
  static const testing::Records r = {
      make_case("open-mid", {{"updated", "2024-06-15"}, {"themes", {"mobility", "safety"}}}),
      make_case("open-new", {{"updated", "2025-01-31"}, {"municipality", "Zwolle"}}),
      make_case("open-undated", json::object()),
      make_case("open-old", {{"updated", "2019-03-01"},
                             {"title", "Komma's, \"aanhalingstekens\" en x < 5 & y > 3"},
                             {"summary", "Een regel met een komma, een \"quote\"\nen een nieuwe regel erin."},
                             {"tags", {"a, b", "c"}},
                             {"partners", {{{"name", "Hogeschool, Zwolle"}, {"kind", "knowledge"}},
                                           {{"name", "Gemeente"}, {"kind", "government"}}}},
                             {"links", {{{"title", "Site"}, {"url", "https://example.org/a?b=1,2"}}}},
                             {"contact", {{"organisation", "Team \"Slim\""}, {"email", "info@example.org"}}}}),
      // The newest of all, but a draft: never in a feed or an export.
      make_case("open-draft", {{"updated", "2030-01-01"}, {"visibility", "draft"}}),
  };
  return r;
}

class OpenDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { index_ = new testing::SearchIndexFixture(records()); }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }
  void SetUp() override { searcher_ = std::make_unique<Searcher>(index_->index_path(), testing::shared_lexicon()); }

  std::vector<std::string> ids(const SearchAnswer& answer) {
    std::vector<std::string> out;
    for (const auto& hit : answer.hits) out.push_back(hit.id);
    return out;
  }

  static testing::SearchIndexFixture* index_;
  std::unique_ptr<Searcher> searcher_;
};
testing::SearchIndexFixture* OpenDataTest::index_ = nullptr;

// RFC 4180 reader for the checks: quoted fields, doubled quotes, CRLF rows.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += text[++i];
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back() == std::vector<std::string>(1)) rows.pop_back();  // after the last CRLF
  return rows;
}

TEST(OpenDataRequest, SortUpdatedIsPublic) {
  EXPECT_EQ(parse_search_request({{"sort", "updated"}}).sort, Sort::updated);
  EXPECT_THROW(parse_search_request({{"sort", "updated-desc"}}), InvalidRequest);
}

TEST_F(OpenDataTest, SortUpdatedPutsTheMostRecentlyUpdatedFirstAndUndatedLast) {
  const auto answer = searcher_->search(parse_search_request({{"sort", "updated"}}));
  EXPECT_EQ(ids(answer), (std::vector<std::string>{"open-new", "open-mid", "open-old", "open-undated"}));
  EXPECT_EQ(answer.hits.at(0).updated, "2025-01-31");
  EXPECT_FALSE(answer.hits.at(3).updated.has_value()) << "no date, no field";
}

TEST_F(OpenDataTest, SortUpdatedKeepsTheFilters) {
  const auto answer = searcher_->search(parse_search_request({{"sort", "updated"}, {"theme", "safety"}}));
  EXPECT_EQ(ids(answer), (std::vector<std::string>{"open-mid"}));
  const auto zwolle = searcher_->search(parse_search_request({{"sort", "updated"}, {"municipality", "zwolle"}}));
  EXPECT_EQ(ids(zwolle), (std::vector<std::string>{"open-new"}));
}

TEST_F(OpenDataTest, JsonlExportIsEveryPublishedRecordExactlyAsIndexed) {
  const std::string jsonl = searcher_->export_published(ExportFormat::jsonl);
  std::istringstream lines(jsonl);
  std::vector<std::string> exported;
  for (std::string line; std::getline(lines, line);) {
    const json record = json::parse(line);
    exported.push_back(record.at("id"));
    bool found = false;
    for (const auto& given : records())
      if (given.at("id") == record.at("id")) {
        EXPECT_EQ(record, given) << "the record as indexed, no derived fields";
        found = true;
      }
    EXPECT_TRUE(found) << line;
  }
  // In id order; the draft is not there.
  EXPECT_EQ(exported, (std::vector<std::string>{"open-mid", "open-new", "open-old", "open-undated"}));
  EXPECT_EQ(jsonl.back(), '\n');
}

TEST_F(OpenDataTest, CsvExportHasAHeaderAndOneQuotedRowPerPublishedCase) {
  const std::string csv = searcher_->export_published(ExportFormat::csv);
  const auto rows = parse_csv(csv);
  ASSERT_EQ(rows.size(), 1u + 4u) << "a header and the four published cases";
  const auto& header = rows.front();
  auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << name;
    return static_cast<std::size_t>(it - header.begin());
  };
  for (const auto& row : rows) EXPECT_EQ(row.size(), header.size());
  const auto& old = rows.at(3);  // id order: open-mid, open-new, open-old, open-undated
  ASSERT_EQ(old.at(column("id")), "open-old");
  EXPECT_EQ(old.at(column("title")), "Komma's, \"aanhalingstekens\" en x < 5 & y > 3");
  EXPECT_EQ(old.at(column("summary")), "Een regel met een komma, een \"quote\"\nen een nieuwe regel erin.");
  EXPECT_EQ(old.at(column("tags")), "a, b; c");
  EXPECT_EQ(old.at(column("partners")), "Hogeschool, Zwolle; Gemeente");
  EXPECT_EQ(old.at(column("links")), "https://example.org/a?b=1,2");
  EXPECT_EQ(old.at(column("contact_organisation")), "Team \"Slim\"");
  EXPECT_EQ(old.at(column("contact_email")), "info@example.org");
  EXPECT_EQ(old.at(column("municipality_slug")), "utrecht");
  EXPECT_EQ(rows.at(1).at(column("themes")), "mobility; safety");
  EXPECT_EQ(rows.at(4).at(column("updated")), "");
  EXPECT_EQ(csv.find("open-draft"), std::string::npos);
}

TEST(OpenDataCsv, FieldsAreQuotedOnlyWhenRfc4180NeedsIt) {
  const auto field = [](std::string_view v) {
    std::string out;
    append_csv_field(v, out);
    return out;
  };
  EXPECT_EQ(field("plain text"), "plain text");
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(field(""), "");
}

TEST(OpenDataCsv, CellsThatASpreadsheetWouldRunAsFormulasBecomeText) {  // issue 13
  EXPECT_EQ(formula_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
  for (const char* risky : {"+1", "-1", "@SUM(A1)", "\t=1", "\r=1"}) EXPECT_EQ(formula_safe(risky).front(), '\'') << risky;
  EXPECT_EQ(formula_safe("Slimme lantaarnpalen"), "Slimme lantaarnpalen");
  EXPECT_EQ(formula_safe("a=b"), "a=b");
  EXPECT_EQ(formula_safe(""), "");
}

TEST(OpenDataFormat, OnlyJsonlAndCsv) {
  EXPECT_EQ(parse_export_format(""), ExportFormat::jsonl);
  EXPECT_EQ(parse_export_format("jsonl"), ExportFormat::jsonl);
  EXPECT_EQ(parse_export_format("csv"), ExportFormat::csv);
  EXPECT_EQ(parse_export_format("xml"), std::nullopt);
  EXPECT_EQ(parse_export_format("CSV"), std::nullopt);
}

}  // namespace
}  // namespace kb::search
