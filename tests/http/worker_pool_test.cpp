// Issue 15 point 2: a request that waited too long in the queue is answered
// 503 instead of run, and an expensive kind of request has a bound of its own.
#include "kb/http/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <sstream>

#include "kb/http/concurrency_slot.h"
#include "kb/stemming/lexicon.h"

namespace kb::http {
namespace {

using Clock = std::chrono::steady_clock;

class WorkerPoolTest : public ::testing::Test {
 protected:
  static AppConfig config_for(std::ostream& errors) {
    AppConfig config;
    config.db = std::filesystem::temp_directory_path() / "kb-worker-pool-test-no-index";
    config.error_log = &errors;
    return config;
  }
  std::ostringstream errors_;
  Application app_{config_for(errors_), stemming::Lexicon::load()};
};

TEST_F(WorkerPoolTest, ATaskQueuedPastTheDeadlineIsAnswered503NotRun) {
  // The pool's clock is the test's: it moves only when the test says so.
  std::atomic<long long> now_ms{0};
  WorkerPoolOptions options;
  options.threads = 1;
  options.queue_deadline = std::chrono::milliseconds(100);
  options.clock = [&] { return Clock::time_point(std::chrono::milliseconds(now_ms.load())); };
  WorkerPool pool(app_, options);

  std::promise<void> first_started, release_first;
  auto released = release_first.get_future().share();
  ASSERT_TRUE(pool.submit([&](WorkerContext&) { first_started.set_value(); released.wait(); }, nullptr));
  first_started.get_future().wait();  // the only worker is busy now

  std::atomic<bool> late_ran{false}, prompt_ran{false};
  std::promise<HttpResponse> late_answer;
  ASSERT_TRUE(pool.submit([&](WorkerContext&) { late_ran = true; },
                          [&](const HttpResponse& r) { late_answer.set_value(r); }));
  now_ms = 150;  // the second task has waited 150 ms by the time the worker is free
  ASSERT_TRUE(pool.submit([&](WorkerContext&) { prompt_ran = true; }, nullptr));  // queued at 150 ms
  release_first.set_value();
  const HttpResponse answer = late_answer.get_future().get();
  pool.wait_idle();
  EXPECT_FALSE(late_ran);
  EXPECT_EQ(answer.status, 503);
  EXPECT_TRUE(answer.header("retry-after").has_value());
  EXPECT_TRUE(prompt_ran) << "a task within its deadline still runs";
  EXPECT_NE(errors_.str().find("waited longer than 100 ms in the worker queue"), std::string::npos)
      << "the 503 is logged with its cause: " << errors_.str();
}

TEST(ConcurrencySlotTest, OnlyTheLimitRunsAtOnce) {
  std::atomic<unsigned> running{0};
  {
    const ConcurrencySlot first(running, 1, "analyze");
    EXPECT_EQ(running, 1u);
    EXPECT_THROW(ConcurrencySlot(running, 1, "analyze"), ServerBusy);
    EXPECT_EQ(running, 1u) << "a refused request holds no slot";
  }
  EXPECT_EQ(running, 0u);
  const ConcurrencySlot again(running, 1, "analyze");  // free again
  const ConcurrencySlot second(running, 2, "analyze");
  EXPECT_EQ(running, 2u);
}

}  // namespace
}  // namespace kb::http
