#include "kb/index/case_validator.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "kb/index/json_input.h"

#ifndef KB_SOURCE_DIR
#error "KB_SOURCE_DIR must name the source tree (set by tests/*/CMakeLists.txt)"
#endif

namespace kb::index {
namespace {

using nlohmann::json;
using schema::MunicipalityRegistry;

const MunicipalityRegistry& registry() {
  static const MunicipalityRegistry r = MunicipalityRegistry::load(std::string(KB_SOURCE_DIR) + "/corpus/municipalities.csv");
  return r;
}

// The example of case-schema.md plus every optional field.
json valid_record() {
  return json::parse(R"({
    "id": "rotterdam-waterplein-benthemplein",
    "title": "Waterplein Benthemplein",
    "municipality": "Rotterdam",
    "themes": ["climate-adaptation", "urbanisation"],
    "summary": "Een sportplein dat bij hevige regen tijdelijk regenwater opvangt en zo de riolering ontlast.",
    "problem": "Bij piekbuien loopt het gemengde riool over en staan straten blank.",
    "solution": "Drie verdiepte bassins die bij droog weer sport- en verblijfsruimte zijn en bij hoosbuien volstromen.",
    "results": "Het plein vangt 1,7 miljoen liter water op.\nDe buurt gebruikt het dagelijks.",
    "lessons": "Betrek jongeren vroeg;\tontwerp voor droog weer.",
    "scale_up": "Geschikt voor binnenstedelijke pleinen met een gemengd rioolstelsel.",
    "maturity": "proven",
    "status": "completed",
    "start_year": 2012,
    "partners": [{"name": "Waterschap Schieland en de Krimpenerwaard", "kind": "government"},
                 {"name": "De Urbanisten", "kind": "business"},
                 {"name": "Hogeschool Rotterdam", "kind": "knowledge"},
                 {"name": "Bewoners Agniesebuurt", "kind": "civil-society"}],
    "adopted_by": ["Den Haag", "'s-Hertogenbosch", "Súdwest-Fryslân"],
    "derived_from": "amsterdam-rainproof",
    "tags": ["waterplein", "regenwater", "openbare ruimte", "3 < 4"],
    "links": [{"title": "Projectpagina", "url": "https://www.urbanisten.nl/work/benthemplein"},
              {"title": "Video", "url": "http://example.org:8080/v?id=1#t"}],
    "contact": {"organisation": "Gemeente Rotterdam", "email": "klimaat.adaptatie@rotterdam.nl"},
    "language": "nl",
    "title_en": "Water square Benthemplein",
    "summary_en": "A sports square that temporarily stores rainwater during heavy rain.",
    "updated": "2024-02-29",
    "visibility": "published"
  })");
}

std::string dump(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += "  [" + e.field + "] " + e.message + "\n";
  return out;
}

TEST(CaseValidatorTest, FullyValidRecordHasNoErrors) {
  const CaseValidator v(registry());
  const auto errors = v.validate(valid_record());
  EXPECT_TRUE(errors.empty()) << dump(errors);
}

TEST(CaseValidatorTest, MinimalSchemaExampleIsValid) {
  json record = valid_record();
  for (const char* optional : {"problem", "results", "lessons", "scale_up", "status", "partners", "adopted_by", "derived_from",
                               "tags", "links", "contact", "language", "title_en", "summary_en", "updated", "visibility"})
    record.erase(optional);
  const auto errors = CaseValidator(registry()).validate(record);
  EXPECT_TRUE(errors.empty()) << dump(errors);
}

TEST(CaseValidatorTest, BoundaryValuesAreAccepted) {
  json record = valid_record();
  record["id"] = std::string(80, 'a');
  record["title"] = "abc";
  record["summary"] = std::string(1000, 'x');
  record["title_en"] = "ééé";  // 3 code points, 6 bytes
  record["summary_en"] = "ééééééééééééééééééé\u20ac";  // 20 code points
  record["solution"] = std::string(CaseValidator::kMaxLongText, 'y');
  record["start_year"] = 1990;
  record["themes"] = {"urbanisation", "climate-adaptation", "healthcare", "mobility", "employment", "safety"};
  record["partners"] = json::array();
  for (int i = 0; i < 50; ++i) record["partners"].push_back({{"name", "P"}, {"kind", "business"}});
  record["tags"] = json::array();
  for (int i = 0; i < 30; ++i) record["tags"].push_back(std::string(60, 't'));
  record["contact"] = {{"email", "info@gemeente.nl"}};
  record["updated"] = "2000-02-29";
  record["links"] = {{{"title", "IPv6"}, {"url", "https://[2001:db8::1]:443/x"}}};
  const auto errors = CaseValidator(registry()).validate(record);
  EXPECT_TRUE(errors.empty()) << dump(errors);
}

// One violation: change (or remove) the value at `pointer`, expect one error.
struct Violation {
  const char* name;
  const char* pointer;
  std::optional<json> value;  // nullopt: remove the field
  const char* field;
  const char* message;  // a substring of the message
};

class ViolationTest : public ::testing::TestWithParam<Violation> {};

TEST_P(ViolationTest, IsReportedOnTheField) {
  const auto& c = GetParam();
  json record = valid_record();
  const json::json_pointer ptr(c.pointer);
  if (c.value) {
    record[ptr] = *c.value;
  } else {
    record[ptr.parent_pointer()].erase(ptr.back());
  }
  const auto errors = CaseValidator(registry()).validate(record);
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_EQ(errors[0].field, c.field) << dump(errors);
  EXPECT_NE(errors[0].message.find(c.message), std::string::npos) << "expected '" << c.message << "' in:\n" << dump(errors);
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

json partners(std::size_t n) {
  json a = json::array();
  for (std::size_t i = 0; i < n; ++i) a.push_back({{"name", "P" + std::to_string(i)}, {"kind", "business"}});
  return a;
}

json strings(std::size_t n, std::string_view prefix) {
  json a = json::array();
  for (std::size_t i = 0; i < n; ++i) a.push_back(std::string(prefix) + std::to_string(i));
  return a;
}

// n distinct known municipalities.
json municipalities(std::size_t n) {
  json a = json::array();
  for (std::size_t i = 0; i < n && i < registry().all().size(); ++i) a.push_back(registry().all()[i].display_name);
  return a;
}

json links(std::size_t n) {
  json a = json::array();
  for (std::size_t i = 0; i < n; ++i) a.push_back({{"title", "L"}, {"url", "https://example.org/" + std::to_string(i)}});
  return a;
}

// Fields that take the same kind of text rule.
const auto kV = ::testing::Values(
    // unknown fields
    Violation{"UnknownFieldTypo", "/sumary", json("x"), "sumary", "unknown field; did you mean 'summary'?"},
    Violation{"UnknownFieldCase", "/Title", json("x"), "Title", "did you mean 'title'?"},
    Violation{"UnknownFieldHyphen", "/scale-up", json("x"), "scale-up", "did you mean 'scale_up'?"},
    Violation{"UnknownFieldFar", "/author", json("x"), "author", "unknown field"},
    // id
    Violation{"IdMissing", "/id", std::nullopt, "id", "is required"},
    Violation{"IdNotString", "/id", json(12), "id", "must be a string, not an integer"},
    Violation{"IdUppercase", "/id", json("Rotterdam-x"), "id", "lowercase letters and digits"},
    Violation{"IdUnderscore", "/id", json("a_b"), "id", "got 'a_b'"},
    Violation{"IdDoubleHyphen", "/id", json("a--b"), "id", "single hyphens"},
    Violation{"IdLeadingHyphen", "/id", json("-ab"), "id", "single hyphens"},
    Violation{"IdTrailingHyphen", "/id", json("ab-"), "id", "single hyphens"},
    Violation{"IdEmpty", "/id", json(""), "id", "single hyphens"},
    Violation{"IdTooLong", "/id", json(std::string(81, 'a')), "id", "at most 80 characters, got 81"},
    // title
    Violation{"TitleMissing", "/title", std::nullopt, "title", "is required"},
    Violation{"TitleTooShort", "/title", json("ab"), "title", "must be 3..200 characters, got 2"},
    Violation{"TitleTooLong", "/title", json(std::string(201, 'a')), "title", "must be 3..200 characters, got 201"},
    Violation{"TitleCountsCodePoints", "/title", json(repeat("\u00e9", 201)), "title", "got 201"},
    Violation{"TitleHtml", "/title", json("<b>Waterplein</b>"), "title", "must be plain text, not HTML"},
    Violation{"TitleHtmlClosing", "/title", json("Water</p>"), "title", "must be plain text, not HTML"},
    Violation{"TitleHtmlComment", "/title", json("Water <!-- x -->"), "title", "must be plain text, not HTML"},
    Violation{"TitleNull", "/title", json(nullptr), "title", "must be a string, not null"},
    Violation{"TitleControl", "/title", json("Water\x01plein"), "title", "control characters (found U+0001 at character 6)"},
    Violation{"TitleDel", "/title", json("Water\x7Fplein"), "title", "U+007F"},
    Violation{"TitleC1Control", "/title", json("Water\u0085plein"), "title", "U+0085"},
    Violation{"TitleNul", "/title", json(std::string("Wa\0ter", 6)), "title", "U+0000"},
    Violation{"TitleInvalidUtf8", "/title", json("Water\xC3plein"), "title", "must be valid UTF-8"},
    // municipality
    Violation{"MunicipalityMissing", "/municipality", std::nullopt, "municipality", "is required"},
    Violation{"MunicipalityTypo", "/municipality", json("Rotterdm"), "municipality",
              "unknown municipality 'Rotterdm'; did you mean 'Rotterdam'"},
    Violation{"MunicipalityUnknown", "/municipality", json("Gotham City"), "municipality",
              "unknown municipality 'Gotham City' (not a Dutch municipality"},
    Violation{"MunicipalityEmpty", "/municipality", json(""), "municipality", "must not be empty"},
    Violation{"MunicipalityArray", "/municipality", json::array({"Rotterdam"}), "municipality", "must be a string, not an array"},
    // themes
    Violation{"ThemesMissing", "/themes", std::nullopt, "themes", "is required"},
    Violation{"ThemesString", "/themes", json("mobility"), "themes", "must be an array of strings, not a string"},
    Violation{"ThemesEmpty", "/themes", json::array(), "themes", "must have 1..6 themes, got 0"},
    Violation{"ThemeUnknown", "/themes/1", json("sport"), "themes[1]", "unknown theme 'sport'; expected one of urbanisation"},
    Violation{"ThemeTypo", "/themes/1", json("mobilty"), "themes[1]", "did you mean 'mobility'?"},
    Violation{"ThemeUnderscore", "/themes/0", json("climate_adaptation"), "themes[0]", "did you mean 'climate-adaptation'?"},
    Violation{"ThemeNotString", "/themes/1", json(3), "themes[1]", "must be a string, not an integer"},
    Violation{"ThemeDuplicate", "/themes/2", json("climate-adaptation"), "themes[2]",
              "duplicate theme 'climate-adaptation' (also themes[0])"},
    // summary
    Violation{"SummaryMissing", "/summary", std::nullopt, "summary", "is required"},
    Violation{"SummaryTooShort", "/summary", json("Te kort."), "summary", "must be 20..1000 characters, got 8"},
    Violation{"SummaryTooLong", "/summary", json(std::string(1001, 's')), "summary", "got 1001"},
    Violation{"SummaryHtml", "/summary", json("Een plein <script>alert(1)</script> voor water."), "summary", "not HTML"},
    // long texts
    Violation{"SolutionMissing", "/solution", std::nullopt, "solution", "is required"},
    Violation{"SolutionEmpty", "/solution", json(""), "solution", "must not be empty"},
    Violation{"SolutionTooLong", "/solution", json(std::string(20001, 'x')), "solution",
              "must be at most 20000 characters (project limit), got 20001"},
    Violation{"ProblemNotString", "/problem", json::array(), "problem", "must be a string, not an array"},
    Violation{"ProblemTooLong", "/problem", json(std::string(20001, 'x')), "problem", "(project limit)"},
    Violation{"ResultsHtml", "/results", json("<p>Goed</p>"), "results", "not HTML"},
    Violation{"LessonsControl", "/lessons", json("a\x1b[31mb"), "lessons", "U+001B"},
    Violation{"ScaleUpObject", "/scale_up", json::object(), "scale_up", "must be a string, not an object"},
    // maturity, status
    Violation{"MaturityMissing", "/maturity", std::nullopt, "maturity", "is required"},
    Violation{"MaturityUnknown", "/maturity", json("bewezen"), "maturity",
              "must be one of idea, pilot, proven or scaled, got 'bewezen'"},
    Violation{"MaturityTypo", "/maturity", json("Proven"), "maturity", "did you mean 'proven'?"},
    Violation{"StatusUnknown", "/status", json("done"), "status", "must be one of active, completed or stopped"},
    Violation{"StatusNotString", "/status", json(true), "status", "must be a string, not a boolean"},
    // start_year
    Violation{"StartYearString", "/start_year", json("2012"), "start_year", "must be an integer, not a string"},
    Violation{"StartYearFloat", "/start_year", json(2012.5), "start_year", "must be an integer, got 2012.5"},
    Violation{"StartYearWholeFloat", "/start_year", json(2012.0), "start_year", "must be an integer"},
    Violation{"StartYearTooEarly", "/start_year", json(1989), "start_year", "must be 1990..2100, got 1989"},
    Violation{"StartYearTooLate", "/start_year", json(2101), "start_year", "got 2101"},
    Violation{"StartYearNegative", "/start_year", json(-2012), "start_year", "got -2012"},
    Violation{"StartYearHuge", "/start_year", json(18446744073709551615ull), "start_year", "must be 1990..2100"},
    // partners
    Violation{"PartnersObject", "/partners", json::object(), "partners", "must be an array of objects, not an object"},
    Violation{"PartnersTooMany", "/partners", partners(51), "partners", "must have at most 50 partners, got 51"},
    Violation{"PartnerNotObject", "/partners/1", json("De Urbanisten"), "partners[1]",
              "must be an object with name and kind, not a string"},
    Violation{"PartnerUnknownKey", "/partners/0/role", json("x"), "partners[0].role", "unknown field; expected name or kind"},
    Violation{"PartnerKeyTypo", "/partners/0/knd", json("x"), "partners[0].knd", "did you mean 'kind'?"},
    Violation{"PartnerKindMissing", "/partners/2/kind", std::nullopt, "partners[2].kind", "is required"},
    Violation{"PartnerNameMissing", "/partners/0/name", std::nullopt, "partners[0].name", "is required"},
    Violation{"PartnerKindUnknown", "/partners/1/kind", json("company"), "partners[1].kind",
              "must be one of government, business, knowledge or civil-society, got 'company'"},
    Violation{"PartnerKindTypo", "/partners/3/kind", json("civil society"), "partners[3].kind",
              "did you mean 'civil-society'?"},
    Violation{"PartnerNameEmpty", "/partners/0/name", json(""), "partners[0].name", "must not be empty"},
    Violation{"PartnerNameTooLong", "/partners/0/name", json(std::string(201, 'n')), "partners[0].name",
              "must be 1..200 characters, got 201"},
    Violation{"PartnerNameHtml", "/partners/0/name", json("<i>x</i>"), "partners[0].name", "not HTML"},
    // adopted_by
    Violation{"AdoptedByString", "/adopted_by", json("Den Haag"), "adopted_by", "must be an array of strings, not a string"},
    Violation{"AdoptedByTooMany", "/adopted_by", municipalities(101), "adopted_by",
              "must have at most 100 municipalities, got 101"},
    Violation{"AdoptedByUnknown", "/adopted_by/1", json("Den Bosh"), "adopted_by[1]",
              "unknown municipality 'Den Bosh'; did you mean 'Den Bosch'"},
    Violation{"AdoptedByNotString", "/adopted_by/0", json(5), "adopted_by[0]", "must be a string, not an integer"},
    Violation{"AdoptedByDuplicateAlias", "/adopted_by/2", json("'s-Gravenhage"), "adopted_by[2]",
              "duplicate municipality 'Den Haag' (also adopted_by[0])"},
    // derived_from (issue 13)
    Violation{"DerivedFromItself", "/derived_from", json("rotterdam-waterplein-benthemplein"), "derived_from",
              "must name another case, not the case itself"},
    Violation{"DerivedFromNotAnId", "/derived_from", json("Amsterdam Rainproof"), "derived_from",
              "must be the id of another case (like 'rotterdam-waterplein'), got 'Amsterdam Rainproof'"},
    Violation{"DerivedFromNotString", "/derived_from", json(3), "derived_from", "must be a string, not an integer"},
    // tags
    Violation{"TagsString", "/tags", json("water"), "tags", "must be an array of strings"},
    Violation{"TagsTooMany", "/tags", strings(31, "t"), "tags", "must have at most 30 tags, got 31"},
    Violation{"TagEmpty", "/tags/1", json(""), "tags[1]", "must not be empty"},
    Violation{"TagTooLong", "/tags/0", json(std::string(61, 't')), "tags[0]", "must be 1..60 characters, got 61"},
    Violation{"TagNotString", "/tags/2", json(1.5), "tags[2]", "must be a string, not a number with a fraction"},
    Violation{"TagHtml", "/tags/3", json("<a href=x>"), "tags[3]", "not HTML"},
    // links
    Violation{"LinksObject", "/links", json::object(), "links", "must be an array of objects"},
    Violation{"LinksTooMany", "/links", links(21), "links", "must have at most 20 links, got 21"},
    Violation{"LinkNotObject", "/links/0", json("https://example.org"), "links[0]", "must be an object with title and url"},
    Violation{"LinkUnknownKey", "/links/0/href", json("https://x.nl"), "links[0].href", "unknown field"},
    Violation{"LinkUrlMissing", "/links/1/url", std::nullopt, "links[1].url", "is required"},
    Violation{"LinkTitleMissing", "/links/1/title", std::nullopt, "links[1].title", "is required"},
    Violation{"LinkTitleTooLong", "/links/0/title", json(std::string(201, 'l')), "links[0].title", "got 201"},
    Violation{"LinkJavascript", "/links/0/url", json("javascript:alert(1)"), "links[0].url",
              "must start with http:// or https://"},
    Violation{"LinkFtp", "/links/0/url", json("ftp://example.org/x"), "links[0].url", "must start with http:// or https://"},
    Violation{"LinkNoHost", "/links/0/url", json("https:///path"), "links[0].url", "must have a host"},
    Violation{"LinkOnlyScheme", "/links/0/url", json("http://"), "links[0].url", "must have a host"},
    Violation{"LinkSpace", "/links/0/url", json("https://example.org/a b"), "links[0].url", "must not contain spaces"},
    Violation{"LinkNewline", "/links/0/url", json("https://example.org/\n"), "links[0].url", "control characters"},
    Violation{"LinkAngle", "/links/0/url", json("https://example.org/<x>"), "links[0].url", "must not contain '<'"},
    Violation{"LinkBadHost", "/links/0/url", json("https://exa_mple.org/"), "links[0].url", "invalid host"},
    Violation{"LinkBadPort", "/links/0/url", json("https://example.org:80a/"), "links[0].url", "invalid port"},
    Violation{"LinkTooLong", "/links/0/url", json("https://example.org/" + std::string(1981, 'p')), "links[0].url",
              "must be at most 2000 characters, got 2001"},
    Violation{"LinkUrlNotString", "/links/0/url", json(1), "links[0].url", "must be a string"},
    // contact
    Violation{"ContactString", "/contact", json("info@rotterdam.nl"), "contact", "must be an object"},
    Violation{"ContactEmpty", "/contact", json::object(), "contact", "must have organisation and/or email"},
    Violation{"ContactUnknownKey", "/contact/phone", json("010"), "contact.phone", "unknown field"},
    Violation{"ContactKeyTypo", "/contact/organization", json("x"), "contact.organization",
              "did you mean 'organisation'?"},
    Violation{"ContactOrganisationEmpty", "/contact/organisation", json(""), "contact.organisation", "must not be empty"},
    Violation{"ContactEmailNoAt", "/contact/email", json("info.rotterdam.nl"), "contact.email",
              "must be an email address like info@gemeente.nl, got 'info.rotterdam.nl'"},
    Violation{"ContactEmailNoTld", "/contact/email", json("info@localhost"), "contact.email", "email address"},
    Violation{"ContactEmailTwoAts", "/contact/email", json("a@b@c.nl"), "contact.email", "email address"},
    Violation{"ContactEmailDots", "/contact/email", json("a..b@c.nl"), "contact.email", "email address"},
    Violation{"ContactEmailSpace", "/contact/email", json("a b@c.nl"), "contact.email", "email address"},
    Violation{"ContactEmailNumericTld", "/contact/email", json("a@c.123"), "contact.email", "email address"},
    Violation{"ContactEmailTooLong", "/contact/email", json(std::string(64, 'a') + "@" + std::string(189, 'b') + ".nl"),
              "contact.email", "must be at most 254 characters, got 257"},
    Violation{"ContactEmailNotString", "/contact/email", json::array(), "contact.email", "must be a string"},
    // language, english fields, updated, visibility
    Violation{"LanguageUnknown", "/language", json("de"), "language", "must be one of nl or en, got 'de'"},
    Violation{"LanguageCase", "/language", json("NL"), "language", "did you mean 'nl'?"},
    Violation{"TitleEnTooShort", "/title_en", json("ab"), "title_en", "must be 3..200 characters, got 2"},
    Violation{"SummaryEnTooShort", "/summary_en", json("Too short."), "summary_en", "must be 20..1000 characters, got 10"},
    Violation{"SummaryEnHtml", "/summary_en", json("A square that stores <em>rain</em>."), "summary_en", "not HTML"},
    Violation{"UpdatedShape", "/updated", json("2024-2-3"), "updated", "must be a date YYYY-MM-DD, got '2024-2-3'"},
    Violation{"UpdatedDateTime", "/updated", json("2024-02-03T10:00:00Z"), "updated", "YYYY-MM-DD"},
    Violation{"UpdatedNotString", "/updated", json(20240203), "updated", "must be a string, not an integer"},
    Violation{"UpdatedFeb30", "/updated", json("2023-02-30"), "updated", "is not a real date: 2023-02-30"},
    Violation{"UpdatedFeb29NonLeap", "/updated", json("2023-02-29"), "updated", "not a real date"},
    Violation{"UpdatedFeb29Century", "/updated", json("1900-02-29"), "updated", "not a real date"},
    Violation{"UpdatedMonth13", "/updated", json("2024-13-01"), "updated", "not a real date"},
    Violation{"UpdatedDay0", "/updated", json("2024-01-00"), "updated", "not a real date"},
    Violation{"UpdatedApril31", "/updated", json("2024-04-31"), "updated", "not a real date"},
    Violation{"VisibilityUnknown", "/visibility", json("hidden"), "visibility", "must be one of published or draft"});

INSTANTIATE_TEST_SUITE_P(Schema, ViolationTest, kV, [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(CaseValidatorTest, NonObjectRecordIsOneWholeRecordError) {
  const CaseValidator v(registry());
  for (const json& record : {json::array(), json("case"), json(nullptr), json(1)}) {
    const auto errors = v.validate(record);
    ASSERT_EQ(errors.size(), 1u) << record.dump();
    EXPECT_EQ(errors[0].field, "");
    EXPECT_NE(errors[0].message.find("must be a JSON object"), std::string::npos) << errors[0].message;
  }
}

TEST(CaseValidatorTest, EmptyObjectReportsEveryRequiredFieldInSchemaOrder) {
  const auto errors = CaseValidator(registry()).validate(json::object());
  std::vector<std::string> fields;
  for (const auto& e : errors) {
    fields.push_back(e.field);
    EXPECT_EQ(e.message, "is required");
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"id", "title", "municipality", "themes", "summary", "solution", "maturity"}));
}

TEST(CaseValidatorTest, SeveralViolationsAreAllReportedInFieldOrder) {
  json record = valid_record();
  record["sumary"] = "typo";
  record["title"] = "ab";
  record["municipality"] = "Rotterdm";
  record["themes"] = {"mobility", "sport", "mobility"};
  record.erase("solution");
  record["start_year"] = "2012";
  record["partners"][0]["kind"] = "company";
  record["links"][1]["url"] = "javascript:alert(1)";
  record["contact"]["email"] = "nope";
  record["updated"] = "2023-02-30";
  const auto errors = CaseValidator(registry()).validate(record);
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"sumary", "title", "municipality", "themes[1]", "themes[2]", "solution",
                                              "start_year", "partners[0].kind", "links[1].url", "contact.email",
                                              "updated"}))
      << dump(errors);
}

