#include "kb/index/index_writer.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "index_test_support.h"
#include "kb/schema/terms.h"

namespace kb::index {
namespace {

using testing::make_case;
using testing::TempDir;

class IndexWriterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { lexicon_ = testing::shared_lexicon(); }
  static void TearDownTestSuite() { lexicon_.reset(); }

  void SetUp() override {
    tmp_ = std::make_unique<TempDir>();
    db_ = tmp_->path() / "index";
  }
  void TearDown() override { tmp_.reset(); }

  std::unique_ptr<IndexWriter> open(stemming::StemmerKind stemmer = stemming::StemmerKind::dutch) {
    return std::make_unique<IndexWriter>(db_, WriterOptions{stemmer}, lexicon_, testing::builtin_registry());
  }

  // Postings of one id term: more than one means a duplicate document.
  Xapian::doccount postings_for(const std::string& id) {
    return Xapian::Database(db_.string()).get_termfreq(schema::term(schema::kId, id));
  }

  static std::shared_ptr<const stemming::Lexicon> lexicon_;
  std::unique_ptr<TempDir> tmp_;
  std::filesystem::path db_;
};

std::shared_ptr<const stemming::Lexicon> IndexWriterTest::lexicon_;

TEST_F(IndexWriterTest, NewIndexRecordsSchemaVersionAndStemmer) {
  {
    auto writer = open();
    writer->upsert(make_case(1));
    writer->commit();
  }
  Xapian::Database db(db_.string());
  EXPECT_EQ(db.get_metadata(schema::kMetaVersion), std::to_string(schema::kVersion));
  EXPECT_EQ(db.get_metadata(schema::kMetaStemmer), "dutch");
  EXPECT_NO_THROW(schema::check_compatible(db, db_.string()));
}

TEST_F(IndexWriterTest, AnIndexInADirectoryThatDoesNotExistYetIsCreated) {
  db_ = tmp_->path() / "data" / "new" / "index";
  {
    auto writer = open();
    writer->upsert(make_case(1));
    writer->commit();
  }
  EXPECT_EQ(Xapian::Database(db_.string()).get_doccount(), 1u);
}

TEST_F(IndexWriterTest, UpsertReportsAddedUnchangedUpdated) {
  auto writer = open();
  EXPECT_EQ(writer->upsert(make_case(1)), IndexWriter::Change::added);
  EXPECT_EQ(writer->upsert(make_case(1)), IndexWriter::Change::unchanged);
  EXPECT_EQ(writer->upsert(make_case(1, 1)), IndexWriter::Change::updated);
  writer->commit();
  EXPECT_EQ(writer->upsert(make_case(1, 1)), IndexWriter::Change::unchanged);
}

TEST_F(IndexWriterTest, UpsertReplacesWithoutDuplicatingTheDocument) {
  {
    auto writer = open();
    for (std::size_t n = 1; n <= 3; ++n) writer->upsert(make_case(n));
    writer->commit();
  }
  ASSERT_EQ(testing::doc_count(db_), 3u);
  {
    auto writer = open();
    EXPECT_EQ(writer->upsert(make_case(2, 1)), IndexWriter::Change::updated);
    EXPECT_EQ(writer->upsert(make_case(2, 2)), IndexWriter::Change::updated);  // twice in one transaction
    EXPECT_EQ(writer->document_count(), 3u);
    writer->commit();
    const auto stored = writer->get("case-2");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->record, make_case(2, 2));
    EXPECT_EQ(stored->municipality_slug, "utrecht");
  }
  EXPECT_EQ(testing::doc_count(db_), 3u);
  EXPECT_EQ(postings_for("case-2"), 1u);
  EXPECT_EQ(testing::stored_record(db_, "case-2"), make_case(2, 2));
  // The old words are gone from the replaced document.
  Xapian::Database db(db_.string());
  EXPECT_TRUE(db.term_exists("versie"));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(schema::term(schema::kId, "case-2")),
                                  Xapian::Query("versie")));
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 1u);
}

