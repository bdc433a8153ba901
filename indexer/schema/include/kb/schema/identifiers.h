#pragma once
// The shape of case ids and of municipality and province slugs, checked the
// same way by the validator, the registry, the search parameters and the
// routes (issue 12 point 8).
#include <cstddef>
#include <string_view>

namespace kb::schema {

// The most characters an id or slug may have.
inline constexpr std::size_t kMaxIdentifierLength = 80;

// `^[a-z0-9]+(-[a-z0-9]+)*$`.
bool is_kebab_case(std::string_view s) noexcept;

// Kebab case and at most kMaxIdentifierLength characters: what a case id or
// a slug can be. Anything else names nothing (a 404 or a refused filter).
bool is_identifier(std::string_view s) noexcept;

}  // namespace kb::schema
