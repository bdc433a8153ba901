#include "kb/curation/history.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>

#include "kb/curation/errors.h"

namespace kb::curation {
namespace {

std::string now_iso8601() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool write_all(int fd, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

void History::append(const std::string& action, const std::string& id, const std::string& by,
                     const nlohmann::json& before, const nlohmann::json& after) {
  const std::string line =
      nlohmann::json{{"at", now_iso8601()}, {"by", by}, {"action", action}, {"id", id}, {"before", before}, {"after", after}}
          .dump() +
      "\n";
  const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) throw HistoryUnwritable(file_);
  const bool ok = write_all(fd, line) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw HistoryUnwritable(file_);
}

nlohmann::json History::of(const std::string& id) const {
  auto changes = nlohmann::json::array();
  std::ifstream in(file_);
  std::string line;
  while (std::getline(in, line)) {
    const auto entry = nlohmann::json::parse(line, nullptr, false);
    if (entry.is_discarded() || entry.value("id", std::string()) != id) continue;
    changes.push_back({{"at", entry.at("at")}, {"by", entry.at("by")}, {"action", entry.at("action")},
                       {"before", entry.at("before")}, {"after", entry.at("after")}});
  }
  std::reverse(changes.begin(), changes.end());
  return {{"id", id}, {"changes", std::move(changes)}};
}

}  // namespace kb::curation
