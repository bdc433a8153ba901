// The validator accepts exactly the taxonomy's ids (generated from
// corpus/themes.json): every id of every list, and nothing near one.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "index_test_support.h"
#include "kb/index/case_validator.h"
#include "kb/schema/taxonomy.h"

namespace kb::index {
namespace {

using nlohmann::json;

std::vector<FieldError> errors_of(const json& record) {
  return CaseValidator(testing::builtin_registry()).validate(record);
}

bool has_error_on(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}

// Not ids: near misses of `id` and its labels.
std::vector<std::string> near_misses(const schema::TaxonomyLabel& label) {
  std::string upper(label.id);
  for (auto& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return {upper, std::string(label.id) + "s", " " + std::string(label.id), std::string(label.nl), std::string(label.en)};
}

TEST(ValidatorTaxonomyTest, AcceptsEveryThemeAndNothingElse) {
  for (const auto& label : schema::kThemeLabels) {
    json record = testing::make_case(1);
    record["themes"] = json::array({label.id});
    EXPECT_TRUE(errors_of(record).empty()) << label.id;
    for (const auto& wrong : near_misses(label)) {
      if (wrong == label.id) continue;  // a label may equal its id
      record["themes"] = json::array({wrong});
      EXPECT_TRUE(has_error_on(errors_of(record), "themes[0]")) << wrong;
    }
  }
  json all = testing::make_case(1);
  all["themes"] = json::array();
  for (const auto id : schema::kThemes) all["themes"].push_back(id);
  EXPECT_TRUE(errors_of(all).empty()) << "all themes at once";
}

// `field` set to each id of `table` validates; near misses give an error on `error_field`.
template <std::size_t N>
void expect_exactly(const std::array<schema::TaxonomyLabel, N>& table, const std::string& field,
                    const std::function<void(json&, const std::string&)>& set, const std::string& error_field) {
  for (const auto& label : table) {
    json record = testing::make_case(2);
    set(record, std::string(label.id));
    EXPECT_TRUE(errors_of(record).empty()) << field << ' ' << label.id;
    for (const auto& wrong : near_misses(label)) {
      if (wrong == label.id) continue;
      set(record, wrong);
      EXPECT_TRUE(has_error_on(errors_of(record), error_field)) << field << ' ' << wrong;
    }
  }
}

TEST(ValidatorTaxonomyTest, AcceptsEveryMaturityStatusAndPartnerKindAndNothingElse) {
  expect_exactly(schema::kMaturityLabels, "maturity", [](json& r, const std::string& v) { r["maturity"] = v; }, "maturity");
  expect_exactly(schema::kStatusLabels, "status", [](json& r, const std::string& v) { r["status"] = v; }, "status");
  expect_exactly(
      schema::kPartnerKindLabels, "partners",
      [](json& r, const std::string& v) { r["partners"] = json::array({{{"name", "Partner"}, {"kind", v}}}); },
      "partners[0].kind");
}

}  // namespace
}  // namespace kb::index
