// Issue 15 point 4: the request head is read strictly before Pistache sees
// it: what a proxy in front could read differently is refused.
#include "kb/http/request_head.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <gtest/gtest.h>

#include <string>

#include "http_client.h"
#include "kb/http/http_server.h"

namespace kb::http {
namespace {

struct HeadCase {
  const char* name;
  const char* head;
  int status;  // 0: accepted
};

TEST(RequestHeadTest, RefusesWhatCouldBeReadTwoWays) {
  const HeadCase cases[] = {
      {"plain", "GET / HTTP/1.1\r\nHost: x", 0},
      {"body", "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Length: 12", 0},
      {"HTTP/1.0 without Host", "GET / HTTP/1.0", 0},
      {"two Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 40", 400},
      {"the same twice", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\ncontent-length: 4", 400},
      {"Content-Length abc", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc", 400},
      {"Content-Length +2", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +2", 400},
      {"Content-Length 2, 2", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2", 400},
      {"Content-Length -1", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1", 400},
      {"Content-Length huge", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999", 400},
      {"Content-Length over the limit", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577", 413},
      {"chunked", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked", 411},
      {"chunked and length", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3", 400},
      {"no Host", "GET / HTTP/1.1", 400},
      {"two Host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b", 400},
      {"space before colon", "GET / HTTP/1.1\r\nHost : x", 400},
      {"folded", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b", 400},
      {"no name", "GET / HTTP/1.1\r\nHost: x\r\n: v", 400},
  };
  for (const auto& c : cases) {
    const auto problem = check_request_head(c.head, 1u << 20);
    EXPECT_EQ(problem ? problem->status : 0, c.status) << c.name << (problem ? ": " + problem->reason : "");
  }
  EXPECT_EQ(check_request_head(std::string(kMaxRequestHead + 1, 'a'), 1u << 20)->status, 431);
}

class RawHttp : public testing::ServerFixture {};

// Over a socket: refused with a problem document and the connection closed,
// so that nothing after it is read as a request.
TEST_F(RawHttp, SmugglingShapesAreRefusedAndTheConnectionClosed) {
  const std::string smuggled = "POST /api/v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 60\r\n\r\n"
                               "abcdGET /api/v1/cases HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const std::string& bytes : {smuggled, std::string("GET /healthz HTTP/1.1\r\n\r\n"),
                                   std::string("GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n")}) {
    const auto answer = testing::raw_exchange_to_end(server_->port(), bytes);
    EXPECT_TRUE(answer.closed) << bytes;
    EXPECT_EQ(answer.text.rfind("HTTP/1.1 400", 0), 0u) << answer.text;
    EXPECT_NE(answer.text.find("application/problem+json"), std::string::npos) << answer.text;
    EXPECT_EQ(answer.text.find("}HTTP/"), std::string::npos) << "one answer only: " << answer.text;
  }
}

TEST_F(RawHttp, ConnectionCloseAndHttp10CloseAfterTheAnswer) {
  for (const std::string& bytes : {std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                                   std::string("GET /healthz HTTP/1.0\r\n\r\n")}) {
    const auto answer = testing::raw_exchange_to_end(server_->port(), bytes);
    EXPECT_TRUE(answer.closed) << bytes;
    EXPECT_NE(answer.text.find(" 200 OK"), std::string::npos) << answer.text;
  }
}

// Pipelined requests are not silently dropped (the connection used to hang
// after one answer): the first is answered with Connection: close and the
// connection ends, so the client sends the others again.
TEST_F(RawHttp, PipelinedRequestsEndTheConnectionAfterTheFirstAnswer) {
  const std::string three = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                            "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n";
  const auto answer = testing::raw_exchange_to_end(server_->port(), three);
  EXPECT_TRUE(answer.closed) << answer.text;
  EXPECT_EQ(answer.text.rfind("HTTP/1.1 200", 0), 0u) << answer.text;
  EXPECT_NE(answer.text.find("Connection: Close"), std::string::npos) << answer.text;
  // One request per connection is kept alive as before.
  const auto one = testing::raw_exchange(server_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(one.find("Connection: Keep-Alive"), std::string::npos) << one;
}

// A head or body that does not arrive in time gets a 408 problem document
// (Pistache's own 408 had no body) and the connection ends. A server of its
// own with a 1 s header time-out, beside the fixture's.
TEST_F(RawHttp, ARequestNotReceivedInTimeIsA408ProblemDocument) {
  ServerOptions options;
  options.port = 0;
  options.workers = 1;
  options.header_timeout_s = 1;
  options.body_timeout_s = 1;
  HttpServer quick(*app_, options);
  quick.start();
  for (const std::string& partial : {std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n"),
                                     std::string("POST /api/v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab")}) {
    const auto answer = testing::raw_exchange_to_end(quick.port(), partial);
    EXPECT_TRUE(answer.closed) << answer.text;
    EXPECT_EQ(answer.text.rfind("HTTP/1.1 408", 0), 0u) << answer.text;
    EXPECT_NE(answer.text.find("application/problem+json"), std::string::npos) << answer.text;
    EXPECT_NE(answer.text.find("\"status\":408"), std::string::npos) << answer.text;
  }
  // A prompt request on the same server is not affected.
  const auto prompt = testing::raw_exchange(quick.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(prompt.find(" 200 OK"), std::string::npos) << prompt;
  quick.stop();
}

// Issue 15 point 5: beyond the connection cap a connection is answered 503
// and closed at once; once one closes there is room again.
TEST_F(RawHttp, ConnectionsBeyondTheCapAre503AndClosed) {
  ServerOptions options;
  options.port = 0;
  options.workers = 1;
  options.max_connections = 2;
  HttpServer capped(*app_, options);
  capped.start();
  auto open_idle = [&] {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(capped.port());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    return fd;
  };
  const int first = open_idle(), second = open_idle();
  // The cap counts connections the server has accepted: wait until both are.
  testing::RawAnswer third;
  for (int attempt = 0; attempt < 200; ++attempt) {
    third = testing::raw_exchange_to_end(capped.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    if (third.text.rfind("HTTP/1.1 503", 0) == 0) break;
  }
  EXPECT_TRUE(third.closed);
  EXPECT_EQ(third.text.rfind("HTTP/1.1 503", 0), 0u) << third.text;
  EXPECT_NE(third.text.find("application/problem+json"), std::string::npos) << third.text;
  ::close(first);
  std::string after;
  for (int attempt = 0; attempt < 200 && after.find(" 200 OK") == std::string::npos; ++attempt)
    after = testing::raw_exchange(capped.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(after.find(" 200 OK"), std::string::npos) << "room again after a connection closed: " << after;
  ::close(second);
  capped.stop();
}

TEST_F(RawHttp, ABodyOverTheLimitIs413BeforeItIsSent) {
  const std::string head = "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Content-Length: 50000000\r\n\r\n{";
  const auto answer = testing::raw_exchange_to_end(server_->port(), head);
  EXPECT_TRUE(answer.closed);
  EXPECT_EQ(answer.text.rfind("HTTP/1.1 413", 0), 0u) << answer.text;
}

}  // namespace
}  // namespace kb::http
