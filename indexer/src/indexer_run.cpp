#include "kb/index/indexer_run.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <utility>

#include "kb/index/case_validator.h"
#include "kb/index/corpus_reader.h"
#include "kb/index/derivation.h"
#include "kb/index/index_writer.h"
#include "kb/index/json_input.h"
#include "kb/index/title_key.h"
#include "kb/schema/municipality_registry.h"
#include "kb/schema/stored_case.h"
#include "kb/schema/taxonomy.h"
#include "kb/stemming/normalizer.h"
#include "kb/stemming/synonyms.h"

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

stemming::SynonymMap load_synonyms(const RunOptions& options, const stemming::TextNormalizer& normalizer) {
  return options.synonyms ? stemming::SynonymMap::parse(read_file(*options.synonyms), normalizer)
                          : stemming::SynonymMap::builtin(normalizer);
}

// Takes the records of one run one by one: parses and validates each,
// rejects a second record with an id seen before in the run and a record
// whose derived_from closes a cycle, warns about the same title twice in one
// municipality, counts the accepted records and upserts them (no writer:
// --check, counted only). Whether a derived_from names a known case is only
// decided in finish(): the case it names may arrive later, in any file.
class RecordIntake {
 public:
  RecordIntake(const RunOptions& options, const schema::MunicipalityRegistry& registry,
               const stemming::TextNormalizer& normalizer, IndexWriter* writer, RunSummary& summary, std::ostream& err)
      : registry_(registry), validator_(registry), normalizer_(normalizer), writer_(writer), summary_(summary),
        err_(err), strict_(options.strict), consult_index_(writer != nullptr && !options.prune) {}

  void take(const SourceRecord& source) {
    const JsonParseResult parsed = parse_json(source.text);
    if (!parsed.value) {
      err_ << source.file << ':' << (source.line + (parsed.line > 0 ? parsed.line - 1 : 0)) << ": " << parsed.field << ": "
           << parsed.error << '\n';
      ++summary_.rejected;
      return;
    }
    const nlohmann::json& record = *parsed.value;
    if (!is_valid(source, record) || !is_first_of_its_id(source, record) || !passes_title_rule(source, record) ||
        closes_a_cycle(source, record)) {
      ++summary_.rejected;
      return;
    }
    accept(source, record);
  }

  // After the last record: a derived_from that still names no known case is
  // a warning; with --strict the records waiting for it are rejected instead
  // of indexed. `index_kept`: the index's cases that are not in this run
  // stay (no --prune, or --prune skipped).
  void finish(bool index_kept) {
    const auto resolves = [&](const std::string& target) {
      const auto it = accepted_.find(target);
      if (it != accepted_.end()) return !it->second.waiting;
      return index_kept && indexed_derived_from(target).has_value();
    };
    if (strict_) {
      release_resolved_waiting(resolves);
      reject_unresolved_waiting(index_kept);
      return;
    }
    for (const auto& id : with_derived_from_) {
      const Accepted& a = accepted_.at(id);
      if (resolves(a.derived_from)) continue;
      err_ << a.derived_from_at << ": derived_from: warning: '" << a.derived_from << "' is "
           << unknown_case(index_kept) << '\n';
      ++summary_.warnings;
    }
  }

  // The ids of the accepted records: what --prune keeps.
  std::set<std::string> ids() const {
    std::set<std::string> ids;
    for (const auto& [id, accepted] : accepted_) ids.insert(id);
    return ids;
  }

 private:
  struct Accepted {
    std::string location;         // file:line of the record
    std::string derived_from;     // "" when none
    std::string derived_from_at;  // file:line of its derived_from field
    bool waiting = false;         // --strict: held back until its derived_from resolves
  };
  struct FirstTitle {
    std::string id, location;
  };

  bool is_valid(const SourceRecord& source, const nlohmann::json& record) {
    const auto errors = validator_.validate(record);
    for (const auto& e : errors)
      err_ << source.file << ':' << field_line(source.text, e.field, source.line) << ": " << e.field << ": "
           << e.message << '\n';
    return errors.empty();
  }

  bool is_first_of_its_id(const SourceRecord& source, const nlohmann::json& record) {
    const std::string id = record.at("id").get<std::string>();
    const auto it = accepted_.find(id);
    if (it == accepted_.end()) return true;
    err_ << source.file << ':' << field_line(source.text, "id", source.line) << ": id: duplicate id '" << id
         << "', first seen at " << it->second.location << '\n';
    return false;
  }

