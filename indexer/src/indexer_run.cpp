#include "kb/index/indexer_run.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <utility>

#include "kb/index/case_validator.h"
#include "kb/index/corpus_reader.h"
#include "kb/index/index_writer.h"
#include "kb/index/json_input.h"
#include "kb/schema/municipality_registry.h"
#include "kb/schema/stored_case.h"
#include "kb/schema/taxonomy.h"
#include "kb/text/normalizer.h"
#include "kb/text/synonyms.h"

namespace kb::index {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_export(const fs::path& dir, const schema::StoredCase& stored) {
  const std::string slug = stored.municipality_slug.empty() ? "unknown" : stored.municipality_slug;
  fs::create_directories(dir / slug);
  const fs::path path = dir / slug / (stored.record.at("id").get<std::string>() + ".json");
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << stored.record.dump(2) << '\n';
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
}

// Export only: a read-only database and no schema check, so an index the
// current version refuses can still be exported, rebuilt and re-indexed
// without losing curated cases.
std::size_t export_stored_cases(const fs::path& db_dir, const fs::path& dir) {
  std::size_t exported = 0;
  schema::for_each_stored_case(Xapian::Database(db_dir.string()), [&](const schema::StoredCase& stored) {
    write_export(dir, stored);
    ++exported;
  });
  return exported;
}

// The key two titles are compared by: trimmed, runs of white space as one
// space, folded (lowercase, no diacritics, no apostrophes).
std::string title_key(const std::string& title, const text::TextNormalizer& normalizer) {
  std::string collapsed;
  bool space = false;
  for (const char c : title) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return normalizer.fold(collapsed);
}

void count_record(CorpusStats& stats, const nlohmann::json& record, const schema::MunicipalityRegistry& registry) {
  ++stats.records;
  for (const auto& theme : record.at("themes")) {
    const int i = schema::theme_index(theme.get<std::string>());
    if (i >= 0) ++stats.themes[static_cast<std::size_t>(i)];
  }
  const int m = schema::maturity_index(record.at("maturity").get<std::string>());
  if (m >= 0) ++stats.maturities[static_cast<std::size_t>(m)];
  const std::string name = record.at("municipality").get<std::string>();
  const schema::Municipality* municipality = registry.find(name);
  ++stats.municipalities[municipality ? municipality->display_name : name];
  const auto year = record.find("start_year");
  if (year != record.end() && year->is_number_integer()) {
    const long long y = year->get<long long>();
    ++stats.decades[std::to_string(y - y % 10) + "s"];
  } else {
    ++stats.decades["unknown"];
  }
}

class ProgressLine {
 public:
  ProgressLine(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  void tick(std::size_t done) {
    if (!enabled_ || done % 500 != 0) return;
    err_ << "\r  " << done << " records" << std::flush;
  }
  void finish() {
    if (enabled_) err_ << "\r\033[K" << std::flush;
  }

 private:
  std::ostream& err_;
  bool enabled_;
};

// The registry cases are validated against and mapped with.
schema::MunicipalityRegistry load_registry(const RunOptions& options) {
  return options.municipalities ? schema::MunicipalityRegistry::load(options.municipalities->string())
                                : schema::MunicipalityRegistry::parse(schema::builtin_municipalities_csv());
}

text::SynonymMap load_synonyms(const RunOptions& options, const text::TextNormalizer& normalizer) {
  return options.synonyms ? text::SynonymMap::parse(read_file(*options.synonyms), normalizer)
                          : text::SynonymMap::builtin(normalizer);
}

// Takes the records of one run one by one: parses and validates each,
// rejects a second record with an id or title seen before in the run, counts
// the accepted ones and upserts them (no writer: --check, counted only).
class RecordIntake {
 public:
  RecordIntake(const schema::MunicipalityRegistry& registry, const text::TextNormalizer& normalizer, IndexWriter* writer,
               RunSummary& summary, std::ostream& err)
      : registry_(registry), validator_(registry), normalizer_(normalizer), writer_(writer), summary_(summary), err_(err) {}

