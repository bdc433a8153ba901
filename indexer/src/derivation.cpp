#include "kb/index/derivation.h"

#include <set>

namespace kb::index {

std::string derived_from_of(const nlohmann::json& record) {
  const auto it = record.find("derived_from");
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> derivation_cycle(const std::string& id, const std::string& derived_from,
                                          const DerivedFromLookup& lookup) {
  std::vector<std::string> path{id};
  std::set<std::string> visited{id};
  std::string next = derived_from;
  while (!next.empty()) {
    path.push_back(next);
    if (next == id) return path;
    if (!visited.insert(next).second) break;  // an older cycle elsewhere: not this record's to report
    const std::optional<std::string> parent = lookup(next);
    if (!parent) break;  // unknown: dangling, not a cycle
    next = *parent;
  }
  return {};
}

std::string describe_cycle(const std::vector<std::string>& cycle) {
  std::string out;
  for (const auto& id : cycle) out += (out.empty() ? "" : " -> ") + id;
  return out;
}

}  // namespace kb::index
