#include "kb/index/indexer_run.h"

#include <gtest/gtest.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "index_test_support.h"
#include "kb/index/index_writer.h"

namespace kb::index {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::jsonl;
using testing::make_case;
using testing::TempDir;

// gtest only (no gmock): a substring assertion with a readable failure.
::testing::AssertionResult Contains(const std::string& text, const std::string& needle) {
  if (text.find(needle) != std::string::npos) return ::testing::AssertionSuccess() << "found '" << needle << "'";
  return ::testing::AssertionFailure() << "'" << needle << "' not in:\n" << text.substr(0, 2000);
}

std::vector<json> cases(std::size_t first, std::size_t last) {
  std::vector<json> out;
  for (std::size_t n = first; n <= last; ++n) out.push_back(make_case(n));
  return out;
}

class IndexerRunTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { lexicon_ = testing::shared_lexicon(); }
  static void TearDownTestSuite() { lexicon_.reset(); }

  void SetUp() override {
    tmp_ = std::make_unique<TempDir>();
    db_ = tmp_->path() / "index";
  }
  void TearDown() override { tmp_.reset(); }

  // Writes `text` to <tmp>/<name> and returns the path.
  std::string file(const std::string& name, const std::string& text) {
    const fs::path p = tmp_->path() / name;
    testing::write_text(p, text);
    return p.string();
  }

  RunSummary run(std::vector<std::string> inputs, bool prune = false, const std::string& stdin_text = "") {
    RunOptions options;
    options.db = db_;
    options.inputs = std::move(inputs);
    options.prune = prune;
    return run_with(options, stdin_text);
  }
  RunSummary run_with(const RunOptions& options, const std::string& stdin_text = "") {
    std::istringstream in(stdin_text);
    std::ostringstream err;
    const RunSummary summary = run_indexer(options, in, err);
    err_ = err.str();
    return summary;
  }

  static std::shared_ptr<const stemming::Lexicon> lexicon_;
  std::unique_ptr<TempDir> tmp_;
  fs::path db_;
  std::string err_;  // what the last run wrote to stderr
};

std::shared_ptr<const stemming::Lexicon> IndexerRunTest::lexicon_;

TEST_F(IndexerRunTest, IndexesAJsonlFileAndPrintsTheSummaryLine) {
  const auto input = file("cases.jsonl", jsonl(cases(1, 5)));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.indexed, 5u);
  EXPECT_EQ(s.rejected, 0u);
  EXPECT_EQ(s.warnings, 0u);
  EXPECT_TRUE(Contains(err_, "indexed 5, unchanged 0, rejected 0, removed 0, warnings 0 in "));
  EXPECT_TRUE(Contains(err_, " docs/s)\n"));
  EXPECT_EQ(testing::doc_count(db_), 5u);
  EXPECT_EQ(testing::stored_record(db_, "case-3"), make_case(3));
}

TEST_F(IndexerRunTest, ReindexingTheSameInputChangesNothing) {
  const auto input = file("cases.jsonl", jsonl(cases(1, 20)));
  ASSERT_EQ(run({input}).indexed, 20u) << err_;
  const auto before = testing::snapshot(db_);
  ASSERT_EQ(before.size(), 20u);

  const RunSummary again = run({input});
  EXPECT_EQ(again.exit_code, 0) << err_;
  EXPECT_EQ(again.indexed, 0u);
  EXPECT_EQ(again.unchanged, 20u);
  EXPECT_TRUE(Contains(err_, "indexed 0, unchanged 20, rejected 0, removed 0"));
  EXPECT_EQ(testing::doc_count(db_), 20u);
  EXPECT_TRUE(testing::snapshot(db_) == before) << "a re-index of unchanged input changed the documents";
}

TEST_F(IndexerRunTest, ChangingOneRecordReindexesOnlyThatRecord) {
  auto records = cases(1, 10);
  const auto input = file("cases.jsonl", jsonl(records));
  ASSERT_EQ(run({input}).exit_code, 0) << err_;
  const auto before = testing::snapshot(db_);

  records[4] = make_case(5, 1);
  testing::write_text(input, jsonl(records));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.indexed, 1u);
  EXPECT_EQ(s.unchanged, 9u);
  EXPECT_EQ(testing::doc_count(db_), 10u);

  auto after = testing::snapshot(db_);
  EXPECT_NE(after.at("case-5").data, before.at("case-5").data);
  EXPECT_EQ(testing::stored_record(db_, "case-5"), make_case(5, 1));
  after.erase("case-5");
  auto expected = before;
  expected.erase("case-5");
  EXPECT_TRUE(after == expected) << "records that did not change were rewritten";
}

