#pragma once
// A small libcurl client and a fixture that runs kb-server's Application and
// HttpServer in-process on a free port over a temporary index of the corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kb/http/application.h"
#include "kb/http/http_server.h"

namespace kb::http::testing {

struct ClientResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

ClientResponse request(const std::string& method, const std::string& url,
                       const std::vector<std::string>& headers = {}, const std::string& body = {});

// Sends raw bytes and returns everything the server answers before closing.
std::string raw_exchange(std::uint16_t port, const std::string& bytes);

// Sends raw bytes and reads until the server closes the connection (closed)
// or 5 s pass without a byte (still open).
struct RawAnswer {
  std::string text;
  bool closed = false;
};
RawAnswer raw_exchange_to_end(std::uint16_t port, const std::string& bytes);

class ServerFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  static std::string url(const std::string& path);
  static const std::string& key() { return key_; }
  static std::string auth() { return "Authorization: Bearer " + key_; }

  static std::filesystem::path dir_;
  static std::string key_;
  static std::unique_ptr<Application> app_;
  static std::unique_ptr<HttpServer> server_;
};

}  // namespace kb::http::testing
