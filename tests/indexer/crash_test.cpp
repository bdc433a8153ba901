// Regression test for issue 4 (atomic runs): a kb-indexer run killed with
// SIGKILL at any moment must leave the previous commit intact — the index
// opens, holds exactly the documents it held before the run, and passes
// xapian-check.
//
// The real kb-indexer binary reads its input from a pipe on stdin. The test
// writes part of the records into the pipe and keeps it open, so the indexer
// is deterministically mid-run (it commits only after the end of its input)
// when it is killed. XAPIAN_FLUSH_THRESHOLD is lowered so that the
// uncommitted changes really reach the database files before the kill; the
// test waits until they do.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "index_test_support.h"
#include "kb/index/index_writer.h"

namespace kb::index {
namespace {

namespace fs = std::filesystem;
using testing::make_case;
using testing::TempDir;

constexpr std::size_t kBaseline = 5;      // case-1..case-5, committed before the run
constexpr std::size_t kBigRecords = 3000;  // the killed run's input

// The killed run's input: new versions of the baseline records first (so a
// partial apply would show), then new records.
const std::vector<std::string>& big_input_lines() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    for (std::size_t n = 1; n <= kBaseline; ++n) out.push_back(make_case(n, 1).dump() + '\n');
    for (std::size_t n = 1001; out.size() < kBigRecords; ++n) out.push_back(make_case(n).dump() + '\n');
    return out;
  }();
  return lines;
}

// Size and modification time of every file in a directory.
std::map<std::string, std::pair<std::uintmax_t, std::int64_t>> dir_state(const fs::path& dir) {
  std::map<std::string, std::pair<std::uintmax_t, std::int64_t>> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    struct stat st {};
    if (::stat(entry.path().c_str(), &st) != 0) continue;
    out[entry.path().filename().string()] = {static_cast<std::uintmax_t>(st.st_size),
                                             static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
  }
  return out;
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// xapian-check's exit status and output; skipped (-1) when it is not installed.
std::pair<int, std::string> xapian_check(const fs::path& db) {
  if (!fs::exists("/usr/bin/xapian-check")) return {-1, "xapian-check not installed"};
  const std::string command = "/usr/bin/xapian-check '" + db.string() + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return {-2, "popen failed"};
  std::string output;
  char buffer[4096];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128, output};
}

// A kb-indexer child reading JSONL from a pipe.
class IndexerProcess {
 public:
  IndexerProcess(const fs::path& db, const fs::path& log, bool small_flush_threshold) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    ::fcntl(fds[1], F_SETPIPE_SZ, 4096);  // little slack: what is written has mostly been read
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (log_fd < 0) throw std::runtime_error("cannot open " + log.string());
    const std::string bin = KB_INDEXER_BIN, db_arg = db.string();
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[0], STDIN_FILENO);
      ::dup2(log_fd, STDOUT_FILENO);
      ::dup2(log_fd, STDERR_FILENO);
      if (small_flush_threshold) ::setenv("XAPIAN_FLUSH_THRESHOLD", "100", 1);
      ::execl(bin.c_str(), "kb-indexer", "--db", db_arg.c_str(), "-", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[0]);
    ::close(log_fd);
    if (pid_ < 0) {
      ::close(fds[1]);
      throw std::runtime_error("fork failed");
    }
    stdin_fd_ = fds[1];
  }
  ~IndexerProcess() {
    close_input();
    kill_and_wait();
  }
  IndexerProcess(const IndexerProcess&) = delete;
  IndexerProcess& operator=(const IndexerProcess&) = delete;

  bool write(const std::string& data) { return write_all(stdin_fd_, data); }
  void close_input() {
    if (stdin_fd_ >= 0) ::close(stdin_fd_);
    stdin_fd_ = -1;
  }
  // Reaps the child if it has exited (so it is never signalled after that).
  bool running() {
    if (pid_ <= 0) return false;
    if (::waitpid(pid_, &status_, WNOHANG) == 0) return true;
    pid_ = -1;
    return false;
  }
  // Returns the wait status.
  int kill_and_wait() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
    return wait();
  }
  int wait() {
    if (pid_ > 0) {
      while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
      }
      pid_ = -1;
    }
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  int stdin_fd_ = -1;
};

class AtomicRunFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { lexicon_ = testing::shared_lexicon(); }
  static void TearDownTestSuite() { lexicon_.reset(); }

  void SetUp() override {
    ASSERT_TRUE(fs::exists(KB_INDEXER_BIN)) << KB_INDEXER_BIN;
    old_sigpipe_ = ::signal(SIGPIPE, SIG_IGN);  // a dead child must fail a write, not the test binary
    tmp_ = std::make_unique<TempDir>();
    db_ = tmp_->path() / "index";
    {
      IndexWriter writer(db_, WriterOptions{}, lexicon_, testing::builtin_registry());
      for (std::size_t n = 1; n <= kBaseline; ++n) writer.upsert(make_case(n));
      writer.commit();
    }
    baseline_ = testing::snapshot(db_);
    ASSERT_EQ(baseline_.size(), kBaseline);
  }
  void TearDown() override {
    tmp_.reset();
    ::signal(SIGPIPE, old_sigpipe_);
  }

  std::string log() const { return testing::read_text(tmp_->path() / "kb-indexer.log"); }

  // The index is openable, consistent and usable after the kill.
  void expect_healthy_index() {
    Xapian::Database db;
    ASSERT_NO_THROW(db = Xapian::Database(db_.string()));
    EXPECT_NO_THROW(schema::check_compatible(db, db_.string()));
    const auto [status, output] = xapian_check(db_);
    if (status != -1) {
      EXPECT_EQ(status, 0) << output;
    }
    // The lock died with the process: a new writer can open the index.
    EXPECT_NO_THROW({ const IndexWriter writer(db_, WriterOptions{}, lexicon_, testing::builtin_registry()); });
  }

  static std::shared_ptr<const stemming::Lexicon> lexicon_;
  std::unique_ptr<TempDir> tmp_;
  fs::path db_;
  std::map<std::string, testing::DocSnapshot> baseline_;
  void (*old_sigpipe_)(int) = nullptr;
};

std::shared_ptr<const stemming::Lexicon> AtomicRunFixture::lexicon_;

// The test names say what they guard: issue 4, atomic runs.
class Issue4AtomicRunTest : public AtomicRunFixture, public ::testing::WithParamInterface<int> {};
class Issue4AtomicCommitTest : public AtomicRunFixture {};

// Killed while its input is still open: it has read and indexed `percent` of
// the records (and flushed uncommitted blocks to disk), but never committed.
TEST_P(Issue4AtomicRunTest, SigkillMidRunLeavesThePreviousCommitIntact) {
  const auto& lines = big_input_lines();
  const std::size_t kill_after = lines.size() * static_cast<std::size_t>(GetParam()) / 100;
  const auto before = dir_state(db_);

  IndexerProcess indexer(db_, tmp_->path() / "kb-indexer.log", /*small_flush_threshold=*/true);
  std::string chunk;
  for (std::size_t i = 0; i < kill_after; ++i) chunk += lines[i];
  ASSERT_TRUE(indexer.write(chunk)) << "kb-indexer died early:\n" << log();

  // It has read all but a few KB of that; wait until its uncommitted
  // changes show in the database files (bounded, in case they never do).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (dir_state(db_) == before) {
    ASSERT_TRUE(indexer.running()) << "kb-indexer exited before the kill:\n" << log();
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "kb-indexer never wrote to " << db_;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(indexer.running()) << log();
  const int status = indexer.kill_and_wait();
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status << "\n" << log();

  expect_healthy_index();
  EXPECT_EQ(testing::doc_count(db_), kBaseline);
  EXPECT_TRUE(testing::snapshot(db_) == baseline_) << "the killed run left part of its changes in the index";
}

INSTANTIATE_TEST_SUITE_P(KillPoints, Issue4AtomicRunTest, ::testing::Values(10, 50, 90),
                         [](const ::testing::TestParamInfo<int>& kill_point) {
                           return "After" + std::to_string(kill_point.param) + "Percent";
                         });

// Killed after the end of its input, as soon as its commit starts writing
// to the database files: the index holds either the previous
// commit or the whole run — never a part of it. Then a normal re-run completes.
TEST_F(Issue4AtomicCommitTest, SigkillAroundTheCommitLeavesOldOrNewState) {
  const auto& lines = big_input_lines();
  std::string all;
  for (const auto& l : lines) all += l;
  {
    IndexerProcess indexer(db_, tmp_->path() / "kb-indexer.log", /*small_flush_threshold=*/false);
    ASSERT_TRUE(indexer.write(all)) << log();
    indexer.close_input();
    // Uncommitted changes stay in memory (the default flush threshold is
    // above the run's size), so the first change to the database files is the
    // commit writing its blocks: kill it right then.
    const auto before = dir_state(db_);
    while (indexer.running() && dir_state(db_) == before) {
    }
    indexer.kill_and_wait();
  }
  expect_healthy_index();
  const auto count = testing::doc_count(db_);
  RecordProperty("state_after_kill", count == kBaseline ? "previous commit" : "new commit");
  if (count == kBaseline) {
    EXPECT_TRUE(testing::snapshot(db_) == baseline_);
  } else {
    EXPECT_EQ(count, kBigRecords) << "a partial run is visible";
    EXPECT_EQ(testing::stored_record(db_, "case-1"), make_case(1, 1));
  }

  // A normal run afterwards brings the index to the new state.
  RunOptions options;
  options.db = db_;
  options.inputs = {"-"};
  std::istringstream in(all);
  std::ostringstream err;
  const RunSummary s = run_indexer(options, in, err);
  EXPECT_EQ(s.exit_code, 0) << err.str();
  EXPECT_EQ(s.indexed + s.unchanged, kBigRecords);
  EXPECT_EQ(testing::doc_count(db_), kBigRecords);
  const auto [status, output] = xapian_check(db_);
  if (status != -1) {
    EXPECT_EQ(status, 0) << output;
  }
}

}  // namespace
}  // namespace kb::index
