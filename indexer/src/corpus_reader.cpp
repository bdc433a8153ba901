#include "kb/index/corpus_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kb::index {
namespace fs = std::filesystem;
namespace {

bool read_jsonl(std::istream& in, const std::string& name, const std::function<void(const SourceRecord&)>& on_record,
                const std::function<void(const std::string&, const std::string&)>& on_error, ReadLimits limits) {
  std::string line;
  std::size_t number = 0;
  bool ok = true;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line.size() > limits.max_record_bytes) {
      on_error(name + ":" + std::to_string(number), "record larger than " + std::to_string(limits.max_record_bytes) + " bytes");
      ok = false;
      continue;
    }
    on_record(SourceRecord{name, number, std::move(line)});
    line.clear();
  }
  if (in.bad()) {
    on_error(name, "read error");
    return false;
  }
  return ok;
}

bool read_json_file(const fs::path& path, const std::function<void(const SourceRecord&)>& on_record,
                    const std::function<void(const std::string&, const std::string&)>& on_error, ReadLimits limits) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    on_error(path.string(), ec.message());
    return false;
  }
  if (size > limits.max_record_bytes) {
    on_error(path.string() + ":1", "file larger than " + std::to_string(limits.max_record_bytes) + " bytes");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    on_error(path.string(), "cannot open");
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  on_record(SourceRecord{path.string(), 1, buffer.str()});
  return true;
}

// A .jsonl file holds one record a line; any other file one record.
bool read_file(const fs::path& path, const std::function<void(const SourceRecord&)>& on_record,
               const std::function<void(const std::string&, const std::string&)>& on_error, ReadLimits limits) {
  if (path.extension() != ".jsonl") return read_json_file(path, on_record, on_error, limits);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    on_error(path.string(), "cannot open");
    return false;
  }
  return read_jsonl(in, path.string(), on_record, on_error, limits);
}

}  // namespace

bool read_records(const std::vector<std::string>& paths, std::istream& stdin_stream,
                  const std::function<void(const SourceRecord&)>& on_record,
                  const std::function<void(const std::string&, const std::string&)>& on_error, ReadLimits limits) {
  bool ok = true;
  for (const auto& p : paths) {
    if (p == "-") {
      ok = read_jsonl(stdin_stream, "<stdin>", on_record, on_error, limits) && ok;
      continue;
    }
    const fs::path path(p);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto extension = it->path().extension();
        if (it->is_regular_file() && (extension == ".json" || extension == ".jsonl")) files.push_back(it->path());
      }
      if (ec) {
        on_error(p, ec.message());
        ok = false;
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) ok = read_file(f, on_record, on_error, limits) && ok;
    } else if (fs::is_regular_file(path, ec)) {
      ok = read_file(path, on_record, on_error, limits) && ok;
    } else {
      on_error(p, "no such file or directory");
      ok = false;
    }
  }
  return ok;
}

std::size_t field_line(const std::string& text, const std::string& field, std::size_t base) {
  if (field.empty()) return base;
  const std::string key = "\"" + field.substr(0, field.find_first_of(".[")) + "\"";
  const auto at = text.find(key);
  if (at == std::string::npos) return base;
  return base + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

}  // namespace kb::index
