#include "kb/schema/case_export.h"

#include <array>

namespace kb::schema {
namespace {

// A column of the CSV and how it is read from the record.
enum class Join { none, strings, partner_names, link_urls };
struct Column {
  const char* name;
  const char* field;  // record field (or the nested one, below)
  Join join = Join::none;
};

// The record fields of case-schema.md in their order; list fields joined.
// `visibility` is left out: an export holds published cases only.
constexpr std::array kColumns = {
    Column{"id", "id"},
    Column{"title", "title"},
    Column{"municipality", "municipality"},
    Column{"municipality_slug", nullptr},
    Column{"themes", "themes", Join::strings},
    Column{"summary", "summary"},
    Column{"problem", "problem"},
    Column{"solution", "solution"},
    Column{"results", "results"},
    Column{"lessons", "lessons"},
    Column{"scale_up", "scale_up"},
    Column{"maturity", "maturity"},
    Column{"status", "status"},
    Column{"start_year", "start_year"},
    Column{"partners", "partners", Join::partner_names},
    Column{"adopted_by", "adopted_by", Join::strings},
    Column{"derived_from", "derived_from"},
    Column{"tags", "tags", Join::strings},
    Column{"links", "links", Join::link_urls},
    Column{"contact_organisation", "contact"},
    Column{"contact_email", "contact"},
    Column{"language", "language"},
    Column{"title_en", "title_en"},
    Column{"summary_en", "summary_en"},
    Column{"updated", "updated"},
};
constexpr std::string_view kListSeparator = "; ";

std::string scalar_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return {};
}

std::string joined(const nlohmann::json& list, Join join) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    std::string text;
    if (join == Join::strings) text = scalar_text(item);
    else if (item.is_object()) text = scalar_text(item.value(join == Join::partner_names ? "name" : "url", nlohmann::json()));
    if (text.empty()) continue;
    if (!out.empty()) out += kListSeparator;
    out += text;
  }
  return out;
}

std::string cell(const Column& column, const nlohmann::json& record, std::string_view municipality_slug) {
  if (!column.field) return std::string(municipality_slug);
  const auto it = record.find(column.field);
  if (it == record.end()) return {};
  if (std::string_view(column.field) == "contact") {
    const char* key = std::string_view(column.name) == "contact_email" ? "email" : "organisation";
    return it->is_object() ? scalar_text(it->value(key, nlohmann::json())) : std::string();
  }
  return column.join == Join::none ? scalar_text(*it) : joined(*it, column.join);
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view text) {
  if (text.empty() || text == "jsonl") return ExportFormat::jsonl;
  if (text == "csv") return ExportFormat::csv;
  return std::nullopt;
}

std::string formula_safe(std::string value) {
  // A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before
  // one) as a formula: a curated text must never become one (OWASP CSV
  // injection). A leading apostrophe makes it text; JSONL keeps the record as is.
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) value.insert(0, 1, '\'');
  return value;
}

void append_csv_field(std::string_view value, std::string& out) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

CaseExportWriter::CaseExportWriter(ExportFormat format, std::string& out) : format_(format), out_(out) {
  if (format_ != ExportFormat::csv) return;
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    if (i) out_ += ',';
    out_ += kColumns[i].name;
  }
  out_ += "\r\n";
}

void CaseExportWriter::add(const nlohmann::json& record, std::string_view municipality_slug) {
  if (format_ == ExportFormat::jsonl) {
    // dump() escapes newlines inside strings, so a record is always one line.
    out_ += record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out_ += '\n';
    return;
  }
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    if (i) out_ += ',';
    append_csv_field(formula_safe(cell(kColumns[i], record, municipality_slug)), out_);
  }
  out_ += "\r\n";  // RFC 4180 line ends
}

}  // namespace kb::schema