TEST(CaseValidatorTest, OneFieldCanHaveSeveralProblems) {
  json record = valid_record();
  record["title"] = "<b>" + std::string(300, 'x') + "</b>";
  const auto errors = CaseValidator(registry()).validate(record);
  ASSERT_EQ(errors.size(), 2u) << dump(errors);
  EXPECT_NE(errors[0].message.find("got 307"), std::string::npos);
  EXPECT_EQ(errors[1].message, "must be plain text, not HTML");
}

TEST(CaseValidatorTest, ComparisonsThatAreNotHtmlAreFine) {
  json record = valid_record();
  record["summary"] = "Minder dan 5 <-> meer dan 3: a < b, c <= d en 3 <5 blijft gewone tekst.";
  const auto errors = CaseValidator(registry()).validate(record);
  EXPECT_TRUE(errors.empty()) << dump(errors);
}

TEST(CaseValidatorTest, AliasesAreAcceptedForMunicipalities) {
  const CaseValidator v(registry());
  for (const char* name : {"Den Haag", "'s-Gravenhage", "the hague", "Den Bosch", "Súdwest-Fryslân", "sudwest-fryslan"}) {
    json record = valid_record();
    record["municipality"] = name;
    record["adopted_by"] = {name == std::string("Den Bosch") ? "Utrecht" : "Den Bosch"};
    const auto errors = v.validate(record);
    EXPECT_TRUE(errors.empty()) << name << "\n" << dump(errors);
  }
}

