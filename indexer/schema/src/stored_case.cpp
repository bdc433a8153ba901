#include "kb/schema/stored_case.h"

namespace kb::schema {

nlohmann::json reuse_to_json(const std::vector<ReuseEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries)
    out.push_back({{"municipality", e.municipality},
                   {"municipality_slug", e.municipality_slug},
                   {"case_id", e.case_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.case_id)}});
  return out;
}

std::vector<ReuseEntry> reuse_from_json(const nlohmann::json& list) {
  std::vector<ReuseEntry> out;
  if (!list.is_array()) return out;
  for (const auto& e : list)
    out.push_back({e.at("municipality").get<std::string>(), e.at("municipality_slug").get<std::string>(),
                   e.at("case_id").is_string() ? e.at("case_id").get<std::string>() : std::string()});
  return out;
}

StoredCase StoredCase::from_data(const std::string& data) {
  const auto j = nlohmann::json::parse(data);
  StoredCase stored;
  stored.record = j.at("record");
  stored.municipality_slug = j.at("municipality_slug").get<std::string>();
  stored.municipality_label = j.at("municipality_label").get<std::string>();
  stored.province = j.value("province", std::string());
  stored.province_slug = j.value("province_slug", std::string());
  if (const auto it = j.find("reused_by"); it != j.end()) stored.reused_by = reuse_from_json(*it);
  return stored;
}

}  // namespace kb::schema
