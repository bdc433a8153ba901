#pragma once
// HTTP entity tags, made and compared in one place (issue 12 point 8): the
// server's answers, the static assets and a case's revision (revision_of)
// all use strong tags of 16 hex digits of FNV-1a; If-None-Match compares
// weakly, If-Match strongly (RFC 9110 8.8.3 and 13.1).
#include <cstdint>
#include <string>
#include <string_view>

namespace kb::schema {

// 16 lowercase hex digits of `hash`.
std::string hex_digest(std::uint64_t hash);
// FNV-1a of `bytes`, as 16 hex digits.
std::string hex_digest(std::string_view bytes);
// The strong entity tag "\"<16 hex>\"" of a hash.
std::string entity_tag(std::uint64_t hash);

enum class TagComparison { strong, weak };

// Whether an If-Match / If-None-Match value ("*" or a comma-separated list of
// entity tags) names `tag`. Weak comparison also accepts W/"…"; strong never
// matches a weak tag.
bool lists_entity_tag(std::string_view header, std::string_view tag, TagComparison comparison);

}  // namespace kb::schema