  void take(const SourceRecord& source) {
    const JsonParseResult parsed = parse_json(source.text);
    if (!parsed.value) {
      err_ << source.file << ':' << (source.line + (parsed.line > 0 ? parsed.line - 1 : 0)) << ": : " << parsed.error
           << '\n';
      ++summary_.rejected;
      return;
    }
    if (!is_valid(source, *parsed.value) || !is_first_of_its_id_and_title(source, *parsed.value)) {
      ++summary_.rejected;
      return;
    }
    count_record(summary_.stats, *parsed.value, registry_);
    store(*parsed.value);
  }

  // The ids of the accepted records: what --prune keeps.
  std::set<std::string> ids() const {
    std::set<std::string> ids;
    for (const auto& [id, where] : seen_) ids.insert(id);
    return ids;
  }

 private:
  bool is_valid(const SourceRecord& source, const nlohmann::json& record) {
    const auto errors = validator_.validate(record);
    for (const auto& e : errors)
      err_ << source.file << ':' << field_line(source.text, e.field, source.line) << ": " << e.field << ": "
           << e.message << '\n';
    return errors.empty();
  }

  // Remembers the id and title of an accepted record, with where it was.
  bool is_first_of_its_id_and_title(const SourceRecord& source, const nlohmann::json& record) {
    const std::string id = record.at("id").get<std::string>();
    if (const auto it = seen_.find(id); it != seen_.end()) {
      err_ << source.file << ':' << field_line(source.text, "id", source.line) << ": id: duplicate id '" << id
           << "', first seen at " << it->second << '\n';
      return false;
    }
    std::string title = title_key(record.at("title").get<std::string>(), normalizer_);
    if (const auto it = titles_.find(title); it != titles_.end()) {
      err_ << source.file << ':' << field_line(source.text, "title", source.line)
           << ": title: duplicate title, first seen at " << it->second << '\n';
      return false;
    }
    seen_.emplace(id, source.location());
    titles_.emplace(std::move(title), source.location());
    return true;
  }

  void store(const nlohmann::json& record) {
    if (!writer_) {
      ++summary_.indexed;  // valid; counted as it would be indexed
      return;
    }
    if (writer_->upsert(record) == IndexWriter::Change::unchanged)
      ++summary_.unchanged;
    else
      ++summary_.indexed;
  }

