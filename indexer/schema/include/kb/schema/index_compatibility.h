#pragma once
// Whether an index directory was built with the document layout of this
// program (terms.h, kVersion). Writers and readers both check before use.
#include <xapian.h>

#include <stdexcept>
#include <string>

namespace kb::schema {

// The index was built by an incompatible version (schema or stemmer).
class IncompatibleIndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws IncompatibleIndexError, with rebuild instructions that keep the
// curated cases, when `db` (found at `where`) has another schema version. A
// new, empty index passes.
void check_compatible(const Xapian::Database& db, const std::string& where);

}  // namespace kb::schema
