#include "kb/index/json_input.h"

#include <gtest/gtest.h>

#include <string>

#include "kb/index/case_validator.h"
#include "kb/schema/municipality_registry.h"

namespace kb::index {
namespace {

TEST(ParseJsonTest, ParsesAValidDocument) {
  const auto r = parse_json(R"({"id": "a-b", "list": [1, 2, {"x": "[{"}], "s": "caf\u00e9 \"q\""})");
  ASSERT_TRUE(r.value.has_value()) << r.error;
  EXPECT_TRUE(r.error.empty());
  EXPECT_EQ(r.line, 0u);
  EXPECT_EQ((*r.value)["id"], "a-b");
  EXPECT_EQ((*r.value)["list"][2]["x"], "[{");
}

struct BrokenCase {
  const char* name;
  std::string text;
  std::size_t line;
  const char* error_contains;
};

class BrokenJsonTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenJsonTest, ReportsTheLine) {
  const auto& c = GetParam();
  const auto r = parse_json(c.text);
  EXPECT_FALSE(r.value.has_value());
  EXPECT_EQ(r.line, c.line) << r.error;
  EXPECT_NE(r.error.find(c.error_contains), std::string::npos) << r.error;
  EXPECT_EQ(r.error.find("[json.exception"), std::string::npos) << "internal prefix leaked: " << r.error;
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, BrokenJsonTest,
    ::testing::Values(
        BrokenCase{"MissingComma", "{\n  \"a\": 1\n  \"b\": 2\n}", 3, "syntax error at line 3, column 5: while parsing object"},
        BrokenCase{"TrailingComma", "{\n\"a\": [1, 2,]\n}", 2, "line 2"},
        BrokenCase{"UnterminatedString", "{\n\"a\": \"open\n}", 2, "line 2"},
        BrokenCase{"InvalidLiteral", "[\n\n  tru\n]", 3, "line 3, column 6: while parsing value - invalid literal"},
        BrokenCase{"TrailingGarbage", "{\"a\": 1}\n\nx", 3, "line 3"},
        BrokenCase{"Empty", "", 1, "unexpected end of input"},
        BrokenCase{"UnclosedObject", "{\"a\": 1,\n", 2, "line 2, column 1: while parsing object key"},
        BrokenCase{"LoneSurrogateEscape", "[\"\\ud800\"]", 1, "surrogate"},
        BrokenCase{"InvalidUtf8", "{\n\"a\": \"ok\",\n\"b\": \"\xC3\x28\"\n}", 3, "invalid UTF-8"},
        BrokenCase{"Overlong", "[\"\xC0\xAF\"]", 1, "invalid UTF-8"},
        BrokenCase{"EncodedSurrogate", "\n[\"\xED\xA0\x80\"]", 2, "invalid UTF-8"},
        BrokenCase{"TooDeep", "{\"a\":\n" + std::string(40, '[') + std::string(40, ']') + "}", 2, "nesting deeper than 32"}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(ParseJsonTest, HundredThousandOpenBracketsAreRejectedWithoutRecursion) {
  const auto r = parse_json(std::string(100000, '['));
  EXPECT_FALSE(r.value.has_value());
  EXPECT_NE(r.error.find("nesting deeper than 32"), std::string::npos) << r.error;
  EXPECT_EQ(r.line, 1u);
}

TEST(ParseJsonTest, AMillionNestedBracesAreRejected) {
  std::string text;
  for (int i = 0; i < 1000000; ++i) text += "{\"a\":";
  const auto r = parse_json(text);
  EXPECT_FALSE(r.value.has_value());
  EXPECT_NE(r.error.find("nesting"), std::string::npos);
}

TEST(ParseJsonTest, DepthLimitIsInclusive) {
  const auto ok = parse_json(std::string(32, '[') + std::string(32, ']'));
  EXPECT_TRUE(ok.value.has_value()) << ok.error;
  const auto deep = parse_json(std::string(33, '[') + std::string(33, ']'));
  EXPECT_FALSE(deep.value.has_value());
  const auto custom = parse_json("[[[]]]", 2);
  EXPECT_FALSE(custom.value.has_value());
  EXPECT_NE(custom.error.find("deeper than 2"), std::string::npos);
}

TEST(ParseJsonTest, BracketsInsideStringsDoNotCountTowardsDepth) {
  const std::string deep_looking = "[\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"]";
  const auto r = parse_json(deep_looking);
  ASSERT_TRUE(r.value.has_value()) << r.error;
  EXPECT_EQ((*r.value)[0].get<std::string>().size(), 2001u);
  // An escaped backslash right before the closing quote ends the string, so the
  // brackets after it count: four levels exceed a limit of three.
  EXPECT_TRUE(parse_json(R"(["a\\", [[]]])", 3).value.has_value());
  const auto r2 = parse_json(R"(["a\\", [[[]]]])", 3);
  EXPECT_FALSE(r2.value.has_value());
  EXPECT_NE(r2.error.find("deeper than 3"), std::string::npos) << r2.error;
}

TEST(ParseJsonTest, TruncationsOfAValidDocumentNeverThrow) {
  const std::string doc = R"({"id": "x", "themes": ["mobility"], "nested": {"a": [1, 2.5, true, null, "\u00e9"]}})";
  for (std::size_t n = 0; n < doc.size(); ++n) {
    JsonParseResult r;
    EXPECT_NO_THROW(r = parse_json(std::string_view(doc).substr(0, n)));
    EXPECT_FALSE(r.value.has_value()) << n;
    EXPECT_FALSE(r.error.empty());
    EXPECT_GE(r.line, 1u);
  }
}

TEST(ParseJsonTest, MessagesStayShortForHugeTokens) {
  const auto r = parse_json("[\"" + std::string(1000000, 'x'));  // unterminated 1 MB string
  EXPECT_FALSE(r.value.has_value());
  EXPECT_EQ(r.line, 1u);
  EXPECT_LT(r.error.size(), 400u) << r.error.substr(0, 400);
  EXPECT_NE(r.error.find("syntax error at line 1"), std::string::npos) << r.error.substr(0, 400);
}

TEST(ParseJsonTest, TenMegabyteStringParsesAndTheValidatorRejectsIt) {
  const std::string big(10 * 1024 * 1024, 'a');
  const auto r = parse_json(R"({"solution": ")" + big + "\"}");
  ASSERT_TRUE(r.value.has_value()) << r.error;
  EXPECT_EQ((*r.value)["solution"].get_ref<const std::string&>().size(), big.size());

