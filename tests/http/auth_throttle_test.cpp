// Issue 15 point 6: wrong curation keys are throttled per client address.
#include "kb/http/auth_throttle.h"

#include <gtest/gtest.h>

#include <atomic>

#include "http_client.h"

namespace kb::http {
namespace {

using namespace std::chrono_literals;

TEST(AuthThrottleTest, ABurstOfWrongKeysWaitsOutItsWindow) {
  std::atomic<long long> now_s{1000};
  AuthThrottle throttle({3, 60s, 100}, [&] { return AuthThrottle::Clock::time_point(std::chrono::seconds(now_s.load())); });
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(throttle.wait_for("10.0.0.1"), std::nullopt) << i;
    throttle.failed("10.0.0.1");
  }
  now_s += 20;
  EXPECT_EQ(throttle.wait_for("10.0.0.1"), 40s);          // the rest of its window
  EXPECT_EQ(throttle.wait_for("10.0.0.2"), std::nullopt);  // another address is not affected
  now_s += 40;
  EXPECT_EQ(throttle.wait_for("10.0.0.1"), std::nullopt);  // window over: forgotten
  EXPECT_EQ(throttle.tracked(), 0u);
}

TEST(AuthThrottleTest, MemoryIsBoundedByMaxClients) {
  std::atomic<long long> now_s{0};
  AuthThrottle throttle({1, 60s, 2}, [&] { return AuthThrottle::Clock::time_point(std::chrono::seconds(now_s.load())); });
  throttle.failed("a");
  throttle.failed("b");
  throttle.failed("c");  // full: not tracked
  EXPECT_EQ(throttle.tracked(), 2u);
  EXPECT_EQ(throttle.wait_for("c"), std::nullopt);
  now_s = 61;
  throttle.failed("c");  // the expired ones make room
  EXPECT_EQ(throttle.tracked(), 1u);
  EXPECT_NE(throttle.wait_for("c"), std::nullopt);
}

// Its own suite: a fresh server, so no other test's wrong keys count.
class AuthThrottleApi : public testing::ServerFixture {};

TEST_F(AuthThrottleApi, TheEleventhWrongKeyIs429EvenWithTheRightKeyThen) {
  using testing::request;
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(request("GET", url("/api/v1/cases"), {"Authorization: Bearer wrong-key-guess-" + std::to_string(i)}).status,
              401) << i;
  const auto refused = request("GET", url("/api/v1/cases"), {auth()});
  EXPECT_EQ(refused.status, 429) << refused.body;
  ASSERT_TRUE(refused.headers.count("retry-after"));
  EXPECT_GE(std::stol(refused.headers.at("retry-after")), 1);
  EXPECT_LE(std::stol(refused.headers.at("retry-after")), 60);
  EXPECT_EQ(refused.json().at("status"), 429);
  // Reading stays open; the metric counts what happened.
  EXPECT_EQ(request("GET", url("/api/v1/facets")).status, 200);
  const auto metrics = request("GET", url("/metrics")).body;
  EXPECT_NE(metrics.find("kb_auth_refusals_total{outcome=\"wrong_key\"} 10"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("kb_auth_refusals_total{outcome=\"throttled\"} 1"), std::string::npos) << metrics;
}

}  // namespace
}  // namespace kb::http
