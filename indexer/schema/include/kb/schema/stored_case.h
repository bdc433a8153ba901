#pragma once
// The document data of an indexed case, read back: the record exactly as it
// was indexed plus what the indexer derived from it. The shape is the same in
// every schema version (terms.h), so export can read an index that
// check_compatible() refuses.
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/schema/terms.h"

namespace kb::schema {

// One municipality that reused a case: through a case record of its own
// (`case_id`, a case whose derived_from is this case) or without one
// (`adopted_by`, case_id empty).
struct ReuseEntry {
  std::string municipality;       // display name
  std::string municipality_slug;
  std::string case_id;            // empty: no case record of its own
  bool operator==(const ReuseEntry&) const = default;
};

// What the document data holds: {"record": {...}, "municipality_slug",
// "municipality_label", "adopted_by": [{"name", "slug"}], and from schema
// version 3 "province", "province_slug" and "reused_by": [{"municipality",
// "municipality_slug", "case_id" (or null)}]}. Readers of older data get
// empty strings and lists.
// The nested parts of a record (case-schema.md), as read for display.
struct Partner {
  std::string name, kind;
};
struct Link {
  std::string url, title;
};
struct Contact {
  std::string organisation, email;
};

struct StoredCase {
  nlohmann::json record;
  std::string municipality_slug;
  std::string municipality_label;
  std::string province;
  std::string province_slug;
  std::vector<ReuseEntry> reused_by;
  static StoredCase from_data(const std::string& data);  // throws nlohmann::json::exception on corrupt data

  // Typed reads of the record, so that readers need not know its JSON:
  // a field that is absent or of another type reads as empty / nullopt.
  std::string text(std::string_view field) const;
  std::optional<std::string> optional_text(std::string_view field) const;
  std::vector<std::string> texts(std::string_view field) const;  // an array of strings
  std::optional<int> integer(std::string_view field) const;
  std::vector<Partner> partners() const;  // entries without a name are left out
  std::vector<Link> links() const;        // entries with neither url nor title are left out
  Contact contact() const;
  std::string visibility() const;  // "published" unless the record says "draft"
  bool is_draft() const { return visibility() == "draft"; }
};

// The revision of a stored case, as a strong HTTP entity tag ("\"<16 hex>\""):
// a hash of the record and of what is derived from it (municipality labels,
// reused_by). The same stored case always gives the same revision and every
// change of the record a new one; a change of reused_by (another case now
// names this one in derived_from) gives a new one too, so that a conditional
// GET never keeps a stale reuse list, and a save over it is refused (412)
// rather than risked (issue 17 point 11).
std::string revision_of(const StoredCase& stored);

nlohmann::json reuse_to_json(const std::vector<ReuseEntry>& entries);
std::vector<ReuseEntry> reuse_from_json(const nlohmann::json& list);

// Calls f(StoredCase) for every case stored in `db`, in id order. Reads only
// the document data, whose shape every schema version shares, so it works on
// an index that check_compatible() refuses.
template <typename F>
void for_each_stored_case(const Xapian::Database& db, F&& f) {
  const std::string prefix(kId);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    auto post = db.postlist_begin(*it);
    if (post != db.postlist_end(*it)) f(StoredCase::from_data(db.get_document(*post).get_data()));
  }
}

}  // namespace kb::schema