  const auto registry = schema::MunicipalityRegistry::parse("code,name,display_name,slug,province,aliases\n"
                                                    "GM0599,Rotterdam,Rotterdam,rotterdam,Zuid-Holland,\n");
  const auto errors = CaseValidator(registry).validate(*r.value);
  const auto it = std::find_if(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "solution"; });
  ASSERT_NE(it, errors.end());
  EXPECT_NE(it->message.find("at most 20000 characters (project limit)"), std::string::npos) << it->message;
  EXPECT_NE(it->message.find("got 10485760"), std::string::npos) << it->message;
}

// Issue 15 point 7: a key named twice is refused (nlohmann would keep the
// last value silently), with the path of the duplicate.
TEST(ParseJsonTest, AKeyNamedTwiceIsRefusedWithItsPath) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"title": "a", "summary": "b", "title": "c"})", "title"},
      {R"({"links": [{"url": "x"}, {"title": "a", "title": "b"}]})", "links[1].title"},
      {R"({"contact": {"email": "a", "email": "a"}})", "contact.email"},
      {R"([[1, 2], {"k": [3, {"a": 1, "a": 2}]}])", "[1].k[1].a"},
      {R"({"t\u0069tle": "a", "title": "b"})", "title"},  // the same key, escaped once
  };
  for (const auto& [text, path] : cases) {
    const auto r = parse_json(text);
    EXPECT_FALSE(r.value.has_value()) << text;
    EXPECT_EQ(r.field, path) << text;
    EXPECT_NE(r.error.find("duplicate key '" + std::string(path) + "'"), std::string::npos) << r.error;
  }
  // The same key in different objects is fine.
  const auto ok = parse_json(R"({"title": "a", "links": [{"title": "b"}, {"title": "c"}], "contact": {"title": "d"}})");
  EXPECT_TRUE(ok.value.has_value()) << ok.error;
  EXPECT_TRUE(ok.field.empty());
}

}  // namespace
}  // namespace kb::index
