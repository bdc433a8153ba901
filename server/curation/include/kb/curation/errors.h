#pragma once
// Typed errors of curation. The store knows nothing of HTTP: kb::http maps
// each of these to a status code and a problem document in one place.
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "kb/index/case_validator.h"

namespace kb::curation {

// A case with this id exists already; ids are never reused.
class AlreadyExists : public std::runtime_error {
 public:
  explicit AlreadyExists(const std::string& id)
      : std::runtime_error("A case with id '" + id + "' exists; ids are never reused.") {}
};

// No case with this id.
class NotFound : public std::runtime_error {
 public:
  explicit NotFound(const std::string& id) : std::runtime_error("No case with id '" + id + "'.") {}
};

// An If-Match naming another revision than the current one: someone else
// changed (or deleted and recreated) the case since the writer read it.
// Nothing was written; `current()` is the stored record, `current_revision()`
// its ETag (issue 17 point 11).
class RevisionConflict : public std::runtime_error {
 public:
  RevisionConflict(const std::string& id, std::string current_revision, nlohmann::json current)
      : std::runtime_error("Case '" + id + "' was changed by someone else since it was read (current revision " +
                           current_revision + "); load the current version and apply the change again."),
        current_revision_(std::move(current_revision)), current_(std::move(current)) {}
  const std::string& current_revision() const noexcept { return current_revision_; }
  const nlohmann::json& current() const noexcept { return current_; }

 private:
  std::string current_revision_;
  nlohmann::json current_;
};

// The record breaks the case schema; one FieldError per bad field.
class InvalidCase : public std::runtime_error {
 public:
  InvalidCase(std::string detail, std::vector<index::FieldError> errors)
      : std::runtime_error(std::move(detail)), errors_(std::move(errors)) {}
  const std::vector<index::FieldError>& errors() const noexcept { return errors_; }

 private:
  std::vector<index::FieldError> errors_;
};

// Another writer (kb-indexer) holds the index's write lock; retry later.
class IndexBusy : public std::runtime_error {
 public:
  explicit IndexBusy(std::chrono::seconds retry_after)
      : std::runtime_error("Another writer (kb-indexer) holds the index; try again in a few seconds."),
        retry_after_(retry_after) {}
  std::chrono::seconds retry_after() const noexcept { return retry_after_; }

 private:
  std::chrono::seconds retry_after_;
};

// The index was built by an incompatible version (schema or stemmer).
class IndexUnusable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The history file cannot be appended to or synced; nothing was changed.
class HistoryUnwritable : public std::runtime_error {
 public:
  explicit HistoryUnwritable(std::filesystem::path path)
      : std::runtime_error("history not writable: " + path.string()), path_(std::move(path)) {}
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace kb::curation
