#include "kb/schema/stored_case.h"

#include "kb/schema/entity_tag.h"


#include "kb/stemming/hash.h"

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
  auto j = nlohmann::json::parse(data);
  StoredCase stored;
  stored.record = std::move(j.at("record"));  // a hit reads ten of these a page: no deep copy
  stored.municipality_slug = j.at("municipality_slug").get<std::string>();
  stored.municipality_label = j.at("municipality_label").get<std::string>();
  stored.province = j.value("province", std::string());
  stored.province_slug = j.value("province_slug", std::string());
  if (const auto it = j.find("reused_by"); it != j.end()) stored.reused_by = reuse_from_json(*it);
  return stored;
}

std::string StoredCase::text(std::string_view field) const { return optional_text(field).value_or(std::string()); }

std::optional<std::string> StoredCase::optional_text(std::string_view field) const {
  const auto it = record.find(field);
  if (it == record.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::vector<std::string> StoredCase::texts(std::string_view field) const {
  std::vector<std::string> out;
  const auto it = record.find(field);
  if (it == record.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::optional<int> StoredCase::integer(std::string_view field) const {
  const auto it = record.find(field);
  if (it == record.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

namespace {

// A string member of a nested object, "" when absent or not a string.
std::string member_text(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

template <typename F>
void for_each_object(const nlohmann::json& record, std::string_view field, F&& f) {
  const auto it = record.find(field);
  if (it == record.end() || !it->is_array()) return;
  for (const auto& v : *it)
    if (v.is_object()) f(v);
}

}  // namespace

std::vector<Partner> StoredCase::partners() const {
  std::vector<Partner> out;
  for_each_object(record, "partners", [&](const nlohmann::json& p) {
    Partner partner{member_text(p, "name"), member_text(p, "kind")};
    if (!partner.name.empty()) out.push_back(std::move(partner));
  });
  return out;
}

std::vector<Link> StoredCase::links() const {
  std::vector<Link> out;
  for_each_object(record, "links", [&](const nlohmann::json& l) {
    Link link{member_text(l, "url"), member_text(l, "title")};
    if (!link.url.empty() || !link.title.empty()) out.push_back(std::move(link));
  });
  return out;
}

Contact StoredCase::contact() const {
  const auto it = record.find("contact");
  if (it == record.end()) return {};
  return {member_text(*it, "organisation"), member_text(*it, "email")};
}

std::string StoredCase::visibility() const { return text("visibility") == "draft" ? "draft" : "published"; }

std::string revision_of(const StoredCase& stored) {
  std::uint64_t h = stemming::kFnvOffsetBasis;
  // '\n' between the parts: no part holds a raw newline (JSON dumps escape it).
  for (const std::string& part : {stored.record.dump(), stored.municipality_slug, stored.municipality_label,
                                  stored.province, stored.province_slug, reuse_to_json(stored.reused_by).dump()})
    h = stemming::fnv1a64(part + '\n', h);
  return entity_tag(h);
}

}  // namespace kb::schema
