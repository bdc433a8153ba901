#include "kb/http/query_log.h"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace kb::http {
namespace {

constexpr long kKeepDays = 400;
// Bounds memory and the file under abuse (a script sending random queries):
// real demand is far below these per day.
constexpr std::size_t kMaxQueriesPerDay = 5'000;
constexpr std::size_t kMaxOriginsPerDay = 500;
constexpr int kFileVersion = 1;

void bump(std::map<std::string, unsigned long>& m, const std::string& key, std::size_t cap) {
  if (key.empty()) return;
  if (m.size() >= cap && !m.contains(key)) return;
  ++m[key];
}

nlohmann::json top_list(const std::map<std::string, unsigned long>& m, const char* name, std::size_t top) {
  std::vector<std::pair<std::string, unsigned long>> v(m.begin(), m.end());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  auto out = nlohmann::json::array();
  for (std::size_t i = 0; i < v.size() && i < top; ++i) out.push_back({{name, v[i].first}, {"count", v[i].second}});
  return out;
}

std::map<std::string, unsigned long> counts_of(const nlohmann::json& j, std::size_t cap) {
  std::map<std::string, unsigned long> out;
  if (!j.is_object()) return out;
  for (const auto& [key, n] : j.items())
    if (n.is_number_unsigned() && out.size() < cap) out[key] = n.get<unsigned long>();
  return out;
}

}  // namespace

QueryLog::QueryLog(std::optional<std::filesystem::path> file, std::chrono::seconds save_every, std::ostream* log)
    : file_(std::move(file)), save_every_(save_every), log_(log) {
  if (file_) load();
}

QueryLog::~QueryLog() {
  try {
    save();
  } catch (...) {  // nothing sensible to do in a destructor
  }
}

void QueryLog::load() {
  std::error_code ec;
  if (!std::filesystem::exists(*file_, ec)) return;
  std::ifstream in(*file_, std::ios::binary);
  const auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || j.value("version", 0) != kFileVersion || !j.contains("days") ||
      !j.at("days").is_object()) {
    // Kept for a person to look at; the report starts empty rather than the server not at all.
    const auto aside = file_->string() + ".unreadable";
    std::filesystem::rename(*file_, aside, ec);
    if (log_) *log_ << "kb-server: the query log " << file_->string() << " could not be read; moved to " << aside << '\n';
    return;
  }
  for (const auto& [key, d] : j.at("days").items()) {
    long day = 0;
    try {
      day = std::stol(key);
    } catch (const std::exception&) {
      continue;
    }
    Day& out = days_[day];
    out.total = d.value("total", 0ul);
    out.queries = counts_of(d.value("queries", nlohmann::json::object()), kMaxQueriesPerDay);
    out.zero_results = counts_of(d.value("zero_results", nlohmann::json::object()), kMaxQueriesPerDay);
    out.themes = counts_of(d.value("themes", nlohmann::json::object()), kMaxQueriesPerDay);
    out.origins = counts_of(d.value("origins", nlohmann::json::object()), kMaxOriginsPerDay);
  }
}

nlohmann::json QueryLog::to_json_locked() const {
  nlohmann::json days = nlohmann::json::object();
  for (const auto& [day, d] : days_)
    days[std::to_string(day)] = {{"total", d.total},
                                 {"queries", d.queries},
                                 {"zero_results", d.zero_results},
                                 {"themes", d.themes},
                                 {"origins", d.origins}};
  return {{"version", kFileVersion}, {"days", std::move(days)}};
}

bool QueryLog::save() {
  if (!file_) return true;
  std::lock_guard saving(save_mutex_);
  std::string text;
  {
    std::lock_guard lock(mutex_);
    if (!dirty_) return true;
    text = to_json_locked().dump();
    dirty_ = false;
    last_save_ = std::chrono::steady_clock::now();
  }
  const auto tmp = file_->string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      if (log_) *log_ << "kb-server: cannot write the query log " << tmp << '\n';
      std::lock_guard lock(mutex_);
      dirty_ = true;  // try again on the next save
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, *file_, ec);
  if (ec) {
    if (log_) *log_ << "kb-server: cannot replace the query log " << file_->string() << ": " << ec.message() << '\n';
    std::lock_guard lock(mutex_);
    dirty_ = true;
    return false;
  }
  return true;
}

void QueryLog::record(long day, const std::string& normalized_query, const std::vector<std::string>& themes,
                      bool zero_results, const std::string& origin) {
  bool due = false;
  {
    std::lock_guard lock(mutex_);
    Day& d = days_[day];
    ++d.total;
    bump(d.queries, normalized_query, kMaxQueriesPerDay);
    if (zero_results) bump(d.zero_results, normalized_query, kMaxQueriesPerDay);
    for (const auto& t : themes) bump(d.themes, t, kMaxQueriesPerDay);
    bump(d.origins, origin.empty() ? "(direct)" : origin, kMaxOriginsPerDay);
    while (!days_.empty() && days_.begin()->first < day - kKeepDays) days_.erase(days_.begin());
    dirty_ = true;
    due = file_ && std::chrono::steady_clock::now() - last_save_ >= save_every_;
  }
  if (due) save();
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
