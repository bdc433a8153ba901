// Regression tests against the real kb-server and kb-indexer binaries:
//
// - "acknowledged writes survive kill -9" (issue 7): a client streams
//   curation writes; the server is killed with SIGKILL after a number of
//   acknowledged writes chosen by a seeded random generator; after a restart on
//   the same index and history every acknowledged change is there (content,
//   absence after a delete, history), and xapian-check passes. Three rounds.
// - `kb-indexer --db DIR --export OUT` after curation writes writes the
//   curated records (drafts included) in the corpus layout, and re-indexing
//   OUT reproduces the same set of ids.
//
// The seed is fixed (reproducible failures); KB_CRASH_SEED overrides it.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http_client.h"
#include "kb/schema/terms.h"

#ifndef KB_SOURCE_DIR
#error "KB_SOURCE_DIR must be defined"
#endif
#ifndef KB_SERVER_BIN
#error "KB_SERVER_BIN must be defined"
#endif
#ifndef KB_INDEXER_BIN
#error "KB_INDEXER_BIN must be defined"
#endif

namespace kb::http::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kXapianCheck = "/usr/bin/xapian-check";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts `argv` with stdout and stderr redirected to `log` (appended); the
// child is killed when the test process dies.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& log) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const std::string log_path = log.string();
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {  // only async-signal-safe calls from here on
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) ::_exit(127);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

