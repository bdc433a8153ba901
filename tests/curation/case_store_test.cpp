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
#include "kb/schema/stored_case.h"

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
    lexicon_ = stemming::Lexicon::load();
    store_ = std::make_unique<CaseStore>(dir_ / "index", dir_ / "history.jsonl", lexicon_, registry());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::shared_ptr<const stemming::Lexicon> lexicon_;
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

// The field and message of the one FieldError of an InvalidCase `write` throws.
template <typename Write>
index::FieldError invalid_case_error(Write write) {
  try {
    write();
  } catch (const InvalidCase& e) {
    if (e.errors().size() == 1) return e.errors()[0];
    return {"", std::to_string(e.errors().size()) + " errors"};
  }
  return {"", "no InvalidCase"};
}

nlohmann::json derived(const std::string& id, const std::string& from) {
  auto record = draft(id);
  record["derived_from"] = from;
  return record;
}

// issue 13: derived_from must name a known case other than this one.
TEST_F(CaseStoreTest, DerivedFromItselfOrAnUnknownCaseIsInvalidCaseOnDerivedFrom) {
  store_->create(draft("utrecht-zeppelin"), "anna");
  const auto itself = invalid_case_error([&] { store_->create(derived("utrecht-zeppelin-2", "utrecht-zeppelin-2"), "anna"); });
  EXPECT_EQ(itself.field, "derived_from");
  EXPECT_EQ(itself.message, "must name another case, not the case itself");
  const auto unknown = invalid_case_error([&] { store_->create(derived("utrecht-zeppelin-2", "utrecht-nergens"), "anna"); });
  EXPECT_EQ(unknown.field, "derived_from");
  EXPECT_EQ(unknown.message, "must be the id of a known case; there is no case 'utrecht-nergens'");
  const auto replaced = invalid_case_error([&] { store_->replace("utrecht-zeppelin", derived("utrecht-zeppelin", "utrecht-nergens"), "anna"); });
  EXPECT_EQ(replaced.field, "derived_from");
  EXPECT_TRUE(store_->history("utrecht-zeppelin-2").at("changes").empty());
  EXPECT_EQ(store_->history("utrecht-zeppelin").at("changes").size(), 1u) << "the refused replace is not in the history";

  const auto ok = store_->create(derived("utrecht-zeppelin-2", "utrecht-zeppelin"), "anna");
  EXPECT_EQ(ok.record.at("derived_from"), "utrecht-zeppelin");
  EXPECT_TRUE(ok.warnings.empty());
}

// issue 13: a replace that would make a -> b -> a is refused and names the cycle.
TEST_F(CaseStoreTest, ADerivedFromCycleIsInvalidCaseNamingTheCycle) {
  store_->create(draft("utrecht-a"), "anna");
  store_->create(derived("utrecht-b", "utrecht-a"), "anna");
  store_->create(derived("utrecht-c", "utrecht-b"), "anna");
  const auto cycle = invalid_case_error([&] { store_->replace("utrecht-a", derived("utrecht-a", "utrecht-c"), "anna"); });
  EXPECT_EQ(cycle.field, "derived_from");
  EXPECT_NE(cycle.message.find("'utrecht-c' forms a cycle utrecht-a -> utrecht-c -> utrecht-b -> utrecht-a"),
            std::string::npos)
      << cycle.message;
  EXPECT_EQ(store_->history("utrecht-a").at("changes").size(), 1u);
  // Leaving the chain open is fine.
  EXPECT_NO_THROW(store_->replace("utrecht-c", draft("utrecht-c"), "anna"));
  EXPECT_NO_THROW(store_->replace("utrecht-a", derived("utrecht-a", "utrecht-c"), "anna"));
}

// issue 13: kb-indexer may have indexed a case whose derived_from was still
// unknown (a warning there); creating that case so that it derives from its
// own descendant is a cycle too.
TEST_F(CaseStoreTest, ACreateClosingACycleThroughADanglingIndexedCaseIsInvalidCase) {
  {
    index::IndexWriter writer(dir_ / "index", index::WriterOptions{}, lexicon_, registry());
    writer.upsert(derived("utrecht-b", "utrecht-a"));  // utrecht-a does not exist yet
    writer.commit();
  }
  const auto cycle = invalid_case_error([&] { store_->create(derived("utrecht-a", "utrecht-b"), "anna"); });
  EXPECT_EQ(cycle.field, "derived_from");
  EXPECT_NE(cycle.message.find("utrecht-a -> utrecht-b -> utrecht-a"), std::string::npos) << cycle.message;
  EXPECT_NO_THROW(store_->create(draft("utrecht-a"), "anna"));
}

