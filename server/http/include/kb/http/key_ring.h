#pragma once
// Curation keys, configured by the operator (never in the repository): one
// key a line as `name:secret`, `#` starts a comment. The name is what the
// history records; the secret is compared in constant time and never logged.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb::http {

class KeyRing {
 public:
  KeyRing() = default;
  static KeyRing load(const std::filesystem::path& file);  // throws std::runtime_error naming file:line
  static KeyRing parse(std::string_view text);             // throws std::runtime_error naming the line
  // The name of the key whose secret equals `secret`.
  std::optional<std::string> authenticate(std::string_view secret) const;
  bool empty() const noexcept { return keys_.empty(); }

 private:
  struct Key {
    std::string name, secret;
  };
  std::vector<Key> keys_;
};

}  // namespace kb::http