  const schema::MunicipalityRegistry& registry_;
  const CaseValidator validator_;
  const text::TextNormalizer& normalizer_;
  IndexWriter* writer_;
  RunSummary& summary_;
  std::ostream& err_;
  std::map<std::string, std::string> seen_;    // id -> first location
  std::map<std::string, std::string> titles_;  // title_key -> first location
};

// After the records: prune, the synonyms, the one commit, then --export.
void finish_index(IndexWriter& writer, const RunOptions& options, bool read_ok, const RecordIntake& intake,
                  const text::SynonymMap& synonyms, RunSummary& summary, std::ostream& err) {
  if (options.prune && read_ok)
    summary.removed = writer.prune(intake.ids());
  else if (options.prune)
    err << "kb-indexer: --prune skipped because some input could not be read\n";
  writer.set_synonyms(synonyms);
  writer.commit();
  if (options.export_dir) {
    writer.for_each_case([&](const schema::StoredCase& stored) {
      write_export(*options.export_dir, stored);
      ++summary.exported;
    });
  }
}

// The run itself; throws on I/O and index errors. Returns the exit code.
int index_records(const RunOptions& options, std::istream& in, std::ostream& err, RunSummary& summary) {
  const schema::MunicipalityRegistry registry = load_registry(options);
  const text::TextNormalizer normalizer;
  const text::SynonymMap synonyms = load_synonyms(options, normalizer);
  const bool export_only = options.export_dir && options.inputs.empty() && !options.check_only;
  if (export_only) summary.exported = export_stored_cases(options.db, *options.export_dir);
  std::unique_ptr<IndexWriter> writer;
  if (!options.check_only && !export_only) {
    writer = std::make_unique<IndexWriter>(options.db, WriterOptions{options.stemmer, options.weights, options.lock_wait},
                                           text::Lexicon::load(options.dictionary), registry);
  }
  RecordIntake intake(registry, normalizer, writer.get(), summary, err);
  ProgressLine progress(err, options.progress);
  std::size_t count = 0;
  const bool read_ok = read_records(
      options.inputs, in,
      [&](const SourceRecord& source) {
        progress.tick(++count);
        intake.take(source);
      },
      [&](const std::string& where, const std::string& message) { err << where << ": " << message << '\n'; });
  progress.finish();
  if (writer) finish_index(*writer, options, read_ok, intake, synonyms, summary, err);
  return !read_ok ? 2 : summary.rejected > 0 ? 1 : 0;
}

void print_summary(const RunOptions& options, const RunSummary& summary, std::ostream& err) {
  const double rate = summary.seconds > 0 ? static_cast<double>(summary.indexed + summary.unchanged) / summary.seconds : 0;
  err << (options.check_only ? "checked" : "indexed") << ' ' << summary.indexed << ", unchanged " << summary.unchanged
      << ", rejected " << summary.rejected << ", removed " << summary.removed << " in " << std::fixed
      << std::setprecision(2) << summary.seconds << " s (" << std::setprecision(0) << rate << " docs/s)\n";
  if (options.export_dir) err << "exported " << summary.exported << " records to " << options.export_dir->string() << '\n';
}

}  // namespace

RunSummary run_indexer(const RunOptions& options, std::istream& in, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  RunSummary summary;
  try {
    summary.exit_code = index_records(options, in, err, summary);
  } catch (const std::exception& e) {
    err << "kb-indexer: " << e.what() << '\n';
    summary.exit_code = 2;
  } catch (const Xapian::Error& e) {
    err << "kb-indexer: " << e.get_description() << '\n';
    summary.exit_code = 2;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.stats) print_stats(summary.stats, err);
  print_summary(options, summary, err);
  return summary;
}

void print_stats(const CorpusStats& stats, std::ostream& out) {
  std::size_t width = 12;
  for (const auto theme : schema::kThemes) width = std::max(width, theme.size());
  for (const auto& [name, n] : stats.municipalities) width = std::max(width, name.size());
  auto row = [&](std::string_view label, std::size_t n) {
    out << "  " << label << std::string(width - std::min(width, label.size()), ' ') << ' ' << std::setw(5) << n << '\n';
  };
  out << "stats: " << stats.records << " valid records\n";
  out << "theme (a case may have several):\n";
  for (std::size_t i = 0; i < schema::kThemes.size(); ++i) row(schema::kThemes[i], stats.themes[i]);
  out << "maturity:\n";
  for (std::size_t i = 0; i < schema::kMaturities.size(); ++i) row(schema::kMaturities[i], stats.maturities[i]);
  std::vector<std::pair<std::string, std::size_t>> municipalities(stats.municipalities.begin(),
                                                                  stats.municipalities.end());
  std::stable_sort(municipalities.begin(), municipalities.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  out << "municipality (" << municipalities.size() << "):\n";
  for (const auto& [name, n] : municipalities) row(name, n);
  out << "start_year:\n";
  for (const auto& [decade, n] : stats.decades) row(decade, n);
}

std::optional<schema::FieldWeights> parse_field_weights(std::string_view text, std::string& error) {
  schema::FieldWeights weights;
  std::set<std::string_view> given;
  if (text.empty()) {
    error = "empty weights; expected e.g. title=6,summary=3,tags=3,municipality=2,body=1";
    return std::nullopt;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, comma - start);
    start = comma + 1;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      error = "'" + std::string(item) + "' is not FIELD=WEIGHT";
      return std::nullopt;
    }
    const std::string_view field = item.substr(0, eq);
    const std::string_view value = item.substr(eq + 1);
    Xapian::termcount* target = field == "title"          ? &weights.title
                                : field == "summary"      ? &weights.summary
                                : field == "tags"         ? &weights.tags
                                : field == "municipality" ? &weights.municipality
                                : field == "body"         ? &weights.body
                                                          : nullptr;
    if (!target) {
      error = "unknown field '" + std::string(field) + "' (title, summary, tags, municipality, body)";
      return std::nullopt;
    }
    if (!given.insert(field).second) {
      error = "field '" + std::string(field) + "' given twice";
      return std::nullopt;
    }
    unsigned n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n < 1 || n > 1000) {
      error = "weight of '" + std::string(field) + "' must be an integer from 1 to 1000, got '" + std::string(value) + "'";
      return std::nullopt;
    }
    *target = n;
  }
  return weights;
}

}  // namespace kb::index
