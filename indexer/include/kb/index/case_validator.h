#pragma once
// Checks one case record against the case schema (indexer/schema/case-schema.md)
// and reports every violation at once, so a curator can fix them in one go.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kb/schema/municipality_registry.h"

namespace kb::index {

struct FieldError {
  std::string field;    // "title", "themes[2]", "partners[0].kind", "contact.email"; "" for the whole record
  std::string message;  // short and specific: "must be 3..200 characters, got 2"

  friend bool operator==(const FieldError&, const FieldError&) = default;
};

class CaseValidator {
 public:
  explicit CaseValidator(const schema::MunicipalityRegistry& registry);  // keeps a reference

  // All violations of `record`, in schema field order (unknown fields first);
  // empty when the record is valid. Never throws on any JSON value.
  std::vector<FieldError> validate(const nlohmann::json& record) const;

  // Project limit on the long text fields (problem, solution, results, lessons, scale_up).
  static constexpr std::size_t kMaxLongText = 20000;

 private:
  const schema::MunicipalityRegistry& registry_;
};

}  // namespace kb::index