TEST_F(IndexerRunTest, PruneRemovesRecordsMissingFromTheInput) {
  const auto a = file("a.jsonl", jsonl({make_case(1)}));
  const auto b = file("b.jsonl", jsonl({make_case(2)}));
  ASSERT_EQ(run({a, b}).indexed, 2u) << err_;

  const RunSummary s = run({a}, /*prune=*/true);
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.removed, 1u);
  EXPECT_EQ(s.unchanged, 1u);
  EXPECT_TRUE(Contains(err_, "removed 1"));
  EXPECT_EQ(testing::doc_count(db_), 1u);
  EXPECT_TRUE(testing::has_id(db_, "case-1"));
  EXPECT_FALSE(testing::has_id(db_, "case-2"));
}

TEST_F(IndexerRunTest, WithoutPruneMissingRecordsStay) {
  const auto a = file("a.jsonl", jsonl({make_case(1)}));
  const auto b = file("b.jsonl", jsonl({make_case(2)}));
  ASSERT_EQ(run({a, b}).indexed, 2u) << err_;

  const RunSummary s = run({a});
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.removed, 0u);
  EXPECT_EQ(testing::doc_count(db_), 2u);
  EXPECT_TRUE(testing::has_id(db_, "case-2"));
}

TEST_F(IndexerRunTest, PruneIsSkippedWhenSomeInputCannotBeRead) {
  const auto a = file("a.jsonl", jsonl({make_case(1)}));
  const auto b = file("b.jsonl", jsonl({make_case(2)}));
  ASSERT_EQ(run({a, b}).indexed, 2u) << err_;

  const RunSummary s = run({a, (tmp_->path() / "missing.jsonl").string()}, /*prune=*/true);
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_EQ(s.removed, 0u);
  EXPECT_TRUE(Contains(err_, "--prune skipped"));
  EXPECT_TRUE(testing::has_id(db_, "case-2"));
}

TEST_F(IndexerRunTest, BrokenJsonlLineIsReportedWithItsLineNumber) {
  // line 1, 2: good; 3: blank; 4: broken; 5: good
  const std::string text = make_case(1).dump() + "\n" + make_case(2).dump() + "\n\n" +
                           R"({"id": "case-3", "title": "kapot", )" + "\n" + make_case(4).dump() + "\n";
  const auto input = file("broken.jsonl", text);
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 3u);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_TRUE(Contains(err_, input + ":4: "));
  EXPECT_FALSE(Contains(err_, input + ":3:"));
  EXPECT_FALSE(Contains(err_, input + ":5:"));
  EXPECT_EQ(testing::doc_count(db_), 3u);
  EXPECT_TRUE(testing::has_id(db_, "case-4"));
  EXPECT_FALSE(testing::has_id(db_, "case-3"));
}

TEST_F(IndexerRunTest, ErrorsInAMultiLineJsonFileNameTheFieldLine) {
  const fs::path dir = tmp_->path() / "corpus";
  json bad = make_case(2);
  bad["maturity"] = "rijp";
  testing::write_text(dir / "utrecht" / "case-1.json", make_case(1).dump(2) + "\n");
  testing::write_text(dir / "utrecht" / "case-2.json", bad.dump(2) + "\n");
  const RunSummary s = run({dir.string()});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 1u);
  // dump(2) sorts keys: id, maturity, municipality, ... -> "maturity" is on line 3.
  EXPECT_TRUE(Contains(err_, (dir / "utrecht" / "case-2.json").string() + ":3: maturity: "));
}

TEST_F(IndexerRunTest, StdinIsReadAsJsonl) {
  const RunSummary s = run({"-"}, false, jsonl(cases(1, 2)) + "{\n");
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_TRUE(Contains(err_, "<stdin>:3: "));
}

TEST_F(IndexerRunTest, InvalidUtf8IsRejectedAndTheRestIndexed) {
  const std::string bad = std::string(R"({"id": "case-2", "title": "Caf)") + "\xC3\x28" +
                          R"( in de wijk", "municipality": "Utrecht", "themes": ["safety"], )" +
                          R"("summary": "Een samenvatting van minstens twintig tekens.", "solution": "x", "maturity": "idea"})";
  const auto input = file("utf8.jsonl", make_case(1).dump() + "\n" + bad + "\n" + make_case(3).dump() + "\n");
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_TRUE(Contains(err_, input + ":2: : invalid UTF-8"));
  EXPECT_FALSE(testing::has_id(db_, "case-2"));
  EXPECT_EQ(testing::doc_count(db_), 2u);
}

