#pragma once
// Demand signals for curators: what people search for, what finds nothing,
// which themes they filter on, from which embedding sites. Queries are
// normalised (folded, whitespace collapsed) and kept per day; no IP address,
// cookie or other personal data is recorded.
//
// With a file the counts outlive the process (issue 17 point 14: a restart
// emptied a report that offers the last 365 days): loaded at construction,
// saved atomically (temporary file, then rename) at most every `save_every`
// when something changed, and on destruction. A file that cannot be read is
// moved aside to `<file>.unreadable` (said on `log`), never overwritten.
//
// Memory is fixed (issue 15 point 3): each day keeps its most frequent
// queries (TopCounts: 500 for the last 31 days, the top 50 before that, each
// at most 200 bytes), so random queries from a script cannot grow it.
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "kb/http/top_counts.h"

namespace kb::http {

class QueryLog {
 public:
  explicit QueryLog(std::optional<std::filesystem::path> file = std::nullopt,
                    std::chrono::seconds save_every = std::chrono::seconds(30), std::ostream* log = nullptr);
  ~QueryLog();
  QueryLog(const QueryLog&) = delete;
  QueryLog& operator=(const QueryLog&) = delete;

  // `day` is days since the epoch (UTC).
  void record(long day, const std::string& normalized_query, const std::vector<std::string>& themes, bool zero_results,
              const std::string& origin);
  nlohmann::json report(long today, int days, std::size_t top = 20) const;
  // Writes the file now (no-op without one); false when it could not.
  bool save();

 private:
  struct Day {
    Day();
    TopCounts queries, zero_results, themes, origins;
    unsigned long total = 0;
  };
  Day& day_at(long day);
  // Drops days past the kept period and shrinks days older than a month to their top counts.
  void age(long today);
  void load();
  nlohmann::json to_json_locked() const;

  std::optional<std::filesystem::path> file_;
  std::chrono::seconds save_every_;
  std::ostream* log_;
  mutable std::mutex mutex_;
  std::mutex save_mutex_;  // one writer of the file at a time
  std::map<long, Day> days_;
  bool dirty_ = false;
  std::chrono::steady_clock::time_point last_save_ = std::chrono::steady_clock::now();
};

}  // namespace kb::http
