#pragma once
// The derived_from relation across records (indexer/schema/case-schema.md):
// a case names the case whose solution it reused. The validator checks one
// record (the shape, not itself); whether the chain closes a cycle needs the
// other records, which kb-indexer and the curation API know in different
// ways, so they pass a lookup.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kb::index {

// What is known of case `id`: nullopt when there is no such case, otherwise
// its derived_from ("" when it has none).
using DerivedFromLookup = std::function<std::optional<std::string>(const std::string& id)>;

// The derived_from of a (validated) record; "" when it has none.
std::string derived_from_of(const nlohmann::json& record);

// The cycle that case `id`, derived from `derived_from`, would close:
// {id, derived_from, ..., id}; empty when following the chain ends at a case
// without derived_from or at an unknown id. A cycle that does not pass
// through `id` (possible only in data written before this check) ends the
// walk too, without being reported.
std::vector<std::string> derivation_cycle(const std::string& id, const std::string& derived_from,
                                          const DerivedFromLookup& lookup);

// "a -> b -> a".
std::string describe_cycle(const std::vector<std::string>& cycle);

// The top-level derived_from string of a record's JSON text, without
// building the record: kb-indexer's look-ahead over its inputs reads every
// record once more for this, so it must cost far less than a parse. "" when
// there is none, and for text that is not a JSON object (the real pass
// reports that).
std::string scan_derived_from(std::string_view text);

}  // namespace kb::index
