#pragma once
// Open data: the published cases as JSONL (the stored records exactly as
// indexed, one a line, so an export re-indexes with kb-indexer) or as CSV
// (RFC 4180: a header row, one row per case, list fields joined with "; ").
// Pure text building; kb::search feeds it the stored records (Searcher::export_published).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kb::schema {

enum class ExportFormat { jsonl, csv };

// "jsonl" (also the default, an empty value) or "csv"; nullopt otherwise.
std::optional<ExportFormat> parse_export_format(std::string_view text);

// Appends one case to `out`. `municipality_slug` is the indexer's slug of
// the record's municipality (a CSV column; JSONL holds the record only).
class CaseExportWriter {
 public:
  CaseExportWriter(ExportFormat format, std::string& out);  // CSV: writes the header row
  void add(const nlohmann::json& record, std::string_view municipality_slug);

 private:
  ExportFormat format_;
  std::string& out_;
};

// `value` with a leading apostrophe when a spreadsheet would read it as a
// formula (it starts with = + - @, a tab or a CR); every CSV cell goes through it.
std::string formula_safe(std::string value);

// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled).
void append_csv_field(std::string_view value, std::string& out);

}  // namespace kb::schema