// Runs a program to completion; its exit status (-1 if it did not exit).
int run(const std::vector<std::string>& argv, const fs::path& log) {
  const pid_t pid = spawn(argv, log);
  if (pid < 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// xapian-check's exit status, or nullopt when it is not installed.
std::optional<int> xapian_check(const fs::path& db, const fs::path& log) {
  if (!fs::exists(kXapianCheck)) return std::nullopt;
  return run({kXapianCheck, db.string()}, log);
}

std::set<std::string> index_ids(const fs::path& db) {
  std::set<std::string> ids;
  const Xapian::Database r(db.string());
  const std::string prefix(schema::kId);
  for (auto it = r.allterms_begin(prefix); it != r.allterms_end(prefix); ++it)
    if (r.get_termfreq(*it) > 0) ids.insert((*it).substr(prefix.size()));
  return ids;
}

// One kb-server process on a free port.
class ServerProcess {
 public:
  ServerProcess(fs::path db, fs::path keys, fs::path history, fs::path log)
      : db_(std::move(db)), keys_(std::move(keys)), history_(std::move(history)), log_(std::move(log)) {}
  ~ServerProcess() { kill(SIGKILL); }

  // Starts the server and waits until /readyz answers 200; false with a
  // message on failure.
  bool start(std::string& error) {
    const std::size_t log_offset = fs::exists(log_) ? fs::file_size(log_) : 0;
    pid_ = spawn({KB_SERVER_BIN, "--db", db_.string(), "--port", "0", "--threads", "2", "--quiet", "--keys",
                  keys_.string(), "--history", history_.string()},
                 log_);
    if (pid_ <= 0) {
      error = "fork failed";
      return false;
    }
    // The port: from the line `kb-server: serving DIR on http://127.0.0.1:PORT/`.
    const std::regex serving("kb-server: serving .* on http://127\\.0\\.0\\.1:([0-9]+)/");
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (port_ == 0) {
      const std::string text = slurp(log_).substr(log_offset);
      std::smatch m;
      if (std::regex_search(text, m, serving)) {
        port_ = static_cast<std::uint16_t>(std::stoi(m[1].str()));
        break;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        error = "kb-server exited before serving: " + text;
        return false;
      }
      if (Clock::now() > deadline) {
        error = "kb-server did not print its port within 20 s: " + text;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    while (request("GET", url("/readyz")).status != 200) {
      if (Clock::now() > deadline) {
        error = "kb-server not ready within 20 s";
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  // Sends `signal` and reaps the process; its wait status.
  int kill(int signal) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, signal);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    port_ = 0;
    return status;
  }

  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_.load()) + path; }

 private:
  fs::path db_, keys_, history_, log_;
  pid_t pid_ = -1;
  std::atomic<std::uint16_t> port_{0};  // read by the client thread while the server is killed
};

// A temporary directory with the corpus indexed by kb-indexer and a keys file.
class Workspace {
 public:
  Workspace() {
    char tmpl[] = "/tmp/kb-curation-crash-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    key_ = "crash-secret-" + std::to_string(::getpid()) + "-0123456789abcdef";
    std::ofstream(dir_ / "keys") << "# test keys\ncurator-crash:" << key_ << "\n";
  }
  ~Workspace() {
    if (!::testing::Test::HasFailure()) fs::remove_all(dir_);  // kept for a post-mortem otherwise
  }
  int index_corpus() {
    return run({KB_INDEXER_BIN, "--db", db().string(), std::string(KB_SOURCE_DIR) + "/corpus/cases"}, dir_ / "indexer.log");
  }
  fs::path dir() const { return dir_; }
  fs::path db() const { return dir_ / "index"; }
  fs::path history() const { return dir_ / "history.jsonl"; }
  fs::path keys() const { return dir_ / "keys"; }
  std::string auth() const { return "Authorization: Bearer " + key_; }

 private:
  fs::path dir_;
  std::string key_;
};

json make_record(const std::string& id, int version, bool draft) {
  return {{"id", id},
          {"title", "Zeppelinbezorging proef " + id + " versie " + std::to_string(version)},
          {"municipality", "Utrecht"},
          {"themes", {"mobility"}},
          {"summary", "Een proef met pakketbezorging per zeppelin, versie " + std::to_string(version) + "."},
          {"solution", "Een kleine luchtschipdienst tussen twee hubs."},
          {"maturity", "idea"},
          {"visibility", draft ? "draft" : "published"}};
}

// The record as stored: a GET, POST or PUT answer without the fields the
// server derives or adds (a write answer's warnings).
json stored_record(json answer) {
  for (const char* derived : {"municipality_slug", "municipality_label", "theme_labels", "maturity_label", "province",
                              "province_slug", "reused_by", "reuse_count", "warnings"})
    answer.erase(derived);
  return answer;
}

// What the client knows about one case.
struct Change {
  std::string action;  // create | update | publish | unpublish | delete
  json after;          // null after a delete
};
struct Known {
  json state;                 // the acknowledged record; null: absent (never created, or deleted)
  std::vector<Change> acked;  // acknowledged changes, oldest first
  // An unacknowledged change (the connection died with the server): the
  // case is in `state` or in `pending`, and the client never touches it again.
  std::optional<json> pending;
};

struct RoundResult {
  int acknowledged = 0;
  std::vector<std::string> errors;  // unexpected answers
  std::string in_flight;            // the write the kill interrupted, if any
};

// Streams writes until the server stops answering (killed) or answers unexpectedly.
class Writer {
 public:
  Writer(std::map<std::string, Known>& cases, const Workspace& ws, std::uint32_t seed)
      : cases_(cases), ws_(ws), rng_(seed) {}

  void run(const ServerProcess& server, int round, std::atomic<bool>& killed, RoundResult& result,
           std::atomic<int>& acked, std::mutex& m, std::condition_variable& cv) {
    for (int n = 0; n < 10'000; ++n) {
      std::vector<std::string> live;
      for (const auto& [id, k] : cases_)
        if (!k.pending && !k.state.is_null()) live.push_back(id);
      const int dice = std::uniform_int_distribution<int>(0, 99)(rng_);
      std::string id, method, action;
      json record;  // null for a delete
      if (live.empty() || dice < 45) {
        id = "utrecht-crash-r" + std::to_string(round) + "-n" + std::to_string(n);
        record = make_record(id, 0, dice % 2 == 0);
        method = "POST";
        action = "create";
      } else {
        id = live[std::uniform_int_distribution<std::size_t>(0, live.size() - 1)(rng_)];
        const json& before = cases_[id].state;
        if (dice < 80) {
          const bool was_draft = before.at("visibility") == "draft";
          const bool draft = dice < 65 ? was_draft : !was_draft;  // some publish / unpublish
          record = make_record(id, version_++, draft);
          method = "PUT";
          action = draft == was_draft ? "update" : draft ? "unpublish" : "publish";
        } else {
          method = "DELETE";
          action = "delete";
        }
      }
      const std::string path = method == "POST" ? "/api/v1/cases" : "/api/v1/cases/" + id;
      ClientResponse r;
      for (int attempt = 0;; ++attempt) {
        r = request(method, server.url(path), {ws_.auth(), "Content-Type: application/json"},
                    record.is_null() ? std::string() : record.dump());
        // A lock left by the killed server's Xapian lock holder is released
        // when that process notices; the client retries as told.
        if (r.status != 503 || !r.headers.count("retry-after") || attempt >= 100) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      Known& k = cases_[id];
      const bool ok = (method == "POST" && r.status == 201) || (method == "PUT" && r.status == 200) ||
                      (method == "DELETE" && r.status == 204);
      if (ok) {
        if (method != "DELETE" && stored_record(r.json()) != record)
          result.errors.push_back(method + " " + id + " answered another record: " + r.body);
        k.state = record;
        k.acked.push_back({action, record});
        {
          std::lock_guard lock(m);
          ++acked;
        }
        cv.notify_all();
        ++result.acknowledged;
        continue;
      }
      if (r.status == 0 && killed) {  // the server died with this write in flight
        k.pending = record;
        result.in_flight = method + " " + id;
        return;
      }
      result.errors.push_back(method + " " + id + ": " + std::to_string(r.status) + " " + r.body);
      k.pending = record;  // unknown outcome
      {
        std::lock_guard lock(m);
        acked = 1'000'000;  // let the main thread go on
      }
      cv.notify_all();
      return;
    }
  }

 private:
  std::map<std::string, Known>& cases_;
  const Workspace& ws_;
  std::mt19937 rng_;
  int version_ = 1;
};

// Every acknowledged change is in the index and in the history.
void verify(const ServerProcess& server, const Workspace& ws, const std::map<std::string, Known>& cases) {
  for (const auto& [id, k] : cases) {
    SCOPED_TRACE("case " + id);
    const auto got = request("GET", server.url("/api/v1/cases/" + id), {ws.auth()});
    std::optional<json> now;  // nullopt: absent
    if (got.status == 200) {
      now = stored_record(got.json());
    } else {
      ASSERT_EQ(got.status, 404) << got.body;
    }
    const auto same = [&](const json& expected) { return expected.is_null() ? !now : now && *now == expected; };
    if (k.pending) {
      EXPECT_TRUE(same(k.state) || same(*k.pending))
          << "an unacknowledged write left neither the old nor the new state: " << (now ? now->dump() : "absent");
    } else {
      EXPECT_TRUE(same(k.state)) << "acknowledged: " << k.state.dump() << "\nfound: " << (now ? now->dump() : "absent");
    }

    // The history (newest first) lists every acknowledged change, in order;
    // it may list more (a change recorded but not acknowledged).
    const auto history = request("GET", server.url("/api/v1/cases/" + id + "/history"), {ws.auth()});
    ASSERT_EQ(history.status, 200) << history.body;
    auto changes = history.json().at("changes");
    std::reverse(changes.begin(), changes.end());
    std::size_t next = 0;
    for (const auto& c : changes)
      if (next < k.acked.size() && c.at("action") == k.acked[next].action && c.at("after") == k.acked[next].after) ++next;
    EXPECT_EQ(next, k.acked.size()) << "acknowledged change " << next << " (" << k.acked[std::min(next, k.acked.size() - 1)].action
                                    << ") missing from the history: " << changes.dump();
  }
}

TEST(CurationCrash, AcknowledgedWritesSurviveKill9) {
  std::uint32_t seed = 20260607;
  if (const char* s = std::getenv("KB_CRASH_SEED")) seed = static_cast<std::uint32_t>(std::strtoul(s, nullptr, 10));
  RecordProperty("seed", static_cast<int>(seed));
  SCOPED_TRACE("KB_CRASH_SEED=" + std::to_string(seed));
  std::mt19937 rng(seed);

  Workspace ws;
  ASSERT_EQ(ws.index_corpus(), 0) << slurp(ws.dir() / "indexer.log");
  ServerProcess server(ws.db(), ws.keys(), ws.history(), ws.dir() / "server.log");
  std::string error;
  ASSERT_TRUE(server.start(error)) << error;

  std::map<std::string, Known> cases;
  Writer writer(cases, ws, seed + 1);
  int total_acked = 0;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const int kill_after = std::uniform_int_distribution<int>(5, 40)(rng);
    std::atomic<bool> killed{false};
    std::atomic<int> acked{0};
    std::mutex m;
    std::condition_variable cv;
    RoundResult result;
    std::thread client([&] { writer.run(server, round, killed, result, acked, m, cv); });
    {
      std::unique_lock lock(m);
      ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(40), [&] { return acked >= kill_after; }))
          << "only " << acked << " writes acknowledged";
    }
    killed = true;
    const int status = server.kill(SIGKILL);
    client.join();
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "wait status " << status;
    for (const auto& e : result.errors) ADD_FAILURE() << e;
    ASSERT_GE(result.acknowledged, kill_after);
    std::cout << "[          ] round " << round << ": SIGKILL after " << kill_after << " acknowledged writes ("
              << result.acknowledged << " in all" << (result.in_flight.empty() ? "" : "; in flight: " + result.in_flight)
              << ")\n";
    total_acked += result.acknowledged;

    // The index as the kill left it passes xapian-check.
    if (const auto check = xapian_check(ws.db(), ws.dir() / "xapian-check.log")) {
      ASSERT_EQ(*check, 0) << slurp(ws.dir() / "xapian-check.log");
    }

    ASSERT_TRUE(server.start(error)) << error;
    verify(server, ws, cases);
    if (HasFatalFailure()) return;
  }
  EXPECT_GE(total_acked, 15);
  const int status = server.kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "wait status " << status;
  if (const auto check = xapian_check(ws.db(), ws.dir() / "xapian-check.log")) {
    EXPECT_EQ(*check, 0) << slurp(ws.dir() / "xapian-check.log");
  }
}

TEST(CurationExport, ExportWritesCuratedRecordsInCorpusLayout) {
  Workspace ws;
  ASSERT_EQ(ws.index_corpus(), 0) << slurp(ws.dir() / "indexer.log");
  ServerProcess server(ws.db(), ws.keys(), ws.history(), ws.dir() / "server.log");
  std::string error;
  ASSERT_TRUE(server.start(error)) << error;
  const std::vector<std::string> headers = {ws.auth(), "Content-Type: application/json"};

  const json draft = make_record("utrecht-export-concept", 0, true);
  const json published = make_record("utrecht-export-gepubliceerd", 0, false);
  const json doomed = make_record("utrecht-export-verwijderd", 0, false);
  for (const json& r : {draft, published, doomed}) {
    const auto created = request("POST", server.url("/api/v1/cases"), headers, r.dump());
    ASSERT_EQ(created.status, 201) << created.body;
  }
  ASSERT_EQ(request("DELETE", server.url("/api/v1/cases/" + doomed.at("id").get<std::string>()), {ws.auth()}).status, 204);
  // A corpus case, curated.
  const std::string corpus_id = "almere-floriade-2022-groene-stadswijk";
  json corpus_case = json::parse(slurp(std::string(KB_SOURCE_DIR) + "/corpus/cases/almere/" + corpus_id + ".json"));
  corpus_case["summary"] = corpus_case.at("summary").get<std::string>() + " Bijgewerkt door een curator.";
  const auto updated = request("PUT", server.url("/api/v1/cases/" + corpus_id), headers, corpus_case.dump());
  ASSERT_EQ(updated.status, 200) << updated.body;
  const std::string slug = updated.json().at("municipality_slug");

  // Exported while the server runs (it holds the write lock only per write).
  const fs::path out = ws.dir() / "export";
  ASSERT_EQ(run({KB_INDEXER_BIN, "--db", ws.db().string(), "--export", out.string()}, ws.dir() / "export.log"), 0)
      << slurp(ws.dir() / "export.log");
  const auto exported = [&](const std::string& municipality_slug, const json& record) -> std::optional<json> {
    const fs::path path = out / municipality_slug / (record.at("id").get<std::string>() + ".json");
    if (!fs::exists(path)) return std::nullopt;
    return json::parse(slurp(path));
  };
  EXPECT_EQ(exported("utrecht", draft).value_or(json()), draft) << "drafts are exported, visibility included";
  EXPECT_EQ(exported("utrecht", published).value_or(json()), published);
  EXPECT_FALSE(exported("utrecht", doomed).has_value()) << "a deleted case is not exported";
  EXPECT_EQ(exported(slug, corpus_case).value_or(json()), corpus_case);

  // Every file in the corpus layout: OUT/<municipality slug>/<id>.json; no temporaries.
  std::set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    EXPECT_EQ(entry.path().extension().string(), ".json") << entry.path().string();
    EXPECT_TRUE(entry.path().parent_path().parent_path() == out) << entry.path().string();
    files.insert(entry.path().stem().string());
  }
  const auto ids = index_ids(ws.db());
  EXPECT_EQ(files, ids);
  EXPECT_TRUE(ids.count(draft.at("id").get<std::string>()));

  // Re-indexing the export into a fresh index reproduces the same ids.
  const fs::path fresh = ws.dir() / "fresh";
  ASSERT_EQ(run({KB_INDEXER_BIN, "--db", fresh.string(), out.string()}, ws.dir() / "reindex.log"), 0)
      << slurp(ws.dir() / "reindex.log");
  EXPECT_EQ(index_ids(fresh), ids);
  const int status = server.kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "wait status " << status;
}

}  // namespace
}  // namespace kb::http::testing
