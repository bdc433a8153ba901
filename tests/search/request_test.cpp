#include "kb/search/request.h"

#include <gtest/gtest.h>

#include "kb/search/errors.h"

namespace kb::search {
namespace {

struct BadParam {
  const char* name;
  const char* value;
};

class BadParamTest : public ::testing::TestWithParam<BadParam> {};

TEST_P(BadParamTest, IsRejectedNamingTheField) {
  try {
    parse_search_request({{GetParam().name, GetParam().value}});
    FAIL() << "accepted " << GetParam().name << "=" << GetParam().value;
  } catch (const InvalidRequest& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems().front().field, GetParam().name);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, BadParamTest,
                         ::testing::Values(BadParam{"page", "0"}, BadParam{"page", "-1"}, BadParam{"page", "1e3"},
                                           BadParam{"page", "99999999999999999999"}, BadParam{"per_page", "101"},
                                           BadParam{"per_page", "abc"}, BadParam{"year_min", "1800"},
                                           BadParam{"year_max", "20x0"}, BadParam{"sort", "random"},
                                           BadParam{"theme", "weather"}, BadParam{"maturity", "old"},
                                           BadParam{"municipality", "Den Haag"}, BadParam{"lang", "de"},
                                           BadParam{"q", "\xff\xfe"},
                                           // issue 13
                                           BadParam{"province", "atlantis"}, BadParam{"province", "Fryslân"},
                                           BadParam{"reused_in", "Den Haag"}, BadParam{"reused", "ja"},
                                           BadParam{"sort", "popular"}));

TEST(SearchRequestTest, ReuseAndProvinceParameters) {  // issue 13
  const auto r = parse_search_request({{"province", "fryslan"}, {"province", "noord-brabant"}, {"reused_in", "zwolle"},
                                       {"reused", "true"}, {"sort", "reuse"}});
  EXPECT_EQ(r.provinces, (std::vector<std::string>{"fryslan", "noord-brabant"}));
  EXPECT_EQ(r.reused_in, std::vector<std::string>{"zwolle"});
  EXPECT_TRUE(r.reused_only);
  EXPECT_EQ(r.sort, Sort::reuse);
  EXPECT_FALSE(parse_search_request({{"reused", "false"}}).reused_only);
}

TEST(SearchRequestTest, AliasSlugsFilterAsTheirMunicipality) {  // issue 13
  const auto r = parse_search_request({{"municipality", "s-gravenhage"}, {"municipality", "den-haag"},
                                       {"reused_in", "s-gravenhage"}, {"municipality", "nergenshuizen"}});
  EXPECT_EQ(r.municipalities, (std::vector<std::string>{"den-haag", "nergenshuizen"}));
  EXPECT_EQ(r.reused_in, std::vector<std::string>{"den-haag"});
}

TEST(SearchRequestTest, DefaultsAndRepeatedFilters) {
  const auto r = parse_search_request({{"q", "hitte"}, {"theme", "healthcare"}, {"theme", "safety"}, {"theme", "safety"},
                                       {"utm_source", "x"}});
  EXPECT_EQ(r.page, 1);
  EXPECT_EQ(r.per_page, 10);
  EXPECT_EQ(r.themes, (std::vector<std::string>{"healthcare", "safety"}));
  EXPECT_EQ(r.sort, Sort::relevance);
}

// Regression: the search page's plain GET form sends empty fields
// (year_min=&year_max=), which were answered with 400.
// Issue 12 point 8: lang is read the same way on every route.
TEST(SearchRequestTest, LangIsReadTheSameWayEverywhere) {
  EXPECT_EQ(requested_lang({}), "nl");
  EXPECT_EQ(requested_lang({{"lang", "en"}}), "en");
  EXPECT_EQ(requested_lang({{"lang", "en"}, {"lang", "nl"}}), "nl");  // the last one wins
  EXPECT_EQ(requested_lang({{"lang", "en"}, {"lang", ""}}), "en");    // empty: not given
  EXPECT_EQ(requested_lang({{"lang", "EN"}}), std::nullopt);
  EXPECT_EQ(requested_lang({{"lang", "de"}, {"lang", "en"}}), std::nullopt);
  EXPECT_EQ(parse_lang({{"lang", "en"}, {"lang", "nl"}}), "nl");
  EXPECT_THROW(parse_lang({{"lang", "de"}}), InvalidRequest);
  EXPECT_EQ(parse_search_request({{"lang", "en"}, {"lang", "nl"}}).lang, "nl");
  EXPECT_THROW(parse_search_request({{"lang", "de"}, {"lang", "en"}}), InvalidRequest);
}

TEST(SearchRequestTest, EmptyValuesMeanNotGiven) {
  const auto r = parse_search_request({{"q", "hitte"}, {"year_min", ""}, {"year_max", ""}, {"sort", ""}, {"page", ""}});
  EXPECT_FALSE(r.year_min.has_value());
  EXPECT_EQ(r.page, 1);
  EXPECT_EQ(parse_int_param({{"per_page", ""}}, "per_page", 5, 1, 20), 5);
}

TEST(SearchRequestTest, LimitsQueryLengthAndWindow) {
  EXPECT_THROW(parse_search_request({{"q", std::string(501, 'a')}}), InvalidRequest);
  EXPECT_NO_THROW(parse_search_request({{"q", std::string(500, 'a')}}));
  EXPECT_THROW(parse_search_request({{"page", "101"}, {"per_page", "100"}}), InvalidRequest);
  EXPECT_NO_THROW(parse_search_request({{"page", "100"}, {"per_page", "100"}}));
  EXPECT_THROW(parse_search_request({{"year_min", "2020"}, {"year_max", "2010"}}), InvalidRequest);
}

}  // namespace
}  // namespace kb::search
