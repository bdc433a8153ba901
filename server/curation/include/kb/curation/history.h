#pragma once
// The append-only curation history (`<db>.history.jsonl`): one JSON line per
// change (who, when, action, before, after), fsynced before the index commit.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace kb::curation {

class History {
 public:
  explicit History(std::filesystem::path file) : file_(std::move(file)) {}

  // Appends and fsyncs one change; throws HistoryUnwritable.
  void append(const std::string& action, const std::string& id, const std::string& by, const nlohmann::json& before,
              const nlohmann::json& after);
  // {"id", "changes": [{at, by, action, before, after}, …]}, newest first. A
  // torn last line (crash during append) is skipped.
  nlohmann::json of(const std::string& id) const;

 private:
  std::filesystem::path file_;
};

}  // namespace kb::curation
