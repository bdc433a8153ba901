#include "kb/schema/municipality_registry.h"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>
#include <string>

#ifndef KB_SOURCE_DIR
#error "KB_SOURCE_DIR must name the source tree (set by tests/*/CMakeLists.txt)"
#endif

namespace kb::schema {
namespace {

const std::string kCsvPath = std::string(KB_SOURCE_DIR) + "/corpus/municipalities.csv";
constexpr std::string_view kHeader = "code,name,display_name,slug,province,aliases\n";

const MunicipalityRegistry& real_registry() {
  static const MunicipalityRegistry registry = MunicipalityRegistry::load(kCsvPath);
  return registry;
}

// Expects parse() to throw a runtime_error whose message contains `expected`.
void expect_parse_error(std::string_view csv, const std::string& expected) {
  try {
    (void)MunicipalityRegistry::parse(csv);
    ADD_FAILURE() << "no error for:\n" << csv;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
}

TEST(MunicipalityRegistryTest, LoadsTheCorpusList) {
  const auto& r = real_registry();
  EXPECT_GE(r.all().size(), 300u);
  const auto* rotterdam = r.by_slug("rotterdam");
  ASSERT_NE(rotterdam, nullptr);
  EXPECT_EQ(rotterdam->code, "GM0599");
  EXPECT_EQ(rotterdam->province, "Zuid-Holland");
}

TEST(MunicipalityRegistryTest, ProvincesAreTheTwelveWithSlugsWithoutDiacritics) {  // issue 13
  const auto& r = real_registry();
  ASSERT_EQ(r.provinces().size(), 12u);
  EXPECT_EQ(r.provinces().front().name, "Drenthe") << "by name";
  const auto* fryslan = r.province_by_slug("fryslan");
  ASSERT_NE(fryslan, nullptr);
  EXPECT_EQ(fryslan->name, "Fryslân");
  EXPECT_NE(r.province_by_slug("noord-brabant"), nullptr);
  EXPECT_EQ(r.province_by_slug("Fryslân"), nullptr);
  EXPECT_EQ(r.by_slug("leeuwarden")->province_slug, "fryslan");
}

TEST(MunicipalityRegistryTest, AProvinceSpelledTwoWaysIsAnError) {  // issue 13
  const std::string csv =
      "code,name,display_name,slug,province,aliases\n"
      "GM0001,Een,Een,een,Fryslân,\n"
      "GM0002,Twee,Twee,twee,Fryslan,\n";
  try {
    kb::schema::MunicipalityRegistry::parse(csv);
    FAIL() << "accepted two spellings of one province";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

struct AliasCase {
  const char* query;
  const char* code;
};

class AliasTest : public ::testing::TestWithParam<AliasCase> {};

TEST_P(AliasTest, Resolves) {
  const auto* m = real_registry().find(GetParam().query);
  ASSERT_NE(m, nullptr) << GetParam().query;
  EXPECT_EQ(m->code, GetParam().code) << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(RealList, AliasTest,
                         ::testing::Values(AliasCase{"Rotterdam", "GM0599"}, AliasCase{"ROTTERDAM", "GM0599"},
                                           AliasCase{"Den Haag", "GM0518"}, AliasCase{"den haag", "GM0518"},
                                           AliasCase{"'s-Gravenhage", "GM0518"},
                                           AliasCase{"\u2019s-Gravenhage", "GM0518"},
                                           AliasCase{"s-Gravenhage", "GM0518"}, AliasCase{"the hague", "GM0518"},
                                           AliasCase{"The Hague", "GM0518"}, AliasCase{"den-haag", "GM0518"},
                                           AliasCase{"Den Bosch", "GM0796"}, AliasCase{"'s-Hertogenbosch", "GM0796"},
                                           AliasCase{"s-hertogenbosch", "GM0796"},
                                           AliasCase{"Súdwest-Fryslân", "GM1900"},
                                           AliasCase{"sudwest-fryslan", "GM1900"},
                                           AliasCase{"Sudwest-Fryslan", "GM1900"},
                                           AliasCase{"SÚDWEST FRYSLÂN", "GM1900"},
                                           AliasCase{"Nuenen, Gerwen en Nederwetten", "GM0820"},
                                           AliasCase{"Nuenen", "GM0820"}, AliasCase{"Bergen (NH.)", "GM0373"},
                                           AliasCase{"bergen-l", "GM0893"}, AliasCase{"  Rotterdam ", "GM0599"}));

TEST(MunicipalityRegistryTest, UnknownNamesAreNull) {
  const auto& r = real_registry();
  EXPECT_EQ(r.find("Rotterdm"), nullptr);
  EXPECT_EQ(r.find(""), nullptr);
  EXPECT_EQ(r.find("---"), nullptr);
  EXPECT_EQ(r.find("Gotham"), nullptr);
  EXPECT_EQ(r.find("Rotter dam"), nullptr);
  EXPECT_EQ(r.find("Rotterdam\xFF"), nullptr);  // invalid UTF-8 is never a match
  EXPECT_EQ(r.by_slug("Rotterdam"), nullptr);  // slugs are exact
}

TEST(MunicipalityRegistryTest, SuggestsCloseNames) {
  const auto& r = real_registry();
  const auto rotterdam = r.closest("Rotterdm");
  ASSERT_FALSE(rotterdam.empty());
  EXPECT_EQ(rotterdam.front(), "Rotterdam");
  const auto bosch = r.closest("Den Bosh");
  ASSERT_FALSE(bosch.empty());
  EXPECT_EQ(bosch.front(), "Den Bosch");
  const auto haag = r.closest("den haga");
  ASSERT_FALSE(haag.empty());
  EXPECT_EQ(haag.front(), "Den Haag");
  EXPECT_LE(r.closest("Amsterdm", 2).size(), 2u);
  EXPECT_TRUE(r.closest("Xyzzyplugh").empty());
  EXPECT_TRUE(r.closest("").empty());
  EXPECT_TRUE(r.closest("Rotterdm", 0).empty());
}

TEST(MunicipalityRegistryTest, SuggestionsAreOnePerMunicipalityAndBestFirst) {
  const auto r = MunicipalityRegistry::parse(std::string(kHeader) +
                                             "GM0001,Aa,Aaa,aaa,P,Aab|Aac\n"
                                             "GM0002,Bbbb,Bbbb,bbbb,P,\n"
                                             "GM0003,Aaaa,Aaaa,aaaa,P,\n");
  const auto hits = r.closest("aaa", 5);
  // "Aaa" (0 edits), then "Aaaa" (1); "Aa"/"Aab"/"Aac" belong to GM0001 already.
  EXPECT_EQ(hits, (std::vector<std::string>{"Aaa", "Aaaa"}));
}

TEST(MunicipalityRegistryTest, CsvQuotingFollowsRfc4180) {
  const auto r = MunicipalityRegistry::parse(
      "\xEF\xBB\xBF"
      "code,name,display_name,slug,province,aliases\r\n"
      "GM0820,\"Nuenen, Gerwen en Nederwetten\",\"Nuenen, Gerwen en Nederwetten\",nuenen-gerwen-en-nederwetten,"
      "Noord-Brabant,Nuenen|Nuenen c.a.\r\n"
      "\r\n"
      "GM0001,\"Quote \"\"Town\"\"\",Quote Town,quote-town,\"Multi\nLine\",\"A|B, C | \"\n"
      "GM0002,Plain,Plain,plain,P,");
  ASSERT_EQ(r.all().size(), 3u);
  const auto& nuenen = r.all()[0];
  EXPECT_EQ(nuenen.name, "Nuenen, Gerwen en Nederwetten");
  EXPECT_EQ(nuenen.province, "Noord-Brabant");
  EXPECT_EQ(nuenen.aliases, (std::vector<std::string>{"Nuenen", "Nuenen c.a."}));
  const auto& quoted = r.all()[1];
  EXPECT_EQ(quoted.name, "Quote \"Town\"");
  EXPECT_EQ(quoted.province, "Multi\nLine");
  EXPECT_EQ(quoted.aliases, (std::vector<std::string>{"A", "B, C"}));
  EXPECT_TRUE(r.all()[2].aliases.empty());
  EXPECT_EQ(r.find("nuenen gerwen en nederwetten"), &r.all()[0]);
  EXPECT_EQ(r.find("b c"), &r.all()[1]);
}

struct BadCsvCase {
  const char* name;
  std::string csv;
  const char* error;
};

class BadCsvTest : public ::testing::TestWithParam<BadCsvCase> {};

TEST_P(BadCsvTest, ThrowsWithTheLine) { expect_parse_error(GetParam().csv, GetParam().error); }

INSTANTIATE_TEST_SUITE_P(
    Errors, BadCsvTest,
    ::testing::Values(
        BadCsvCase{"Empty", "", "line 1: empty file"},
        BadCsvCase{"WrongHeader", "code,name,slug\n", "line 1: expected the header"},
        BadCsvCase{"TooFewFields", std::string(kHeader) + "GM0001,A,A,a,P,\nGM0002,B,B,b\n", "line 3: expected 6 fields, got 4"},
        BadCsvCase{"UnquotedComma", std::string(kHeader) + "GM0001,Nuenen, Gerwen,N,n,P,\n", "line 2: expected 6 fields, got 7"},
        BadCsvCase{"Unterminated", std::string(kHeader) + "GM0001,\"Open,A,a,P,\n", "line 2: unterminated quoted field"},
        BadCsvCase{"AfterClosingQuote", std::string(kHeader) + "GM0001,\"A\"x,A,a,P,\n", "line 2: unexpected character after a closing quote"},
        BadCsvCase{"StrayQuote", std::string(kHeader) + "GM0001,A\"B,A,a,P,\n", "line 2: quote inside an unquoted field"},
        BadCsvCase{"EmptyName", std::string(kHeader) + "GM0001,,A,a,P,\n", "line 2: empty name"},
        BadCsvCase{"BadCode", std::string(kHeader) + "0001,A,A,a,P,\n", "line 2: code '0001'"},
        BadCsvCase{"BadSlug", std::string(kHeader) + "GM0001,A,A,Den-Haag,P,\n", "line 2: slug 'Den-Haag'"},
        BadCsvCase{"DuplicateSlug", std::string(kHeader) + "GM0001,A,A,a,P,\nGM0002,B,B,a,P,\n", "line 3: duplicate slug 'a'"},
        BadCsvCase{"DuplicateCode", std::string(kHeader) + "GM0001,A,A,a,P,\nGM0001,B,B,b,P,\n", "line 3: duplicate code"},
        BadCsvCase{"AliasClash", std::string(kHeader) + "GM0001,A,A,a,P,\nGM0002,B,B,b,P,Á\n", "line 3: name 'Á' is already used by GM0001"},
        BadCsvCase{"LineAfterMultilineField", std::string(kHeader) + "GM0001,A,A,a,\"P\nQ\",\nGM0002,B,B,b\n", "line 4: expected 6 fields"},
        BadCsvCase{"InvalidUtf8", std::string(kHeader) + "GM0001,A,A,a,P,\nGM0002,B\xFF,B,b,P,\n", "line 3: invalid UTF-8"}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(MunicipalityRegistryTest, LoadReportsPathAndLine) {
  const std::string path = ::testing::TempDir() + "kb_bad_municipalities.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << kHeader << "GM0001,A,A,a,P,\nGM0002,B\n";
  }
  try {
    (void)MunicipalityRegistry::load(path);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), path + ":3: expected 6 fields, got 2");
  }
  EXPECT_THROW((void)MunicipalityRegistry::load(path + ".missing"), std::runtime_error);
}

TEST(MunicipalityRegistryTest, CopiesStayUsable) {
  const auto original = MunicipalityRegistry::parse(std::string(kHeader) + "GM0001,Aa,Aa,aa,P,Bee\n");
  const MunicipalityRegistry copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  const auto* m = copy.find("bee");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m, &copy.all()[0]);
}

}  // namespace
}  // namespace kb::schema
