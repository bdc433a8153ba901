#include "kb/http/key_ring.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "kb/stemming/ascii_text.h"

namespace kb::http {
namespace {

constexpr std::size_t kMinSecret = 16;

// Compares without an early exit, so the time does not tell how many leading
// bytes were right.
bool equal_constant_time(std::string_view a, std::string_view b) {
  unsigned char diff = static_cast<unsigned char>(a.size() != b.size());
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
    const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
    diff = static_cast<unsigned char>(diff | (x ^ y));
  }
  return diff == 0;
}

}  // namespace

KeyRing KeyRing::parse(std::string_view text) {
  KeyRing ring;
  stemming::for_each_content_line(text, [&](std::size_t line_no, std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
      throw std::runtime_error("line " + std::to_string(line_no) + ": expected name:secret");
    const std::string_view secret = stemming::trim_blanks(line.substr(colon + 1));
    if (secret.size() < kMinSecret)
      throw std::runtime_error("line " + std::to_string(line_no) + ": the secret must have at least " +
                               std::to_string(kMinSecret) + " characters");
    ring.keys_.push_back({std::string(stemming::trim_blanks(line.substr(0, colon))), std::string(secret)});
  });
  return ring;
}

KeyRing KeyRing::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the keys file " + file.string());
  std::ostringstream s;
  s << in.rdbuf();
  try {
    return parse(s.str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
}

std::optional<std::string> KeyRing::authenticate(std::string_view secret) const {
  std::optional<std::string> found;
  for (const auto& key : keys_)  // no early exit: every key is compared
    if (equal_constant_time(key.secret, secret) && !found) found = key.name;
  return found;
}

}  // namespace kb::http