// issue 13: the same title in the same municipality (an alias is the same
// municipality; titles folded) is written, with a warning naming the other
// case; in another municipality it is nothing.
TEST_F(CaseStoreTest, TheSameTitleInOneMunicipalityIsAWarningNotAnError) {
  EXPECT_TRUE(store_->create(draft("utrecht-zeppelin"), "anna").warnings.empty());
  auto twin = draft("utrecht-zeppelin-twin");
  twin["title"] = "  ZEPPELINBEZORGING   proef utrecht-zeppelin";
  twin["municipality"] = "utrecht";
  const auto written = store_->create(twin, "anna");
  ASSERT_EQ(written.warnings.size(), 1u);
  EXPECT_EQ(written.warnings[0].field, "title");
  EXPECT_NE(written.warnings[0].message.find("same title as 'utrecht-zeppelin' in the same municipality (Utrecht)"),
            std::string::npos)
      << written.warnings[0].message;
  EXPECT_EQ(store_->list("all", 1, 20).at("total"), 2) << "written despite the warning";

  // A replace compares with the others, not with its own stored version.
  const auto replaced = store_->replace("utrecht-zeppelin", draft("utrecht-zeppelin"), "anna");
  ASSERT_EQ(replaced.warnings.size(), 1u);
  EXPECT_NE(replaced.warnings[0].message.find("'utrecht-zeppelin-twin'"), std::string::npos);

  auto elsewhere = draft("delft-zeppelin");
  elsewhere["title"] = draft("utrecht-zeppelin").at("title");
  elsewhere["municipality"] = "Delft";
  EXPECT_TRUE(store_->create(elsewhere, "anna").warnings.empty());
}

// issue 13: reused_by of the original follows every curation write of the
// cases derived from it (read back from the index as the search core does).
std::vector<std::string> reused_by_of(const std::filesystem::path& db, const std::string& id) {
  std::vector<std::string> out;
  schema::for_each_stored_case(Xapian::Database(db.string()), [&](const schema::StoredCase& c) {
    if (c.record.at("id") != id) return;
    for (const auto& e : c.reused_by) out.push_back(e.municipality_slug + ":" + (e.case_id.empty() ? "-" : e.case_id));
  });
  return out;
}

TEST_F(CaseStoreTest, ReuseFollowsCreateReplaceAndDeleteOfDerivedCases) {
  auto original = draft("utrecht-zeppelin");
  original["visibility"] = "published";
  store_->create(original, "anna");
  auto copy = derived("amersfoort-zeppelin", "utrecht-zeppelin");
  copy["municipality"] = "Amersfoort";
  copy["visibility"] = "published";
  store_->create(copy, "anna");
  const auto db = dir_ / "index";
  EXPECT_EQ(reused_by_of(db, "utrecht-zeppelin"), std::vector<std::string>{"amersfoort:amersfoort-zeppelin"});

  copy["municipality"] = "Zwolle";  // the derived case moves: the reuse moves with it
  store_->replace("amersfoort-zeppelin", copy, "anna");
  EXPECT_EQ(reused_by_of(db, "utrecht-zeppelin"), std::vector<std::string>{"zwolle:amersfoort-zeppelin"});

  copy["visibility"] = "draft";  // unpublished: not public reuse
  store_->replace("amersfoort-zeppelin", copy, "anna");
  EXPECT_TRUE(reused_by_of(db, "utrecht-zeppelin").empty());

  copy["visibility"] = "published";
  store_->replace("amersfoort-zeppelin", copy, "anna");
  original["adopted_by"] = {"Delft"};  // a replace of the original keeps what derived cases give it
  store_->replace("utrecht-zeppelin", original, "anna");
  EXPECT_EQ(reused_by_of(db, "utrecht-zeppelin"),
            (std::vector<std::string>{"delft:-", "zwolle:amersfoort-zeppelin"}));

  store_->remove("amersfoort-zeppelin", "anna");
  EXPECT_EQ(reused_by_of(db, "utrecht-zeppelin"), std::vector<std::string>{"delft:-"});
}