TEST_F(IndexWriterTest, RemoveAndPrune) {
  auto writer = open();
  for (std::size_t n = 1; n <= 4; ++n) writer->upsert(make_case(n));
  writer->commit();
  EXPECT_TRUE(writer->remove("case-1"));
  EXPECT_FALSE(writer->remove("case-1"));
  EXPECT_FALSE(writer->remove("no-such-case"));
  EXPECT_EQ(writer->prune({"case-2", "case-9"}), 2u);  // case-3, case-4
  writer->commit();
  EXPECT_EQ(writer->document_count(), 1u);
  EXPECT_TRUE(writer->get("case-2").has_value());
  EXPECT_FALSE(writer->get("case-3").has_value());
}

TEST_F(IndexWriterTest, UncommittedChangesAreDiscarded) {
  {
    auto writer = open();
    writer->upsert(make_case(1));
    writer->commit();
    writer->upsert(make_case(2));
    writer->upsert(make_case(1, 1));
    writer->remove("case-1");
  }  // destroyed without commit
  EXPECT_EQ(testing::doc_count(db_), 1u);
  EXPECT_EQ(testing::stored_record(db_, "case-1"), make_case(1));
  EXPECT_FALSE(testing::has_id(db_, "case-2"));
}

TEST_F(IndexWriterTest, RefusesAnotherSchemaVersionWithRebuildInstructions) {
  {
    auto writer = open();
    writer->upsert(make_case(1));
    writer->commit();
  }
  {
    Xapian::WritableDatabase db(db_.string(), Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaVersion, "999");
    db.commit();
  }
  try {
    open();
    FAIL() << "expected IncompatibleIndexError";
  } catch (const schema::IncompatibleIndexError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("'999'"), std::string::npos) << message;
    EXPECT_NE(message.find("rebuild"), std::string::npos) << message;
    EXPECT_NE(message.find("kb-indexer --db " + db_.string()), std::string::npos) << message;
  }
  EXPECT_THROW(schema::check_compatible(Xapian::Database(db_.string()), db_.string()), schema::IncompatibleIndexError);
  // Refusing did not touch the index.
  EXPECT_EQ(Xapian::Database(db_.string()).get_metadata(schema::kMetaVersion), "999");
  EXPECT_EQ(testing::doc_count(db_), 1u);
}

TEST_F(IndexWriterTest, RefusesAnIndexWithDocumentsButNoVersion) {
  {
    Xapian::WritableDatabase db(db_.string(), Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document doc;
    doc.add_term("Qforeign");
    db.add_document(doc);
    db.commit();
  }
  EXPECT_THROW(open(), schema::IncompatibleIndexError);
}

TEST_F(IndexWriterTest, RefusesAnotherStemmer) {
  {
    auto writer = open(stemming::StemmerKind::dutch);
    writer->upsert(make_case(1));
    writer->commit();
  }
  try {
    open(stemming::StemmerKind::kraaij_pohlmann);
    FAIL() << "expected IncompatibleIndexError";
  } catch (const schema::IncompatibleIndexError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("'dutch'"), std::string::npos) << message;
    EXPECT_NE(message.find("rebuild"), std::string::npos) << message;
  }
  EXPECT_NO_THROW(open(stemming::StemmerKind::dutch));
}

TEST_F(IndexWriterTest, SecondWriterIsLockedOut) {
  auto first = open();
  try {
    open();
    FAIL() << "expected IndexLockedError";
  } catch (const IndexLockedError& e) {
    EXPECT_NE(std::string(e.what()).find("being written by another process"), std::string::npos) << e.what();
  }
  first.reset();
  EXPECT_NO_THROW(open());
}

TEST_F(IndexWriterTest, ForEachCaseVisitsEveryCaseInIdOrder) {
  auto writer = open();
  for (std::size_t n : {3u, 1u, 2u}) writer->upsert(make_case(n));
  writer->commit();
  std::vector<std::string> ids;
  writer->for_each_case([&](const schema::StoredCase& c) { ids.push_back(c.record.at("id").get<std::string>()); });
  EXPECT_EQ(ids, (std::vector<std::string>{"case-1", "case-2", "case-3"}));
}

}  // namespace
}  // namespace kb::index
