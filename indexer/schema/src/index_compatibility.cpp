#include "kb/schema/index_compatibility.h"

#include "kb/schema/terms.h"

namespace kb::schema {

void check_compatible(const Xapian::Database& db, const std::string& where) {
  const std::string version = db.get_metadata(kMetaVersion);
  if (db.get_doccount() == 0 && version.empty()) return;  // a new, empty index
  if (version != std::to_string(kVersion))
    throw IncompatibleIndexError("the index in " + where + " has schema version '" + version + "', this program needs " +
                                 std::to_string(kVersion) + ": rebuild it, keeping its cases: `kb-indexer --db " + where +
                                 " --export " + where + ".cases && mv " + where + " " + where + ".old && kb-indexer --db " +
                                 where + " " + where + ".cases`");
}

}  // namespace kb::schema
