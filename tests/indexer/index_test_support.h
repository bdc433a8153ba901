#pragma once
// Shared helpers of the index tests: a unique temporary directory, valid
// generated case records, and a comparable snapshot of an index.
#include <stdlib.h>
#include <unistd.h>

#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kb/index/indexer_run.h"
#include "kb/schema/municipality_registry.h"
#include "kb/schema/terms.h"
#include "kb/stemming/lexicon.h"

namespace kb::index::testing {

namespace fs = std::filesystem;

// A directory made with mkdtemp; removed (recursively) on destruction.
class TempDir {
 public:
  TempDir() {
    const fs::path base = fs::temp_directory_path();
    std::string pattern = (base / "kb-index-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const noexcept { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A valid case record; `n` varies id, title and text, `variant` changes the
// content without changing the id.
inline nlohmann::json make_case(std::size_t n, int variant = 0) {
  static constexpr const char* kWords[] = {"fietsparkeren", "wijkteam",   "regenwater",  "zonnepanelen", "mantelzorg",
                                           "werkgelegenheid", "buurtbus", "hittestress", "jongerenwerk", "verkeersveiligheid",
                                           "groendaken",   "schuldhulp", "deelauto",    "waterberging", "cameratoezicht"};
  constexpr std::size_t kWordCount = sizeof kWords / sizeof kWords[0];
  static constexpr const char* kThemes[] = {"urbanisation", "climate-adaptation", "healthcare",
                                            "mobility",     "employment",         "safety"};
  static constexpr const char* kMaturities[] = {"idea", "pilot", "proven", "scaled"};
  const std::string word = kWords[n % kWordCount];
  const std::string other = kWords[(n + 1 + (n / kWordCount) % (kWordCount - 1)) % kWordCount];  // never == word
  std::string solution;
  for (std::size_t i = 0; i < 12; ++i)
    solution += "De gemeente zet in op " + std::string(kWords[(n + i) % kWordCount]) + " en " +
                kWords[(n * 3 + i) % kWordCount] + " in de wijk " + std::to_string((n + i) % 40) + ". ";
  nlohmann::json record = {
      {"id", "case-" + std::to_string(n)},
      {"title", "Aanpak " + std::to_string(n) + ": " + word + " met " + other +
                    (variant ? " (versie " + std::to_string(variant) + ")" : std::string())},
      {"municipality", "Utrecht"},
      {"themes", nlohmann::json::array({kThemes[n % 6], kThemes[(n + 2) % 6]})},
      {"summary", "Utrecht probeert " + word + " en " + other + " samen met bewoners uit, project nummer " +
                      std::to_string(n) + "."},
      {"solution", solution},
      {"maturity", kMaturities[n % 4]},
      {"tags", nlohmann::json::array({word, other})},
      {"start_year", 2000 + static_cast<int>(n % 26)},
  };
  if (variant) record["results"] = "Bijgewerkte resultaten, versie " + std::to_string(variant) + ".";
  return record;
}

inline std::string jsonl(const std::vector<nlohmann::json>& records) {
  std::string out;
  for (const auto& r : records) out += r.dump() + '\n';
  return out;
}

// Everything about one document that a re-index could change.
struct DocSnapshot {
  Xapian::docid docid = 0;
  std::string data;
  std::vector<std::pair<std::string, Xapian::termcount>> terms;  // term, wdf
  std::vector<std::pair<Xapian::valueno, std::string>> values;
  friend bool operator==(const DocSnapshot&, const DocSnapshot&) = default;
};

// id -> document, for every document with an id term.
inline std::map<std::string, DocSnapshot> snapshot(const fs::path& db_dir) {
  Xapian::Database db(db_dir.string());
  std::map<std::string, DocSnapshot> out;
  const std::string prefix(schema::kId);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    for (auto p = db.postlist_begin(*it); p != db.postlist_end(*it); ++p) {
      const Xapian::Document doc = db.get_document(*p);
      DocSnapshot s;
      s.docid = *p;
      s.data = doc.get_data();
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) s.terms.emplace_back(*t, t.get_wdf());
      for (auto v = doc.values_begin(); v != doc.values_end(); ++v) s.values.emplace_back(v.get_valueno(), *v);
      // A second document for one id would overwrite here; the caller checks the count.
      out[(*it).substr(prefix.size())] = std::move(s);
    }
  }
  return out;
}

inline Xapian::doccount doc_count(const fs::path& db_dir) { return Xapian::Database(db_dir.string()).get_doccount(); }

inline bool has_id(const fs::path& db_dir, const std::string& id) {
  return Xapian::Database(db_dir.string()).term_exists(schema::term(schema::kId, id));
}

// The record stored for `id` (the "record" member of the document data).
inline nlohmann::json stored_record(const fs::path& db_dir, const std::string& id) {
  Xapian::Database db(db_dir.string());
  const std::string term = schema::term(schema::kId, id);
  auto p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return nullptr;
  return nlohmann::json::parse(db.get_document(*p).get_data()).at("record");
}

// The real word list, loaded once per test binary (about half a second).
inline std::shared_ptr<const stemming::Lexicon> shared_lexicon() {
  static const std::shared_ptr<const stemming::Lexicon> lexicon = stemming::Lexicon::load();
  return lexicon;
}

inline const schema::MunicipalityRegistry& builtin_registry() { return schema::builtin_municipalities(); }

}  // namespace kb::index::testing
