#include "kb/http/query_log.h"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace kb::http {
namespace {

constexpr long kKeepDays = 400;
constexpr int kFileVersion = 1;

// A fixed memory budget, whatever clients send (issue 15 point 3): each day
// keeps the most frequent queries (TopCounts, space-saving), many for the
// last month and the top few for older days, and a query of at most
// kMaxKeyBytes. Worst case about 80,000 entries of < 300 bytes: < 25 MB.
struct Capacity {
  std::size_t queries, zero_results, themes, origins;
};
constexpr long kRecentDays = 31;
constexpr Capacity kRecent{500, 500, 32, 100};
constexpr Capacity kOlder{50, 50, 32, 20};
constexpr std::size_t kMaxKeyBytes = 200;

// At most kMaxKeyBytes, cut before a UTF-8 continuation byte.
std::string bounded_key(const std::string& key) {
  if (key.size() <= kMaxKeyBytes) return key;
  std::size_t cut = kMaxKeyBytes;
  while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0U) == 0x80U) --cut;
  return key.substr(0, cut);
}

nlohmann::json top_list(const std::map<std::string, unsigned long>& m, const char* name, std::size_t top) {
  std::vector<std::pair<std::string, unsigned long>> v(m.begin(), m.end());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  auto out = nlohmann::json::array();
  for (std::size_t i = 0; i < v.size() && i < top; ++i) out.push_back({{name, v[i].first}, {"count", v[i].second}});
  return out;
}

// Reads counts written by to_json_locked() into `out` (its capacity holds).
void read_counts(const nlohmann::json& j, TopCounts& out) {
  if (!j.is_object()) return;
  for (const auto& [key, n] : j.items())
    if (n.is_number_unsigned()) out.add(bounded_key(key), n.get<unsigned long>());
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
    if (!d.is_object()) continue;
    Day& out = day_at(day);
    out.total = d.value("total", 0ul);
    read_counts(d.value("queries", nlohmann::json::object()), out.queries);
    read_counts(d.value("zero_results", nlohmann::json::object()), out.zero_results);
    read_counts(d.value("themes", nlohmann::json::object()), out.themes);
    read_counts(d.value("origins", nlohmann::json::object()), out.origins);
  }
  if (!days_.empty()) age(days_.rbegin()->first);
}

QueryLog::Day::Day()
    : queries(kRecent.queries), zero_results(kRecent.zero_results), themes(kRecent.themes), origins(kRecent.origins) {}

QueryLog::Day& QueryLog::day_at(long day) {
  const auto [it, added] = days_.try_emplace(day);
  return it->second;
}

void QueryLog::age(long today) {
  while (!days_.empty() && days_.begin()->first < today - kKeepDays) days_.erase(days_.begin());
  for (auto& [day, d] : days_) {
    if (day >= today - kRecentDays) break;
    if (d.queries.capacity() == kOlder.queries) continue;  // already aged
    d.queries.shrink_to(kOlder.queries);
    d.zero_results.shrink_to(kOlder.zero_results);
    d.themes.shrink_to(kOlder.themes);
    d.origins.shrink_to(kOlder.origins);
  }
}

nlohmann::json QueryLog::to_json_locked() const {
  nlohmann::json days = nlohmann::json::object();
  for (const auto& [day, d] : days_)
    days[std::to_string(day)] = {{"total", d.total},
                                 {"queries", d.queries.counts()},
                                 {"zero_results", d.zero_results.counts()},
                                 {"themes", d.themes.counts()},
                                 {"origins", d.origins.counts()}};
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
    const bool new_day = !days_.contains(day);
    Day& d = day_at(day);
    ++d.total;
    const std::string query = bounded_key(normalized_query);
    d.queries.add(query);
    if (zero_results) d.zero_results.add(query);
    for (const auto& t : themes) d.themes.add(bounded_key(t));
    d.origins.add(bounded_key(origin.empty() ? "(direct)" : origin));
    if (new_day) age(day);
    dirty_ = true;
    due = file_ && std::chrono::steady_clock::now() - last_save_ >= save_every_;
  }
  if (due) save();
}

nlohmann::json QueryLog::report(long today, int days, std::size_t top) const {
  unsigned long total = 0;
  std::map<std::string, unsigned long> queries, zero_results, themes, origins;
  {
    std::lock_guard lock(mutex_);
    for (auto it = days_.lower_bound(today - days + 1); it != days_.end() && it->first <= today; ++it) {
      total += it->second.total;
      for (const auto& [k, n] : it->second.queries.counts()) queries[k] += n;
      for (const auto& [k, n] : it->second.zero_results.counts()) zero_results[k] += n;
      for (const auto& [k, n] : it->second.themes.counts()) themes[k] += n;
      for (const auto& [k, n] : it->second.origins.counts()) origins[k] += n;
    }
  }
  return {{"days", days},
          {"total_queries", total},
          {"top_queries", top_list(queries, "query", top)},
          {"zero_result_queries", top_list(zero_results, "query", top)},
          {"queries_per_theme", top_list(themes, "theme", 10)},
          {"origins", top_list(origins, "origin", top)}};
}

}  // namespace kb::http
