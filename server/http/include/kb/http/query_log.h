#pragma once
// Demand signals for curators: what people search for, what finds nothing,
// which themes they filter on, from which embedding sites. Queries are
// normalised (folded, whitespace collapsed) and kept per day; no IP address,
// cookie or other personal data is recorded.
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kb::http {

class QueryLog {
 public:
  // `day` is days since the epoch (UTC).
  void record(long day, const std::string& normalized_query, const std::vector<std::string>& themes, bool zero_results,
              const std::string& origin);
  nlohmann::json report(long today, int days, std::size_t top = 20) const;

 private:
  struct Day {
    std::map<std::string, unsigned long> queries, zero_results, themes, origins;
    unsigned long total = 0;
  };
  mutable std::mutex mutex_;
  std::map<long, Day> days_;
};

}  // namespace kb::http
