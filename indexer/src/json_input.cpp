#include "kb/index/json_input.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

#include "kb/stemming/utf8.h"

namespace kb::index {
namespace {

using nlohmann::json;

// 1-based line number of byte offset `pos` (clamped to the text).
std::size_t line_of(std::string_view text, std::size_t pos) noexcept {
  pos = std::min(pos, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

JsonParseResult failure(std::string error, std::size_t line) {
  JsonParseResult r;
  r.error = std::move(error);
  r.line = line;
  return r;
}

// '\n' never occurs inside a multi-byte UTF-8 sequence, so the first line that is
// not valid on its own holds the first bad byte.
std::size_t first_invalid_utf8_line(std::string_view text) noexcept {
  std::size_t line = 1;
  while (true) {
    const auto nl = text.find('\n');
    if (!kb::stemming::is_valid_utf8(text.substr(0, nl))) return line;
    if (nl == std::string_view::npos) return 0;
    text.remove_prefix(nl + 1);
    ++line;
  }
}

// Byte offset of the first bracket that opens level max_depth + 1, or npos.
// Brackets inside strings do not count; escapes inside strings are skipped.
std::size_t too_deep_at(std::string_view text, std::size_t max_depth) noexcept {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character (a \uXXXX's hex digits are harmless)
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '[':
      case '{':
        if (++depth > max_depth) return i;
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;  // unbalanced input is the parser's to report
        break;
      default: break;
    }
  }
  return std::string_view::npos;
}

// A SAX consumer that ignores the content and keeps the first syntax error.
struct ErrorRecorder {
  std::size_t position = 0;
  std::string message;

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t pos, const std::string&, const json::exception& ex) {
    position = pos;
    message = ex.what();
    return false;
  }
};

// 1-based column (in code points) of byte offset `pos` within its line; a
// newline is the last character of the line it ends.
std::size_t column_of(std::string_view text, std::size_t pos) noexcept {
  pos = std::min(pos, text.size());
  const auto nl = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
  const std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
  std::size_t column = 1;
  for (std::size_t i = start; i < pos; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u) ++column;
  return column;
}

// "[json.exception.parse_error.101] parse error at line 2, column 5: syntax error while parsing value - ..."
// -> "syntax error while parsing value - ..." (the position is reported by the caller,
// counted so that a newline belongs to the line it ends).
// Long tokens ("last read: '<10 MB string>'") are cut to kMaxReason code points.
std::string reason_of(const std::string& message) {
  constexpr std::size_t kMaxReason = 200;
  std::string_view reason = message;
  const auto column = reason.find("column ");
  if (const auto colon = reason.find(": ", column == std::string_view::npos ? 0 : column);
      colon != std::string_view::npos) {
    reason.remove_prefix(colon + 2);
  } else if (const auto close = reason.find("] "); close != std::string_view::npos) {
    reason.remove_prefix(close + 2);
  }
  if (reason.starts_with("syntax error ")) reason.remove_prefix(13);
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < reason.size(); ++i) {
    if ((static_cast<unsigned char>(reason[i]) & 0xC0u) == 0x80u) continue;
    if (++code_points > kMaxReason) return std::string(reason.substr(0, i)) + "\u2026";
  }
  return std::string(reason);
}

// Watches the parser (nlohmann's parse callback) for an object that names a
// key twice: JSON leaves that undefined and nlohmann keeps the last value, so
// a record could mean one thing to one reader and another to the next.
// Remembers the first such key's path ("links[0].title").
class DuplicateKeyWatch {
 public:
  bool operator()(int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: stack_.push_back({true, {}, 0}); break;
      case json::parse_event_t::array_start: stack_.push_back({false, {}, 0}); break;
      case json::parse_event_t::key: {
        Frame& frame = stack_.back();
        std::string key = parsed.get<std::string>();
        if (!duplicate_ && std::find(frame.keys.begin(), frame.keys.end(), key) != frame.keys.end())
          duplicate_ = path() + (stack_.size() > 1 ? "." : "") + key;
        frame.keys.push_back(std::move(key));
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        stack_.pop_back();
        element_done();
        break;
      case json::parse_event_t::value: element_done(); break;
    }
    return true;
  }
  const std::optional<std::string>& duplicate() const noexcept { return duplicate_; }

 private:
  struct Frame {
    bool object;
    std::vector<std::string> keys;  // an object's keys so far (its last is the current one)
    std::size_t index;              // an array's elements so far
  };
  void element_done() {
    if (!stack_.empty() && !stack_.back().object) ++stack_.back().index;
  }
  // Where the innermost object sits: "links[0]", "" at the top.
  std::string path() const {
    std::string out;
    for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
      const Frame& f = stack_[i];
      if (f.object) {
        if (!out.empty()) out += '.';
        out += f.keys.empty() ? std::string() : f.keys.back();
      } else {
        out += '[' + std::to_string(f.index) + ']';
      }
    }
    return out;
  }
  std::vector<Frame> stack_;
  std::optional<std::string> duplicate_;
};

}  // namespace

JsonParseResult parse_json(std::string_view text, std::size_t max_depth) {
  if (!kb::stemming::is_valid_utf8(text)) {
    const std::size_t line = first_invalid_utf8_line(text);
    return failure("invalid UTF-8 at line " + std::to_string(line), line);
  }
  if (const auto at = too_deep_at(text, max_depth); at != std::string_view::npos) {
    const std::size_t line = line_of(text, at);
    return failure("nesting deeper than " + std::to_string(max_depth) + " levels at line " + std::to_string(line),
                   line);
  }
  DuplicateKeyWatch watch;
  json value = json::parse(text.begin(), text.end(), std::ref(watch), /*allow_exceptions=*/false);
  if (!value.is_discarded() && watch.duplicate()) {
    JsonParseResult r = failure("duplicate key '" + *watch.duplicate() + "': an object names it twice", 0);
    r.field = *watch.duplicate();
    return r;
  }
  if (!value.is_discarded()) {
    JsonParseResult ok;
    ok.value = std::move(value);
    return ok;
  }
  // Parse again, exception-free, only to learn where and why it failed.
  ErrorRecorder recorder;
  json::sax_parse(text.begin(), text.end(), &recorder);
  // `position` counts characters read, so the offending byte is position - 1.
  const std::size_t at = recorder.position == 0 ? 0 : recorder.position - 1;
  const std::size_t line = line_of(text, at);
  std::string message = "syntax error at line " + std::to_string(line) + ", column " +
                        std::to_string(column_of(text, at));
  if (!recorder.message.empty()) message += ": " + reason_of(recorder.message);
  return failure(std::move(message), line);
}

}  // namespace kb::index
