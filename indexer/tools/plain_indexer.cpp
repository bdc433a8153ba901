// bench-plain-indexer: the baseline scripts/bench-index compares kb-indexer
// with — a plain Xapian TermGenerator indexer over the same JSONL, with none
// of kb's analysis (no normalizer, compound splitting, spelling, facets or
// validation). Usage: bench-plain-indexer DB_DIR CASES.jsonl
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

void index_field(Xapian::TermGenerator& generator, const nlohmann::json& record, const char* field,
                 Xapian::termcount wdf_inc) {
  const auto it = record.find(field);
  if (it == record.end()) return;
  if (it->is_string()) {
    generator.index_text(it->get_ref<const std::string&>(), wdf_inc);
    generator.increase_termpos(100);
  } else if (it->is_array()) {
    for (const auto& item : *it) {
      if (!item.is_string()) continue;
      generator.index_text(item.get_ref<const std::string&>(), wdf_inc);
      generator.increase_termpos(100);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench-plain-indexer DB_DIR CASES.jsonl\n";
    return 2;
  }
  try {
    std::ifstream in(argv[2], std::ios::binary);
    if (!in) {
      std::cerr << "bench-plain-indexer: cannot read " << argv[2] << '\n';
      return 2;
    }
    // The same Xapian flush threshold as kb-indexer (see tools/kb_indexer.cpp),
    // so that the comparison is about the indexing work, not the buffering.
    ::setenv("XAPIAN_FLUSH_THRESHOLD", "200", /*overwrite=*/0);
    const auto start = std::chrono::steady_clock::now();
    Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("dutch"));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    db.begin_transaction();  // one commit at the end, like kb-indexer
    std::string line;
    std::size_t count = 0;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto record = nlohmann::json::parse(line);
      Xapian::Document doc;
      generator.set_document(doc);  // positional: index_text records positions
      index_field(generator, record, "title", 6);
      index_field(generator, record, "summary", 3);
      index_field(generator, record, "tags", 3);
      for (const char* field : {"problem", "solution", "results", "lessons", "scale_up"})
        index_field(generator, record, field, 1);
      const std::string id_term = "Q" + record.at("id").get<std::string>();
      doc.add_boolean_term(id_term);
      doc.set_data(line);
      db.replace_document(id_term, doc);
      ++count;
    }
    db.commit_transaction();
    db.close();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("plain: indexed %zu in %.2f s (%.0f docs/s)\n", count, seconds,
                seconds > 0 ? static_cast<double>(count) / seconds : 0.0);
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "bench-plain-indexer: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "bench-plain-indexer: " << e.what() << '\n';
  }
  return 1;
}
