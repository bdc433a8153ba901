// Analysis throughput (MB/s) on realistic Dutch text, against plain
// Xapian::TermGenerator with the same stemmer on the same text, one core.
// Text: the shipped corpus (KB_BENCH_TEXT, default corpus/cases) read as-is.
#include <benchmark/benchmark.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kb/stemming/analyzer.h"

namespace {

const std::string& bench_text() {
  static const std::string text = [] {
    const char* env = std::getenv("KB_BENCH_TEXT");
    const std::filesystem::path root = env ? env : "corpus/cases";
    std::string all;
    if (std::filesystem::is_directory(root)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
        if (e.path().extension() != ".json") continue;
        std::ifstream in(e.path());
        std::ostringstream s;
        s << in.rdbuf();
        all += s.str();
        all += '\n';
      }
    } else if (std::ifstream in(root); in) {
      std::ostringstream s;
      s << in.rdbuf();
      all = s.str();
    }
    if (all.empty()) all = "Een waterplein vangt regenwater op bij hevige buien en ontlast de riolering. ";
    std::string repeated;
    while (repeated.size() < (4u << 20)) repeated += all;  // ~4 MB, so caches warm up as in a real run
    return repeated;
  }();
  return text;
}

void BM_TermGenerator(benchmark::State& state) {
  const std::string& text = bench_text();
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("dutch"));
  for (auto _ : state) {
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(text);
    benchmark::DoNotOptimize(doc.termlist_count());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void BM_Analyzer(benchmark::State& state) {
  const std::string& text = bench_text();
  static const auto lexicon = kb::stemming::Lexicon::load();
  kb::stemming::AnalyzerOptions options;
  options.split_compounds = state.range(0) != 0;
  kb::stemming::Analyzer analyzer(lexicon, options);
  std::size_t tokens = 0;
  for (auto _ : state) {
    analyzer.analyze(text, [&](const kb::stemming::Token& t) { tokens += t.parts.size() + 1; });
  }
  benchmark::DoNotOptimize(tokens);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

}  // namespace

BENCHMARK(BM_TermGenerator)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Analyzer)->Arg(0)->Arg(1)->ArgName("compounds")->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
