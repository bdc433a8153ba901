#pragma once
// Reads case records from the places kb-indexer accepts: a directory
// (recursively, *.json and *.jsonl, in sorted order), a .jsonl file (one record a line),
// or "-" for JSONL on standard input. Every record carries its location, so
// that an error names file and line.
#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace kb::index {

struct SourceRecord {
  std::string file;
  std::size_t line = 0;  // 1-based; the record's line in a .jsonl, 1 for a .json file
  std::string text;
  std::string location() const { return file + ":" + std::to_string(line); }
};

struct ReadLimits {
  std::size_t max_record_bytes = 16u << 20;  // a larger record is an error, not an allocation
};

// Calls on_record for each record and on_error(location, message) for input
// that cannot be read (missing path, oversized record). Returns false if any
// I/O error happened.
bool read_records(const std::vector<std::string>& paths, std::istream& stdin_stream,
                  const std::function<void(const SourceRecord&)>& on_record,
                  const std::function<void(const std::string&, const std::string&)>& on_error,
                  ReadLimits limits = {});

// The line of a top-level field in a record's text (for error messages about
// multi-line .json files); `base` when it cannot be found.
std::size_t field_line(const std::string& text, const std::string& field, std::size_t base);

}  // namespace kb::index