TEST(CaseValidatorTest, LongValuesAreShortenedInMessages) {
  json record = valid_record();
  record["municipality"] = std::string(5000, 'z');
  const auto errors = CaseValidator(registry()).validate(record);
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_LT(errors[0].message.size(), 200u) << errors[0].message;
  EXPECT_NE(errors[0].message.find("\u2026"), std::string::npos);
}

TEST(CaseValidatorTest, MessagesAreValidUtf8EvenForBadInput) {
  json record = valid_record();
  record["ti\xFFtle"] = "x";
  record["maturity"] = "pro\xFF";
  const auto errors = CaseValidator(registry()).validate(record);
  ASSERT_EQ(errors.size(), 2u) << dump(errors);
  // The curation API dumps errors as JSON; that must not throw.
  json out = json::array();
  for (const auto& e : errors) out.push_back({{"field", e.field}, {"message", e.message}});
  EXPECT_NO_THROW((void)out.dump());
  EXPECT_EQ(errors[1].field, "maturity");
  EXPECT_EQ(errors[1].message, "must be valid UTF-8");
}

TEST(CaseValidatorTest, WorksOnParsedInput) {
  const auto parsed = parse_json(valid_record().dump(2));
  ASSERT_TRUE(parsed.value) << parsed.error;
  EXPECT_TRUE(CaseValidator(registry()).validate(*parsed.value).empty());
}

}  // namespace
}  // namespace kb::index
