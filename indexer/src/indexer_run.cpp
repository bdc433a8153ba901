#include "kb/index/indexer_run.h"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "kb/index/case_validator.h"
#include "kb/index/corpus_reader.h"
#include "kb/index/index_writer.h"
#include "kb/index/json_input.h"
#include "kb/index/municipality_registry.h"
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

void write_export(const fs::path& dir, const StoredCase& stored) {
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

}  // namespace

RunSummary run_indexer(const RunOptions& options, std::istream& in, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  RunSummary summary;
  try {
    const MunicipalityRegistry registry = options.municipalities
                                              ? MunicipalityRegistry::load(options.municipalities->string())
                                              : MunicipalityRegistry::parse(builtin_municipalities_csv());
    const CaseValidator validator(registry);
    const text::TextNormalizer normalizer;
    const text::SynonymMap synonyms = options.synonyms
                                          ? text::SynonymMap::parse(read_file(*options.synonyms), normalizer)
                                          : text::SynonymMap::builtin(normalizer);
    std::unique_ptr<IndexWriter> writer;
    if (!options.check_only) {
      writer = std::make_unique<IndexWriter>(options.db, WriterOptions{options.stemmer},
                                             text::Lexicon::load(options.dictionary), registry);
    }

    std::map<std::string, std::string> seen;  // id -> first location
    ProgressLine progress(err, options.progress);
    std::size_t count = 0;
    const bool read_ok = read_records(
        options.inputs, in,
        [&](const SourceRecord& source) {
          progress.tick(++count);
          const JsonParseResult parsed = parse_json(source.text);
          if (!parsed.value) {
            err << source.file << ':' << (source.line + (parsed.line > 0 ? parsed.line - 1 : 0)) << ": : "
                << parsed.error << '\n';
            ++summary.rejected;
            return;
          }
          const auto errors = validator.validate(*parsed.value);
          if (!errors.empty()) {
            for (const auto& e : errors)
              err << source.file << ':' << field_line(source.text, e.field, source.line) << ": " << e.field << ": "
                  << e.message << '\n';
            ++summary.rejected;
            return;
          }
          const std::string id = parsed.value->at("id").get<std::string>();
          if (const auto [it, fresh] = seen.emplace(id, source.location()); !fresh) {
            err << source.file << ':' << field_line(source.text, "id", source.line) << ": id: duplicate id '" << id
                << "', first seen at " << it->second << '\n';
            ++summary.rejected;
            return;
          }
          if (!writer) {
            ++summary.indexed;  // valid; counted as it would be indexed
            return;
          }
          if (writer->upsert(*parsed.value) == IndexWriter::Change::unchanged)
            ++summary.unchanged;
          else
            ++summary.indexed;
        },
        [&](const std::string& where, const std::string& message) { err << where << ": " << message << '\n'; });
    progress.finish();

    if (writer) {
      if (options.prune && read_ok) {
        std::set<std::string> keep;
        for (const auto& [id, where] : seen) keep.insert(id);
        summary.removed = writer->prune(keep);
      } else if (options.prune) {
        err << "kb-indexer: --prune skipped because some input could not be read\n";
      }
      writer->set_synonyms(synonyms);
      writer->commit();
      if (options.export_dir) {
        writer->for_each_case([&](const StoredCase& stored) {
          write_export(*options.export_dir, stored);
          ++summary.exported;
        });
      }
    }
    summary.exit_code = !read_ok ? 2 : summary.rejected > 0 ? 1 : 0;
  } catch (const std::exception& e) {
    err << "kb-indexer: " << e.what() << '\n';
    summary.exit_code = 2;
  } catch (const Xapian::Error& e) {
    err << "kb-indexer: " << e.get_description() << '\n';
    summary.exit_code = 2;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double rate = summary.seconds > 0 ? static_cast<double>(summary.indexed + summary.unchanged) / summary.seconds : 0;
  err << (options.check_only ? "checked" : "indexed") << ' ' << summary.indexed << ", unchanged " << summary.unchanged
      << ", rejected " << summary.rejected << ", removed " << summary.removed << " in " << std::fixed
      << std::setprecision(2) << summary.seconds << " s (" << std::setprecision(0) << rate << " docs/s)\n";
  if (options.export_dir) err << "exported " << summary.exported << " records to " << options.export_dir->string() << '\n';
  return summary;
}

}  // namespace kb::index
