#include "kb/schema/entity_tag.h"

#include "kb/stemming/ascii_text.h"
#include "kb/stemming/hash.h"

namespace kb::schema {

std::string hex_digest(std::uint64_t hash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (std::size_t i = 0; i < 16; ++i) out[15 - i] = kHex[(hash >> (4 * i)) & 0xFU];
  return out;
}

std::string hex_digest(std::string_view bytes) { return hex_digest(stemming::fnv1a64(bytes)); }

std::string entity_tag(std::uint64_t hash) { return "\"" + hex_digest(hash) + "\""; }

bool lists_entity_tag(std::string_view header, std::string_view tag, TagComparison comparison) {
  if (stemming::trim_blanks(header) == "*") return true;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view member = stemming::trim_blanks(header.substr(0, comma));
    if (comparison == TagComparison::weak && member.starts_with("W/")) member.remove_prefix(2);
    if (member == tag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace kb::schema