TEST_F(IndexerRunTest, TenMegabyteFieldIsRejectedAsTooLong) {
  json huge = make_case(2);
  huge["solution"] = std::string(10u << 20, 'a');
  const auto input = file("huge.jsonl", jsonl({make_case(1), huge, make_case(3)}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_TRUE(Contains(err_, input + ":2: solution: must be at most 20000 characters"));
  EXPECT_LT(err_.size(), 2000u) << "the message must not echo the field";
  EXPECT_FALSE(testing::has_id(db_, "case-2"));
}

TEST_F(IndexerRunTest, OversizedRecordIsAnInputError) {
  json huge = make_case(2);
  huge["solution"] = std::string(17u << 20, 'a');  // over ReadLimits::max_record_bytes
  const auto input = file("huge.jsonl", jsonl({make_case(1), huge, make_case(3)}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_TRUE(Contains(err_, input + ":2: record larger than"));
  EXPECT_FALSE(testing::has_id(db_, "case-2"));
}

TEST_F(IndexerRunTest, DeeplyNestedJsonIsRejectedWithoutCrashing) {
  const std::string deep(100000, '[');
  const auto input = file("deep.jsonl", make_case(1).dump() + "\n" + deep + "\n" + make_case(3).dump() + "\n");
  testing::write_text(tmp_->path() / "dir" / "deep.json", deep + std::string(100000, ']'));
  RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_TRUE(Contains(err_, input + ":2: : nesting deeper than"));

  s = run({(tmp_->path() / "dir").string()});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_TRUE(Contains(err_, "deep.json:1: : nesting deeper than"));
}

TEST_F(IndexerRunTest, EmptyDirectoryIndexesNothing) {
  fs::create_directories(tmp_->path() / "empty");
  const RunSummary s = run({(tmp_->path() / "empty").string()});
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.indexed, 0u);
  EXPECT_EQ(s.rejected, 0u);
  EXPECT_TRUE(Contains(err_, "indexed 0, unchanged 0, rejected 0, removed 0"));
  EXPECT_EQ(testing::doc_count(db_), 0u);
}

TEST_F(IndexerRunTest, MissingPathIsExitCode2) {
  const std::string missing = (tmp_->path() / "nope").string();
  const RunSummary s = run({missing});
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_TRUE(Contains(err_, missing + ": no such file or directory"));
}

TEST_F(IndexerRunTest, DuplicateIdInOneRunRejectsTheSecondNamingTheFirst) {
  const auto input = file("dup.jsonl", jsonl({make_case(1), make_case(2), make_case(1, 1)}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_TRUE(Contains(err_, input + ":3: id: duplicate id 'case-1', first seen at " + input + ":1"));
  EXPECT_EQ(testing::stored_record(db_, "case-1"), make_case(1));
}

TEST_F(IndexerRunTest, RejectedRecordIsNeverPartlyIndexed) {
  const auto base = file("base.jsonl", jsonl(cases(1, 3)));
  ASSERT_EQ(run({base}).exit_code, 0) << err_;
  const auto before = testing::snapshot(db_);

  json bad_update = make_case(2, 1);
  bad_update["maturity"] = "bogus";  // an existing id, invalid new content
  json bad_new = make_case(9);
  bad_new["summary"] = "te kort";  // a new id, invalid
  bad_new["themes"] = json::array({"space"});
  const auto input = file("bad.jsonl", jsonl({make_case(1), bad_update, bad_new, make_case(3)}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.rejected, 2u);
  EXPECT_EQ(s.indexed, 0u);
  EXPECT_EQ(s.unchanged, 2u);
  EXPECT_TRUE(Contains(err_, input + ":2: maturity: "));
  EXPECT_TRUE(Contains(err_, input + ":3: themes"));
  EXPECT_TRUE(Contains(err_, input + ":3: summary: "));
  EXPECT_EQ(testing::doc_count(db_), 3u);
  EXPECT_FALSE(testing::has_id(db_, "case-9"));
  EXPECT_TRUE(testing::snapshot(db_) == before) << "a rejected record changed the index";
  // Nothing of the rejected records reached the term list either.
  EXPECT_FALSE(Xapian::Database(db_.string()).term_exists("bogus"));
  EXPECT_FALSE(Xapian::Database(db_.string()).term_exists(schema::term(schema::kMaturity, "bogus")));
}

TEST_F(IndexerRunTest, CheckOnlyValidatesWithoutTouchingTheIndex) {
  const auto input = file("cases.jsonl", jsonl(cases(1, 3)) + "{\n");
  RunOptions options;
  options.db = db_;
  options.inputs = {input};
  options.check_only = true;
  const RunSummary s = run_with(options);
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 3u);
  EXPECT_TRUE(Contains(err_, "checked 3, unchanged 0, rejected 1"));
  EXPECT_FALSE(fs::exists(db_));
}

TEST_F(IndexerRunTest, SchemaMismatchIsExitCode2WithRebuildInstructions) {
  const auto input = file("cases.jsonl", jsonl(cases(1, 2)));
  ASSERT_EQ(run({input}).exit_code, 0) << err_;
  {
    Xapian::WritableDatabase db(db_.string(), Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaVersion, "999");
    db.commit();
  }
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 2);
  const std::string cases_dir = db_.string() + ".cases";
  EXPECT_TRUE(Contains(err_, "`kb-indexer --db " + db_.string() + " --export " + cases_dir));

  // Following the instructions loses nothing: export-only reads the refused index.
  RunOptions export_only;
  export_only.db = db_;
  export_only.export_dir = cases_dir;
  const RunSummary exported = run_with(export_only);
  ASSERT_EQ(exported.exit_code, 0) << err_;
  EXPECT_EQ(exported.exported, 2u);
  fs::rename(db_, db_.string() + ".old");
  const RunSummary rebuilt = run({cases_dir});
  ASSERT_EQ(rebuilt.exit_code, 0) << err_;
  EXPECT_EQ(rebuilt.indexed, 2u);
  EXPECT_EQ(Xapian::Database(db_.string()).get_doccount(), 2u);
}

TEST_F(IndexerRunTest, ConcurrentWriterGetsExitCode2) {
  const auto input = file("cases.jsonl", jsonl(cases(1, 2)));
  const IndexWriter holder(db_, WriterOptions{}, lexicon_, testing::builtin_registry());
  RunOptions options;
  options.db = db_;
  options.inputs = {input};
  options.lock_wait = std::chrono::milliseconds(100);
  std::ostringstream err;
  std::istringstream none;
  const RunSummary s = run_indexer(options, none, err);
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_NE(err.str().find("is being written by another process"), std::string::npos);
}

// Whether thread `tid` of this process is blocked in a sleep right now (the
// kernel names the system call it waits in).
bool is_sleeping(pid_t tid) {
  std::ifstream in("/proc/self/task/" + std::to_string(tid) + "/syscall");
  long number = -1;
  in >> number;  // "running" reads as no number
  return number == SYS_nanosleep || number == SYS_clock_nanosleep;
}

// kb-indexer waits for a short hold of the lock (a server write) instead of
// failing. The lock is released only once the run is seen backing off from
// it (its only sleep), so the run provably met the held lock.
TEST_F(IndexerRunTest, WaitsForAShortLockHold) {
  const auto input = file("cases.jsonl", jsonl(cases(1, 2)));
  auto holder = std::make_unique<IndexWriter>(db_, WriterOptions{}, lexicon_, testing::builtin_registry());
  std::atomic<pid_t> run_thread{0};
  RunSummary s;
  std::thread runner([&] {
    run_thread = ::gettid();
    s = run({input});
  });
  bool met_the_lock = false;
  for (int i = 0; i < 20'000 && !met_the_lock; ++i) {  // the word list loads first (about 0.5 s)
    const pid_t tid = run_thread;
    met_the_lock = tid != 0 && is_sleeping(tid);
    if (!met_the_lock) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  holder.reset();
  runner.join();
  EXPECT_TRUE(met_the_lock) << "the run never waited for the held lock";
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.indexed, 2u);
}

TEST_F(IndexerRunTest, ExportWritesBackTheIndexedRecords) {
  const auto records = cases(1, 6);
  const auto input = file("cases.jsonl", jsonl(records));
  RunOptions options;
  options.db = db_;
  options.inputs = {input};
  options.export_dir = tmp_->path() / "export";
  const RunSummary s = run_with(options);
  ASSERT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.exported, 6u);
  EXPECT_TRUE(Contains(err_, "exported 6 records to "));

  std::set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(*options.export_dir))
    if (entry.is_regular_file()) files.insert(fs::relative(entry.path(), *options.export_dir).string());
  std::set<std::string> expected;
  for (const auto& r : records) expected.insert("utrecht/" + r.at("id").get<std::string>() + ".json");
  EXPECT_EQ(files, expected);
  for (const auto& r : records) {
    const auto text = testing::read_text(*options.export_dir / "utrecht" / (r.at("id").get<std::string>() + ".json"));
    EXPECT_EQ(json::parse(text), r);
  }
}

TEST_F(IndexerRunTest, ShippedCorpusIndexesAndExportsUnchanged) {
  const fs::path corpus = fs::path(KB_SOURCE_DIR) / "corpus" / "cases";
  RunOptions options;
  options.db = db_;
  options.inputs = {corpus.string()};
  options.export_dir = tmp_->path() / "export";
  const RunSummary s = run_with(options);
  ASSERT_EQ(s.exit_code, 0) << err_;
  ASSERT_GT(s.indexed, 0u);
  EXPECT_EQ(s.exported, s.indexed);
  std::size_t compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    const fs::path exported = *options.export_dir / fs::relative(entry.path(), corpus);
    ASSERT_TRUE(fs::exists(exported)) << exported;
    EXPECT_EQ(json::parse(testing::read_text(exported)), json::parse(testing::read_text(entry.path()))) << exported;
    ++compared;
  }
  EXPECT_EQ(compared, s.indexed);
}

// issue 13: one solution in many municipalities is the point of the
// knowledge base, so the same title elsewhere says nothing.
TEST_F(IndexerRunTest, SameTitleInAnotherMunicipalityIsFine) {
  json den_haag = make_case(2);
  den_haag["title"] = make_case(1).at("title");
  den_haag["municipality"] = "'s-Gravenhage";
  json eindhoven = make_case(3);
  eindhoven["title"] = make_case(1).at("title");
  eindhoven["municipality"] = "Eindhoven";
  const auto input = file("same-title.jsonl", jsonl({make_case(1), den_haag, eindhoven}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.indexed, 3u);
  EXPECT_EQ(s.warnings, 0u);
  EXPECT_FALSE(Contains(err_, "title:"));
  EXPECT_TRUE(Contains(err_, "indexed 3, unchanged 0, rejected 0, removed 0, warnings 0 in "));
}

// issue 13: twice in one municipality (compared by registry slug, so an
// alias is the same municipality; titles folded) is a warning naming both
// ids and both places, and the record is still indexed.
TEST_F(IndexerRunTest, SameTitleInOneMunicipalityIsAWarningNamingBothIdsAndPlaces) {
  json same = make_case(2);
  same["title"] = "  " + make_case(1).at("title").get<std::string>() + " ";  // folded: trimmed
  json upper = make_case(3);
  std::string shouted = make_case(1).at("title").get<std::string>();
  for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  upper["title"] = shouted;             // folded: lowercase
  upper["municipality"] = "utrecht";    // the same slug
  const auto input = file("dup-title.jsonl", jsonl({make_case(1), same, upper, make_case(4)}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.indexed, 4u);
  EXPECT_EQ(s.rejected, 0u);
  EXPECT_EQ(s.warnings, 2u);
  EXPECT_TRUE(Contains(err_, input + ":2: title: warning: 'case-2' has the same title as 'case-1' (first seen at " +
                                 input + ":1) in the same municipality\n"));
  EXPECT_TRUE(Contains(err_, input + ":3: title: warning: 'case-3' has the same title as 'case-1' (first seen at " +
                                 input + ":1) in the same municipality\n"));
  EXPECT_TRUE(Contains(err_, "indexed 4, unchanged 0, rejected 0, removed 0, warnings 2 in "));
  for (const char* id : {"case-1", "case-2", "case-3", "case-4"}) EXPECT_TRUE(testing::has_id(db_, id)) << id;
}

// issue 13: --strict turns the warning into a rejection (exit 1); the first
// record stays.
TEST_F(IndexerRunTest, StrictRejectsTheSecondRecordWithTheSameTitleInOneMunicipality) {
  json same = make_case(2);
  same["title"] = make_case(1).at("title");
  const auto input = file("dup-title.jsonl", jsonl({make_case(1), same, make_case(3)}));
  RunOptions options;
  options.db = db_;
  options.inputs = {input};
  options.strict = true;
  const RunSummary s = run_with(options);
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_EQ(s.warnings, 1u);
  EXPECT_TRUE(Contains(err_, input + ":2: title: 'case-2' has the same title as 'case-1' (first seen at " + input +
                                 ":1) in the same municipality (rejected: --strict)\n"));
  EXPECT_TRUE(testing::has_id(db_, "case-1"));
  EXPECT_FALSE(testing::has_id(db_, "case-2"));
  EXPECT_TRUE(testing::has_id(db_, "case-3"));
}

// issue 13: --check prints the warning too and still exits 0 (1 with --strict).
TEST_F(IndexerRunTest, CheckOnlyPrintsTheSameTitleWarningToo) {
  json same = make_case(2);
  same["title"] = make_case(1).at("title");
  const auto input = file("dup-title.jsonl", jsonl({make_case(1), same}));
  RunOptions options;
  options.inputs = {input};
  options.check_only = true;
  RunSummary s = run_with(options);
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_TRUE(Contains(err_, input + ":2: title: warning: 'case-2' has the same title as 'case-1'"));
  EXPECT_TRUE(Contains(err_, "checked 2, unchanged 0, rejected 0, removed 0, warnings 1 in "));
  options.strict = true;
  s = run_with(options);
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_TRUE(Contains(err_, "checked 1, unchanged 0, rejected 1, removed 0, warnings 1 in "));
}

TEST_F(IndexerRunTest, DuplicateIdIsReportedAsSuchNotAsTheSameTitle) {
  const auto input = file("dup.jsonl", jsonl({make_case(1), make_case(1)}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_EQ(s.warnings, 0u);
  EXPECT_TRUE(Contains(err_, ":2: id: duplicate id 'case-1'"));
  EXPECT_FALSE(Contains(err_, "same title"));
}

// issue 13: a directory input reads *.jsonl files as well as *.json, in one
// sorted order.
TEST_F(IndexerRunTest, DirectoryReadsJsonlFilesToo) {
  testing::write_text(tmp_->path() / "dir" / "a.json", make_case(1).dump(2));
  testing::write_text(tmp_->path() / "dir" / "b" / "more.jsonl", jsonl({make_case(2), make_case(3)}));
  testing::write_text(tmp_->path() / "dir" / "c.txt", make_case(4).dump());  // neither: skipped
  const RunSummary s = run({(tmp_->path() / "dir").string()});
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.indexed, 3u);
  for (const char* id : {"case-1", "case-2", "case-3"}) EXPECT_TRUE(testing::has_id(db_, id)) << id;
  EXPECT_FALSE(testing::has_id(db_, "case-4"));
  // Each line of the .jsonl keeps its own line number.
  json bad = make_case(5);
  bad["maturity"] = "rijp";
  testing::write_text(tmp_->path() / "dir" / "b" / "more.jsonl", jsonl({make_case(2), bad}));
  EXPECT_EQ(run({(tmp_->path() / "dir").string()}).exit_code, 1);
  EXPECT_TRUE(Contains(err_, (tmp_->path() / "dir" / "b" / "more.jsonl").string() + ":2: maturity: "));
}

json derived(std::size_t n, std::size_t from) {
  json record = make_case(n);
  record["derived_from"] = "case-" + std::to_string(from);
  return record;
}

// issue 13: derived_from must name another case.
TEST_F(IndexerRunTest, DerivedFromItselfIsRejected) {
  const auto input = file("self.jsonl", jsonl({make_case(1), derived(2, 2)}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_TRUE(Contains(err_, input + ":2: derived_from: must name another case, not the case itself"));
  EXPECT_FALSE(testing::has_id(db_, "case-2"));
}

// issue 13: the record that closes a cycle is rejected and the cycle named;
// the records before it stay.
TEST_F(IndexerRunTest, DerivedFromCycleInOneRunRejectsTheRecordThatClosesIt) {
  const auto input = file("cycle.jsonl", jsonl({derived(1, 2), derived(2, 3), derived(3, 1), make_case(4)}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_EQ(s.indexed, 3u);
  EXPECT_TRUE(Contains(err_, input + ":3: derived_from: 'case-1' forms a cycle case-3 -> case-1 -> case-2 -> case-3\n"));
  EXPECT_FALSE(testing::has_id(db_, "case-3"));
  EXPECT_TRUE(testing::has_id(db_, "case-1"));
  // case-2 derives from the rejected case-3, which is therefore unknown.
  EXPECT_EQ(s.warnings, 1u);
  EXPECT_TRUE(Contains(err_, input + ":2: derived_from: warning: 'case-3' is not a known case"));
}

// issue 13: the chain is followed into the index, too: a cycle a -> b -> a
// where b was indexed by an earlier run.
TEST_F(IndexerRunTest, DerivedFromCycleThroughTheIndexIsRejected) {
  ASSERT_EQ(run({file("first.jsonl", jsonl({make_case(1), derived(2, 1)}))}).exit_code, 0) << err_;
  const auto input = file("second.jsonl", jsonl({derived(1, 2)}));
  const RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_TRUE(Contains(err_, input + ":1: derived_from: 'case-2' forms a cycle case-1 -> case-2 -> case-1\n"));
  EXPECT_EQ(testing::stored_record(db_, "case-1"), make_case(1)) << "the indexed version stays";
  // A derived_from resolved by the index alone is no warning either.
  const RunSummary resolved = run({file("third.jsonl", jsonl({derived(3, 2)}))});
  EXPECT_EQ(resolved.exit_code, 0) << err_;
  EXPECT_EQ(resolved.warnings, 0u);
}

// issue 13: a case may arrive before the case it derives from, in a later
// file: no warning once that case has arrived, also under --strict.
TEST_F(IndexerRunTest, DanglingDerivedFromResolvedInALaterFileIsNoWarning) {
  const auto a = file("a.jsonl", jsonl({derived(1, 3), derived(2, 1)}));
  const auto b = file("b.jsonl", jsonl({make_case(3)}));
  for (const bool strict : {false, true}) {
    fs::remove_all(db_);
    RunOptions options;
    options.db = db_;
    options.inputs = {a, b};
    options.strict = strict;
    const RunSummary s = run_with(options);
    EXPECT_EQ(s.exit_code, 0) << err_;
    EXPECT_EQ(s.indexed, 3u);
    EXPECT_EQ(s.warnings, 0u) << err_;
    EXPECT_FALSE(Contains(err_, "derived_from"));
    EXPECT_EQ(testing::stored_record(db_, "case-1"), derived(1, 3));
    EXPECT_EQ(testing::stored_record(db_, "case-2"), derived(2, 1));
  }
}

// issue 13: still unknown at the end of the run: a warning naming the
// record's place (the record is indexed, exit 0); under --strict a failure
// (exit 1) and the record, and one waiting for it, are not indexed.
TEST_F(IndexerRunTest, DerivedFromStillUnknownAtTheEndIsAWarningAndAFailureUnderStrict) {
  const auto input = file("dangling.jsonl", jsonl({derived(1, 9), derived(2, 1), make_case(3)}));
  RunSummary s = run({input});
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.indexed, 3u);
  EXPECT_EQ(s.warnings, 1u);
  EXPECT_TRUE(Contains(err_, input + ":1: derived_from: warning: 'case-9' is not a known case (neither in this run "
                                     "nor in the index)\n"));
  EXPECT_TRUE(Contains(err_, "indexed 3, unchanged 0, rejected 0, removed 0, warnings 1 in "));
  // The warning comes before the summary line, after every record was read.
  EXPECT_LT(err_.find("'case-9'"), err_.find("indexed 3,"));

  fs::remove_all(db_);
  RunOptions options;
  options.db = db_;
  options.inputs = {input};
  options.strict = true;
  s = run_with(options);
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(s.indexed, 1u);
  EXPECT_EQ(s.rejected, 2u);
  EXPECT_TRUE(Contains(err_, input + ":1: derived_from: 'case-9' is not a known case (neither in this run nor in "
                                     "the index) (rejected: --strict)\n"));
  EXPECT_TRUE(Contains(err_, input + ":2: derived_from: 'case-1' is rejected itself"));
  EXPECT_FALSE(testing::has_id(db_, "case-1"));
  EXPECT_FALSE(testing::has_id(db_, "case-2"));
  EXPECT_TRUE(testing::has_id(db_, "case-3"));

  // --check knows only the run.
  options.check_only = true;
  options.strict = false;
  s = run_with(options);
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.warnings, 1u);
  EXPECT_TRUE(Contains(err_, input + ":1: derived_from: warning: 'case-9' is not a case of this run"));
}

// issue 13: --prune drops the indexed cases that are not in the run, so one
// of them does not resolve a derived_from.
TEST_F(IndexerRunTest, DerivedFromAnIndexedCaseThatPruneDropsIsAWarning) {
  ASSERT_EQ(run({file("first.jsonl", jsonl({make_case(1)}))}).exit_code, 0) << err_;
  const auto input = file("second.jsonl", jsonl({derived(2, 1)}));
  const RunSummary s = run({input}, /*prune=*/true);
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.removed, 1u);
  EXPECT_EQ(s.warnings, 1u);
  EXPECT_TRUE(Contains(err_, input + ":1: derived_from: warning: 'case-1' is not a case of this run (--prune"));
}

TEST_F(IndexerRunTest, StatsCountValidRecordsPerThemeMaturityMunicipalityAndDecade) {
  // make_case(n): themes n%6 and (n+2)%6, maturity n%4, start_year 2000 + n%26, Utrecht.
  json delft = make_case(3);
  delft["municipality"] = "Delft";
  json no_year = make_case(4);
  no_year.erase("start_year");
  json invalid = make_case(5);
  invalid["maturity"] = "rijp";  // rejected: not counted
  const auto input = file("cases.jsonl", jsonl({make_case(1), make_case(2), delft, no_year, invalid, make_case(12)}));
  RunOptions options;
  options.inputs = {input};
  options.check_only = true;
  options.stats = true;
  const RunSummary s = run_with(options);
  EXPECT_EQ(s.exit_code, 1);
  const CorpusStats& st = s.stats;
  EXPECT_EQ(st.records, 5u);
  // themes: 1 -> 1,3; 2 -> 2,4; 3 -> 3,5; 4 -> 4,0; 12 -> 0,2
  EXPECT_EQ(st.themes, (std::array<std::size_t, 6>{2, 1, 2, 2, 2, 1}));
  // maturities: 1 pilot, 2 proven, 3 scaled, 4 idea, 12 idea
  EXPECT_EQ(st.maturities, (std::array<std::size_t, 4>{2, 1, 1, 1}));
  EXPECT_EQ(st.municipalities, (std::map<std::string, std::size_t>{{"Delft", 1}, {"Utrecht", 4}}));
  EXPECT_EQ(st.decades, (std::map<std::string, std::size_t>{{"2000s", 3}, {"2010s", 1}, {"unknown", 1}}));

  // One row: two spaces, the label padded to the widest theme (18), a space, the count in 5 columns.
  auto row = [](const std::string& label, std::size_t n) {
    const std::string count = std::to_string(n);
    return "  " + label + std::string(18 - label.size() + 1 + 5 - count.size(), ' ') + count + "\n";
  };
  EXPECT_TRUE(Contains(err_, "stats: 5 valid records\n"));
  EXPECT_TRUE(Contains(err_, "theme (a case may have several):\n" + row("urbanisation", 2)));
  EXPECT_TRUE(Contains(err_, row("safety", 1)));
  EXPECT_TRUE(Contains(err_, "maturity:\n" + row("idea", 2)));
  EXPECT_TRUE(Contains(err_, "municipality (2):\n" + row("Utrecht", 4) + row("Delft", 1)));
  EXPECT_TRUE(Contains(err_, "start_year:\n" + row("2000s", 3) + row("2010s", 1) + row("unknown", 1)));
  // The summary stays the last line.
  EXPECT_LT(err_.find("stats: "), err_.find("checked 5, unchanged 0, rejected 1"));
  EXPECT_EQ(err_.back(), '\n');
  EXPECT_EQ(err_.substr(err_.rfind('\n', err_.size() - 2) + 1, 8), "checked ");
}

TEST_F(IndexerRunTest, StatsListEveryThemeAlsoAtZero) {
  json only = make_case(1);
  only["themes"] = json::array({"mobility"});
  const auto input = file("one.jsonl", jsonl({only}));
  RunOptions options;
  options.inputs = {input};
  options.check_only = true;
  options.stats = true;
  ASSERT_EQ(run_with(options).exit_code, 0) << err_;
  for (const auto theme : schema::kThemes) {
    const std::string name(theme);
    const std::string count = name == "mobility" ? "1" : "0";
    EXPECT_TRUE(Contains(err_, "  " + name + std::string(18 - name.size() + 1 + 4, ' ') + count + "\n"));
  }
}

TEST_F(IndexerRunTest, WithoutStatsNoStatsArePrinted) {
  const auto input = file("cases.jsonl", jsonl(cases(1, 3)));
  ASSERT_EQ(run({input}).exit_code, 0) << err_;
  EXPECT_FALSE(Contains(err_, "stats:"));
}

TEST(FieldWeightsTest, ParsesAllOrSomeFields) {
  std::string error;
  const auto all = parse_field_weights("title=10,summary=4,tags=5,municipality=3,body=2", error);
  ASSERT_TRUE(all) << error;
  EXPECT_EQ(all->title, 10u);
  EXPECT_EQ(all->summary, 4u);
  EXPECT_EQ(all->tags, 5u);
  EXPECT_EQ(all->municipality, 3u);
  EXPECT_EQ(all->body, 2u);
  const auto some = parse_field_weights("body=7", error);
  ASSERT_TRUE(some) << error;
  EXPECT_EQ(some->body, 7u);
  EXPECT_EQ(some->title, schema::FieldWeights{}.title);
}

TEST(FieldWeightsTest, RejectsAnythingElse) {
  for (const char* bad : {"", "title", "title=", "title=0", "title=1001", "title=-1", "title=+2", "title=2x",
                          "title= 2", "title=2,", ",title=2", "title=2,,body=1", "heading=2", "title=2,title=3",
                          "Title=2", "title=99999999999999999999"}) {
    std::string error;
    EXPECT_FALSE(parse_field_weights(bad, error)) << "'" << bad << "'";
    EXPECT_FALSE(error.empty()) << "'" << bad << "'";
  }
}

TEST_F(IndexerRunTest, FieldWeightsReachTheDocumentsAndTheContentHash) {
  const auto input = file("cases.jsonl", jsonl(cases(1, 2)));
  ASSERT_EQ(run({input}).exit_code, 0) << err_;
  // make_case(1)'s title word "wijkteam" occurs in the title (wdf 6 by default).
  auto title_wdf = [&](const std::string& id) {
    Xapian::Database db(db_.string());
    const std::string q = schema::term(schema::kId, id);
    const Xapian::docid docid = *db.postlist_begin(q);
    const Xapian::Document doc = db.get_document(docid);
    auto t = doc.termlist_begin();
    t.skip_to("aanpak");
    return t != doc.termlist_end() && *t == "aanpak" ? t.get_wdf() : 0u;
  };
  EXPECT_EQ(title_wdf("case-1"), schema::FieldWeights{}.title);

  RunOptions options;
  options.db = db_;
  options.inputs = {input};
  std::string error;
  options.weights = *parse_field_weights("title=11", error);
  const RunSummary s = run_with(options);
  EXPECT_EQ(s.exit_code, 0) << err_;
  EXPECT_EQ(s.indexed, 2u) << "other weights must re-index, not count as unchanged";
  EXPECT_EQ(title_wdf("case-1"), 11u);
}

}  // namespace
}  // namespace kb::index