  // The same title in two municipalities is the point of the knowledge base
  // (one solution, many places); twice in one municipality it is most likely
  // one case entered twice: a warning, a rejection under --strict.
  bool passes_title_rule(const SourceRecord& source, const nlohmann::json& record) {
    const auto first = titles_.find(title_of(record));
    if (first == titles_.end()) return true;
    ++summary_.warnings;
    err_ << source.file << ':' << field_line(source.text, "title", source.line) << ": title: "
         << (strict_ ? "" : "warning: ") << '\'' << record.at("id").get<std::string>() << "' has the same title as '"
         << first->second.id << "' (first seen at " << first->second.location << ") in the same municipality"
         << (strict_ ? " (rejected: --strict)" : "") << '\n';
    return !strict_;
  }

  // The (municipality slug, title_key) a record's title is compared by.
  std::pair<std::string, std::string> title_of(const nlohmann::json& record) const {
    const std::string name = record.at("municipality").get<std::string>();
    const schema::Municipality* municipality = registry_.find(name);  // validated: known
    return {municipality ? municipality->slug : name, title_key(record.at("title").get<std::string>(), normalizer_)};
  }

  // Follows derived_from through this run's accepted records and, with a
  // writer, the indexed ones; the record that would close a cycle is rejected.
  bool closes_a_cycle(const SourceRecord& source, const nlohmann::json& record) {
    const std::string derived_from = derived_from_of(record);
    if (derived_from.empty()) return false;
    const std::string id = record.at("id").get<std::string>();
    const auto cycle = derivation_cycle(id, derived_from, [&](const std::string& other) -> std::optional<std::string> {
      if (const auto it = accepted_.find(other); it != accepted_.end()) return it->second.derived_from;
      return consult_index_ ? indexed_derived_from(other) : std::nullopt;
    });
    if (cycle.empty()) return false;
    err_ << source.file << ':' << field_line(source.text, "derived_from", source.line) << ": derived_from: '"
         << derived_from << "' forms a cycle " << describe_cycle(cycle) << '\n';
    return true;
  }

  // The derived_from of an indexed case ("" for none), nullopt when the
  // index has no such case or there is no index (--check). Cached: a chain
  // is followed once per record.
  std::optional<std::string> indexed_derived_from(const std::string& id) {
    if (!writer_) return std::nullopt;
    const auto cached = index_cache_.find(id);
    if (cached != index_cache_.end()) return cached->second;
    std::optional<std::string> derived_from;
    if (const auto stored = writer_->get(id)) derived_from = derived_from_of(stored->record);
    return index_cache_.emplace(id, std::move(derived_from)).first->second;
  }

  void accept(const SourceRecord& source, const nlohmann::json& record) {
    const std::string id = record.at("id").get<std::string>();
    titles_.emplace(title_of(record), FirstTitle{id, source.location()});
    Accepted accepted{source.location(), derived_from_of(record), {}, false};
    if (!accepted.derived_from.empty()) {
      accepted.derived_from_at = source.file + ':' + std::to_string(field_line(source.text, "derived_from", source.line));
      with_derived_from_.push_back(id);
      // Under --strict a record whose derived_from is not known yet must not
      // reach the writer before it is: it may still be rejected in finish().
      accepted.waiting = strict_ && !is_known_now(accepted.derived_from);
    }
    const bool waiting = accepted.waiting;
    accepted_.emplace(id, std::move(accepted));
    if (waiting)
      waiting_.emplace_back(id, record);
    else
      count_and_store(record);
  }

  bool is_known_now(const std::string& target) {
    if (const auto it = accepted_.find(target); it != accepted_.end()) return !it->second.waiting;
    return consult_index_ && indexed_derived_from(target).has_value();
  }

  // --strict: stores every waiting record whose derived_from now resolves,
  // until none is left that does (a chain may resolve link by link).
  template <typename Resolves>
  void release_resolved_waiting(const Resolves& resolves) {
    for (bool released = true; released;) {
      released = false;
      for (auto it = waiting_.begin(); it != waiting_.end();) {
        Accepted& a = accepted_.at(it->first);
        if (!resolves(a.derived_from)) {
          ++it;
          continue;
        }
        a.waiting = false;
        count_and_store(it->second);
        it = waiting_.erase(it);
        released = true;
      }
    }
  }

