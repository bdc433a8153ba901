#include "http_client.h"

#include <cerrno>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "kb/index/indexer_run.h"

#ifndef KB_SOURCE_DIR
#define KB_SOURCE_DIR "."
#endif

namespace kb::http::testing {
namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* out) {
  std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

}  // namespace

ClientResponse request(const std::string& method, const std::string& url, const std::vector<std::string>& headers,
                       const std::string& body) {
  ClientResponse r;
  CURL* curl = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  if (!body.empty() || method == "POST" || method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return r;
}

namespace {

// A loopback connection with a 5 s receive time-out, `bytes` sent; -1 when it cannot connect.
int connect_and_send(std::uint16_t port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  return fd;
}

}  // namespace

std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
  const int fd = connect_and_send(port, bytes);
  if (fd < 0) return {};
  std::string out;
  char buf[4096];
  while (true) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.find("\r\n\r\n") != std::string::npos) {
      // Enough once the declared body has arrived.
      const auto cl = out.find("Content-Length: ");
      if (cl != std::string::npos) {
        const auto len = std::stoul(out.substr(cl + 16));
        if (out.size() >= out.find("\r\n\r\n") + 4 + len) break;
      }
    }
  }
  ::close(fd);
  return out;
}

RawAnswer raw_exchange_to_end(std::uint16_t port, const std::string& bytes) {
  RawAnswer answer;
  const int fd = connect_and_send(port, bytes);
  if (fd < 0) return answer;
  char buf[4096];
  while (true) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0 || (n < 0 && errno == ECONNRESET)) {
      answer.closed = true;
      break;
    }
    if (n < 0) break;  // the time-out: still open
    answer.text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

std::filesystem::path ServerFixture::dir_;
std::string ServerFixture::key_;
std::unique_ptr<Application> ServerFixture::app_;
std::unique_ptr<HttpServer> ServerFixture::server_;

void ServerFixture::SetUpTestSuite() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  char tmpl[] = "/tmp/kb-http-test-XXXXXX";
  dir_ = mkdtemp(tmpl);
  index::RunOptions options;
  options.db = dir_ / "index";
  options.inputs = {std::string(KB_SOURCE_DIR) + "/corpus/cases"};
  std::ostringstream log;
  std::istringstream none;
  ASSERT_EQ(index::run_indexer(options, none, log).exit_code, 0) << log.str();
  key_ = "test-secret-" + std::to_string(::getpid()) + "-0123456789abcdef";
  std::ofstream(dir_ / "keys") << "# test keys\ncurator-test:" << key_ << "\n";
  AppConfig config;
  config.db = dir_ / "index";
  config.keys_file = dir_ / "keys";
  config.history_file = dir_ / "history.jsonl";
  config.cors_origins = {"*"};
  config.curation_origins = {"https://curatie.example.nl"};
  config.export_dir = dir_ / "exports";
  std::filesystem::create_directories(config.export_dir);
  app_ = std::make_unique<Application>(config, stemming::Lexicon::load());
  ServerOptions server;
  server.port = 0;
  server.workers = 2;
  server_ = std::make_unique<HttpServer>(*app_, server);
  server_->start();
  ASSERT_NE(server_->port(), 0);
  // Ready when /readyz answers 200 (the listener is bound once start returns);
  // every test of the suite fails here when it never does.
  long ready = 0;
  for (int i = 0; i < 500 && (ready = request("GET", url("/readyz")).status) != 200; ++i) ::usleep(20'000);
  ASSERT_EQ(ready, 200) << "kb-server's /readyz never answered 200";
}

void ServerFixture::TearDownTestSuite() {
  server_.reset();
  app_.reset();
  std::filesystem::remove_all(dir_);
}

std::string ServerFixture::url(const std::string& path) {
  return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
}

}  // namespace kb::http::testing