// issue 17 point 11: two curators never silently overwrite each other. A
// write naming a revision that is no longer current is refused, under the
// write lock, and leaves the index and the history as they were.
std::string stored_title(const std::filesystem::path& db, const std::string& id) {
  std::string title;
  schema::for_each_stored_case(Xapian::Database(db.string()), [&](const schema::StoredCase& c) {
    if (c.record.at("id") == id) title = c.record.at("title").get<std::string>();
  });
  return title;
}

TEST_F(CaseStoreTest, AStaleRevisionIsRevisionConflictAndWritesNothing) {
  const std::string first = store_->create(draft("utrecht-zeppelin"), "anna").revision;
  auto annas = draft("utrecht-zeppelin");
  annas["title"] = "Zeppelinbezorging volgens Anna";
  const std::string second = store_->replace("utrecht-zeppelin", annas, "anna", first).revision;
  ASSERT_NE(second, first) << "a changed record has a new revision";

  auto bens = draft("utrecht-zeppelin");
  bens["title"] = "Zeppelinbezorging volgens Ben";
  try {
    store_->replace("utrecht-zeppelin", bens, "ben", first);  // Ben read the first revision
    FAIL() << "a stale If-Match was accepted";
  } catch (const RevisionConflict& e) {
    EXPECT_EQ(e.current_revision(), second);
    EXPECT_EQ(e.current().at("title"), "Zeppelinbezorging volgens Anna");
  }
  EXPECT_THROW(store_->remove("utrecht-zeppelin", "ben", first), RevisionConflict);
  EXPECT_EQ(stored_title(dir_ / "index", "utrecht-zeppelin"), "Zeppelinbezorging volgens Anna");
  EXPECT_EQ(store_->history("utrecht-zeppelin").at("changes").size(), 2u) << "refused writes are not in the history";
}

TEST_F(CaseStoreTest, TheCurrentRevisionOrStarOrNoIfMatchIsWritten) {
  const std::string first = store_->create(draft("utrecht-zeppelin"), "anna").revision;
  auto changed = draft("utrecht-zeppelin");
  changed["title"] = "Zeppelinbezorging, tweede versie";
  const std::string second =
      store_->replace("utrecht-zeppelin", changed, "anna", "\"0000000000000000\", " + first).revision;
  EXPECT_EQ(stored_title(dir_ / "index", "utrecht-zeppelin"), "Zeppelinbezorging, tweede versie");
  EXPECT_EQ(store_->replace("utrecht-zeppelin", changed, "anna", second).revision, second)
      << "the same record keeps its revision";
  changed["title"] = "Zeppelinbezorging, derde versie";
  store_->replace("utrecht-zeppelin", changed, "anna", "*");
  changed["title"] = "Zeppelinbezorging, vierde versie";
  store_->replace("utrecht-zeppelin", changed, "anna");
  EXPECT_EQ(stored_title(dir_ / "index", "utrecht-zeppelin"), "Zeppelinbezorging, vierde versie");
  EXPECT_THROW(store_->remove("utrecht-zeppelin", "anna", "W/" + second), RevisionConflict)
      << "If-Match compares strongly: a weak tag never matches";
  store_->remove("utrecht-zeppelin", "anna", "*");
  EXPECT_THROW(store_->remove("utrecht-zeppelin", "anna", "*"), NotFound) << "* matches an existing case only";
}

TEST(RevisionMatches, StarListsAndStrongComparison) {
  EXPECT_TRUE(revision_matches("*", "\"ab\""));
  EXPECT_TRUE(revision_matches(" \"x\" ,\"ab\"", "\"ab\""));
  EXPECT_FALSE(revision_matches("\"x\"", "\"ab\""));
  EXPECT_FALSE(revision_matches("W/\"ab\"", "\"ab\""));
  EXPECT_FALSE(revision_matches("", "\"ab\""));
}

}  // namespace
}  // namespace kb::curation
