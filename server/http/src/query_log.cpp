#include "kb/http/query_log.h"

#include <algorithm>

namespace kb::http {
namespace {

constexpr long kKeepDays = 400;
constexpr std::size_t kMaxDistinctPerDay = 50'000;  // bounds memory under abuse

void bump(std::map<std::string, unsigned long>& m, const std::string& key) {
  if (key.empty()) return;
  if (m.size() >= kMaxDistinctPerDay && !m.contains(key)) return;
  ++m[key];
}

nlohmann::json top_list(const std::map<std::string, unsigned long>& m, const char* name, std::size_t top) {
  std::vector<std::pair<std::string, unsigned long>> v(m.begin(), m.end());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  auto out = nlohmann::json::array();
  for (std::size_t i = 0; i < v.size() && i < top; ++i) out.push_back({{name, v[i].first}, {"count", v[i].second}});
  return out;
}

}  // namespace

void QueryLog::record(long day, const std::string& normalized_query, const std::vector<std::string>& themes,
                      bool zero_results, const std::string& origin) {
  std::lock_guard lock(mutex_);
  Day& d = days_[day];
  ++d.total;
  bump(d.queries, normalized_query);
  if (zero_results) bump(d.zero_results, normalized_query);
  for (const auto& t : themes) bump(d.themes, t);
  bump(d.origins, origin.empty() ? "(direct)" : origin);
  while (!days_.empty() && days_.begin()->first < day - kKeepDays) days_.erase(days_.begin());
}

nlohmann::json QueryLog::report(long today, int days, std::size_t top) const {
  Day sum;
  {
    std::lock_guard lock(mutex_);
    for (auto it = days_.lower_bound(today - days + 1); it != days_.end() && it->first <= today; ++it) {
      sum.total += it->second.total;
      for (const auto& [k, n] : it->second.queries) sum.queries[k] += n;
      for (const auto& [k, n] : it->second.zero_results) sum.zero_results[k] += n;
      for (const auto& [k, n] : it->second.themes) sum.themes[k] += n;
      for (const auto& [k, n] : it->second.origins) sum.origins[k] += n;
    }
  }
  return {{"days", days},
          {"total_queries", sum.total},
          {"top_queries", top_list(sum.queries, "query", top)},
          {"zero_result_queries", top_list(sum.zero_results, "query", top)},
          {"queries_per_theme", top_list(sum.themes, "theme", 10)},
          {"origins", top_list(sum.origins, "origin", top)}};
}

}  // namespace kb::http
