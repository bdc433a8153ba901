#include "kb/schema/stored_case.h"

namespace kb::schema {

StoredCase StoredCase::from_data(const std::string& data) {
  const auto j = nlohmann::json::parse(data);
  return StoredCase{j.at("record"), j.at("municipality_slug").get<std::string>(),
                    j.at("municipality_label").get<std::string>()};
}

}  // namespace kb::schema
