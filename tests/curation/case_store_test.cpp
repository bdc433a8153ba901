// CaseStore through its typed errors: no HTTP anywhere.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "kb/curation/case_store.h"
#include "kb/curation/errors.h"
#include "kb/index/index_writer.h"
#include "kb/index/indexer_run.h"

namespace kb::curation {
namespace {

const schema::MunicipalityRegistry& registry() { return schema::builtin_municipalities(); }

nlohmann::json draft(const std::string& id) {
  return {{"id", id},
          {"title", "Zeppelinbezorging proef " + id},
          {"municipality", "Utrecht"},
          {"themes", {"mobility"}},
          {"summary", "Een proef met pakketbezorging per zeppelin, nog in concept."},
          {"solution", "Een kleine luchtschipdienst tussen twee hubs."},
          {"maturity", "idea"},
          {"visibility", "draft"}};
}

class CaseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kb-curation-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    lexicon_ = text::Lexicon::load();
    store_ = std::make_unique<CaseStore>(dir_ / "index", dir_ / "history.jsonl", lexicon_, registry());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::shared_ptr<const text::Lexicon> lexicon_;
  std::unique_ptr<CaseStore> store_;
};

TEST_F(CaseStoreTest, CreatingTheSameIdTwiceIsAlreadyExists) {
  store_->create(draft("utrecht-zeppelin"), "anna");
  EXPECT_THROW(store_->create(draft("utrecht-zeppelin"), "anna"), AlreadyExists);
  const auto history = store_->history("utrecht-zeppelin");
  ASSERT_EQ(history.at("changes").size(), 1u) << "the refused create is not in the history";
  EXPECT_EQ(history.at("changes")[0].at("action"), "create");
  EXPECT_EQ(history.at("changes")[0].at("by"), "anna");
}

TEST_F(CaseStoreTest, ReplacingOrRemovingAMissingCaseIsNotFound) {
  store_->create(draft("utrecht-zeppelin"), "anna");  // the index exists
  EXPECT_THROW(store_->replace("utrecht-unknown", draft("utrecht-unknown"), "anna"), NotFound);
  EXPECT_THROW(store_->remove("utrecht-unknown", "anna"), NotFound);
  try {
    store_->remove("utrecht-unknown", "anna");
  } catch (const NotFound& e) {
    EXPECT_STREQ(e.what(), "No case with id 'utrecht-unknown'.");
  }
}

TEST_F(CaseStoreTest, AnInvalidRecordIsInvalidCaseWithOneErrorPerField) {
  auto bad = draft("utrecht-bad");
  bad["title"] = "x";
  bad["themes"] = {"weather"};
  bad["colour"] = "blue";
  try {
    store_->create(bad, "anna");
    FAIL() << "no InvalidCase";
  } catch (const InvalidCase& e) {
    std::set<std::string> fields;
    for (const auto& f : e.errors()) fields.insert(f.field);
    EXPECT_EQ(fields, (std::set<std::string>{"colour", "themes[0]", "title"}));
  }
  try {
    store_->replace("utrecht-other", draft("utrecht-bad"), "anna");
    FAIL() << "no InvalidCase for an id mismatch";
  } catch (const InvalidCase& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "id");
  }
  EXPECT_TRUE(store_->history("utrecht-bad").at("changes").empty());
}

TEST_F(CaseStoreTest, AnIndexLockedByAnotherWriterIsIndexBusyWithRetryAfter) {
  store_->create(draft("utrecht-zeppelin"), "anna");
  index::IndexWriter holder(dir_ / "index", index::WriterOptions{}, lexicon_, registry());
  try {
    store_->create(draft("utrecht-second"), "anna");
    FAIL() << "no IndexBusy";
  } catch (const IndexBusy& e) {
    EXPECT_EQ(e.retry_after(), std::chrono::seconds(2));
  }
  EXPECT_THROW(store_->remove("utrecht-zeppelin", "anna"), IndexBusy);
}

TEST_F(CaseStoreTest, AnUnwritableHistoryIsHistoryUnwritableAndChangesNothing) {
  CaseStore store(dir_ / "index", dir_ / "no-such-dir" / "history.jsonl", lexicon_, registry());
  EXPECT_THROW(store.create(draft("utrecht-zeppelin"), "anna"), HistoryUnwritable);
  EXPECT_EQ(store.list("all", 1, 20).at("total"), 0);
}

}  // namespace
}  // namespace kb::curation