  void reject_unresolved_waiting(bool index_kept) {
    for (const auto& [id, record] : waiting_) {
      const Accepted& a = accepted_.at(id);
      const auto target = accepted_.find(a.derived_from);
      err_ << a.derived_from_at << ": derived_from: '" << a.derived_from << "' "
           << (target != accepted_.end() ? "is rejected itself: its derived_from names no known case"
                                         : "is " + unknown_case(index_kept))
           << " (rejected: --strict)\n";
      ++summary_.warnings;
      ++summary_.rejected;
    }
    for (const auto& [id, record] : waiting_) accepted_.erase(id);
    waiting_.clear();
  }

  std::string unknown_case(bool index_kept) const {
    if (!writer_) return "not a case of this run (--check does not read the index)";
    if (!index_kept) return "not a case of this run (--prune drops the other cases of the index)";
    return "not a known case (neither in this run nor in the index)";
  }

  void count_and_store(const nlohmann::json& record) {
    count_record(summary_.stats, record, registry_);
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
  const stemming::TextNormalizer& normalizer_;
  IndexWriter* writer_;
  RunSummary& summary_;
  std::ostream& err_;
  const bool strict_;
  const bool consult_index_;  // follow derived_from into the index (a writer, and no --prune dropping cases)
  std::map<std::string, Accepted> accepted_;                                // id -> accepted record
  std::map<std::pair<std::string, std::string>, FirstTitle> titles_;       // (slug, title_key) -> first
  std::vector<std::string> with_derived_from_;                              // ids, in input order
  std::vector<std::pair<std::string, nlohmann::json>> waiting_;             // --strict, in input order
  std::map<std::string, std::optional<std::string>> index_cache_;          // id -> indexed derived_from
};

// The cases that records of the input files name in derived_from: the writer
// holds them back until the commit and writes each once, with its reuse. A
// look-ahead only: standard input cannot be read twice, and what cannot be
// read here is reported by the real pass.
std::set<std::string> derived_from_targets(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  std::copy_if(inputs.begin(), inputs.end(), std::back_inserter(files), [](const std::string& p) { return p != "-"; });
  std::set<std::string> targets;
  std::istringstream no_stdin;
  read_records(
      files, no_stdin,
      [&](const SourceRecord& source) {
        if (auto target = scan_derived_from(source.text); !target.empty()) targets.insert(std::move(target));
      },
      [](const std::string&, const std::string&) {});
  return targets;
}

// After the records: prune, the synonyms, the one commit, then --export.
void finish_index(IndexWriter& writer, const RunOptions& options, bool read_ok, const RecordIntake& intake,
                  const stemming::SynonymMap& synonyms, RunSummary& summary, std::ostream& err) {
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
  const stemming::TextNormalizer normalizer;
  const stemming::SynonymMap synonyms = load_synonyms(options, normalizer);
  const bool export_only = options.export_dir && options.inputs.empty() && !options.check_only;
  if (export_only) summary.exported = export_stored_cases(options.db, *options.export_dir);
  std::unique_ptr<IndexWriter> writer;
  if (!options.check_only && !export_only) {
    writer = std::make_unique<IndexWriter>(options.db, WriterOptions{options.stemmer, options.weights, options.lock_wait},
                                           stemming::Lexicon::load(options.dictionary), registry);
  }
  if (writer) writer->defer(derived_from_targets(options.inputs));
  RecordIntake intake(options, registry, normalizer, writer.get(), summary, err);
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
  intake.finish(/*index_kept=*/!(options.prune && read_ok));
  if (writer) finish_index(*writer, options, read_ok, intake, synonyms, summary, err);
  return !read_ok ? 2 : summary.rejected > 0 ? 1 : 0;
}

void print_summary(const RunOptions& options, const RunSummary& summary, std::ostream& err) {
  const double rate = summary.seconds > 0 ? static_cast<double>(summary.indexed + summary.unchanged) / summary.seconds : 0;
  err << (options.check_only ? "checked" : "indexed") << ' ' << summary.indexed << ", unchanged " << summary.unchanged
      << ", rejected " << summary.rejected << ", removed " << summary.removed << ", warnings " << summary.warnings
      << " in " << std::fixed
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
