#include "kb/index/derivation.h"

#include <set>

namespace kb::index {

std::string derived_from_of(const nlohmann::json& record) {
  const auto it = record.find("derived_from");
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> derivation_cycle(const std::string& id, const std::string& derived_from,
                                          const DerivedFromLookup& lookup) {
  std::vector<std::string> path{id};
  std::set<std::string> visited{id};
  std::string next = derived_from;
  while (!next.empty()) {
    path.push_back(next);
    if (next == id) return path;
    if (!visited.insert(next).second) break;  // an older cycle elsewhere: not this record's to report
    const std::optional<std::string> parent = lookup(next);
    if (!parent) break;  // unknown: dangling, not a cycle
    next = *parent;
  }
  return {};
}

namespace {

// Keeps the string value of the key "derived_from" at depth 1 and stops the
// parse there; everything else is skipped.
class DerivedFromSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::string found;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t& s) override {
    if (wanted_ && depth_ == 1) {
      found = s;
      return false;  // done: stop parsing
    }
    return value();
  }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    wanted_ = depth_ == 1 && k == "derived_from";
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool value() {
    wanted_ = false;
    return true;
  }
  bool open() {
    wanted_ = false;
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  int depth_ = 0;
  bool wanted_ = false;
};

}  // namespace

std::string scan_derived_from(std::string_view text) {
  // Most records have no derived_from at all: a substring search settles those.
  if (text.find("\"derived_from\"") == std::string_view::npos) return {};
  DerivedFromSax sax;
  nlohmann::json::sax_parse(text.begin(), text.end(), &sax, nlohmann::json::input_format_t::json, false);
  return sax.found;
}

std::string describe_cycle(const std::vector<std::string>& cycle) {
  std::string out;
  for (const auto& id : cycle) out += (out.empty() ? "" : " -> ") + id;
  return out;
}

}  // namespace kb::index
