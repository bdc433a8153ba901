// kb-indexer reads its input files ahead for derived_from targets and the
// writer holds those cases back to the commit, so that each is written once
// with its whole reuse (issue 13: the rewrite by the reuse graph made a
// 20,000-case run 7% slower). Holding back must change nothing in the index.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "index_test_support.h"
#include "kb/index/derivation.h"
#include "kb/index/index_writer.h"
#include "kb/index/indexer_run.h"
#include "kb/schema/stored_case.h"

namespace kb::index {
namespace {

using testing::make_case;
using testing::TempDir;

TEST(ScanDerivedFrom, FindsOnlyTheTopLevelString) {
  const struct {
    const char* text;
    const char* want;
  } cases[] = {
      {R"({"id": "a", "derived_from": "b"})", "b"},
      {R"({"derived_from": "b", "id": "a"})", "b"},
      {R"({"id": "a"})", ""},
      {R"({"id": "a", "notes": {"derived_from": "nested"}})", ""},
      {R"({"id": "a", "links": [{"derived_from": "in-array"}], "derived_from": "top"})", "top"},
      {R"({"id": "a", "summary": "the text \"derived_from\" in a string"})", ""},
      {R"({"id": "a", "derived_from": 12})", ""},
      {R"({"id": "a", "derived_from": null})", ""},
      {R"(["derived_from", "b"])", ""},
      {R"({"id": "a", "derived_from": "b")", "b"},  // truncated after the value: found before the error
      {R"({"id": "a", "derived_from")", ""},
      {"", ""},
      {R"({"id": "a", "derived_from": "d\u00e9rive"})", "d\xc3\xa9rive"},
  };
  for (const auto& c : cases) EXPECT_EQ(scan_derived_from(c.text), c.want) << c.text;
}

nlohmann::json case_in(std::size_t n, const std::string& municipality, const nlohmann::json& extra = nlohmann::json::object()) {
  auto record = make_case(n);
  record["municipality"] = municipality;
  record.update(extra);
  return record;
}

// The original first, then two derived cases (one a draft), a case derived
// from a derived one, and the original again in a later version.
std::vector<nlohmann::json> family() {
  return {case_in(1, "Eindhoven", {{"adopted_by", {"Zwolle"}}}),
          case_in(2, "Den Haag", {{"derived_from", "case-1"}}),
          case_in(3, "Tilburg", {{"derived_from", "case-1"}, {"visibility", "draft"}}),
          case_in(4, "Delft", {{"derived_from", "case-2"}}),
          case_in(5, "Utrecht"),
          [] {
            auto later = case_in(1, "Eindhoven", {{"adopted_by", {"Zwolle"}}});
            later["results"] = "Een tweede versie van de resultaten.";
            return later;
          }()};
}

// The documents by id without their docids (holding back changes the order).
std::map<std::string, testing::DocSnapshot> contents(const std::filesystem::path& db) {
  auto out = testing::snapshot(db);
  for (auto& [id, doc] : out) doc.docid = 0;
  return out;
}

class ReuseDeferralTest : public ::testing::Test {
 protected:
  std::unique_ptr<IndexWriter> open(const std::filesystem::path& db) {
    return std::make_unique<IndexWriter>(db, WriterOptions{}, testing::shared_lexicon(), testing::builtin_registry());
  }
  std::vector<schema::ReuseEntry> reused_by(const std::filesystem::path& db, const std::string& id) {
    return open(db)->get(id).value().reused_by;
  }
  TempDir tmp_;
};

TEST_F(ReuseDeferralTest, HoldingBackTheOriginalGivesTheSameIndex) {
  const auto written = [&](const std::string& name, const std::set<std::string>& held_back, std::size_t rewrites) {
    const auto db = tmp_ / name;
    auto writer = open(db);
    writer->defer(held_back);
    for (const auto& record : family()) writer->upsert(record);
    EXPECT_EQ(writer->commit(), rewrites) << name;
    return db;
  };
  const auto plain = written("plain", {}, 2);  // case-1 and case-2 written, then rewritten
  const auto deferred = written("deferred", {"case-1", "case-2"}, 0);
  EXPECT_EQ(contents(deferred), contents(plain));
  // And the reuse is the whole of it: Zwolle adopted, Den Haag derived; the
  // draft in Tilburg is not public.
  std::vector<std::string> slugs;
  for (const auto& e : reused_by(deferred, "case-1")) slugs.push_back(e.municipality_slug);
  EXPECT_EQ(slugs, (std::vector<std::string>{"den-haag", "zwolle"}));
  const auto stored = open(deferred)->get("case-1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->record.value("results", ""), "Een tweede versie van de resultaten.") << "the last version wins";
}

TEST_F(ReuseDeferralTest, AHeldBackCaseRemovedBeforeTheCommitIsNotWritten) {
  const auto db = tmp_ / "index";
  {
    auto writer = open(db);
    writer->defer({"case-1"});
    for (const auto& record : family()) writer->upsert(record);
    EXPECT_TRUE(writer->remove("case-1")) << "held back counts as present";
    EXPECT_FALSE(writer->remove("case-1"));
    writer->commit();
  }
  const auto docs = contents(db);
  EXPECT_FALSE(docs.contains("case-1"));
  EXPECT_TRUE(docs.contains("case-2"));
}

TEST_F(ReuseDeferralTest, AnUnchangedVersionAfterAHeldBackOneKeepsTheStoredCase) {
  const auto db = tmp_ / "index";
  const auto original = case_in(1, "Eindhoven");
  {
    auto writer = open(db);
    writer->upsert(original);
    writer->commit();
  }
  auto changed = original;
  changed["results"] = "Veranderd.";
  auto writer = open(db);
  writer->defer({"case-1"});
  EXPECT_EQ(writer->upsert(changed), IndexWriter::Change::updated);
  EXPECT_EQ(writer->upsert(original), IndexWriter::Change::unchanged);
  writer->commit();
  EXPECT_FALSE(writer->get("case-1")->record.contains("results"));
}

// The run reads its files ahead; standard input it cannot. Both give the
// same index.
TEST_F(ReuseDeferralTest, AFileRunAndAStandardInputRunGiveTheSameIndex) {
  std::string lines;
  auto records = family();
  records.pop_back();  // a run takes one record per id
  for (const auto& record : records) lines += record.dump() + "\n";
  const auto file = tmp_ / "cases.jsonl";
  testing::write_text(file, lines);
  const auto run = [&](const std::string& name, const std::string& input) {
    RunOptions options;
    options.db = tmp_ / name;
    options.inputs = {input};
    std::istringstream in(lines);
    std::ostringstream err;
    const RunSummary summary = run_indexer(options, in, err);
    EXPECT_EQ(summary.exit_code, 0) << err.str();
    EXPECT_EQ(summary.indexed, 5u);
    return options.db;
  };
  EXPECT_EQ(contents(run("from-file", file.string())), contents(run("from-stdin", "-")));
}

}  // namespace
}  // namespace kb::index
