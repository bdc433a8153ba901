#pragma once
// Turns what a user types into a Xapian query through the same analysis
// pipeline as the index. Syntax: "phrases", -exclude, OR, trailing * for a
// prefix. Anything malformed (a lone quote, a dangling OR, a bare -) is read
// as plain words: the builder never fails on syntax, only on limits.
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "kb/search/request.h"
#include "kb/stemming/analyzer.h"

namespace kb::search {

struct BuiltQuery {
  Xapian::Query query;    // every positive clause required (AND)
  Xapian::Query relaxed;  // any positive clause (OR); empty when there is at most one
  std::vector<Xapian::Query> clauses;  // the positive clauses (OR groups) `query` requires
  bool browse = true;     // no positive clause: match everything
  std::string corrected;  // the query with misspellings corrected; empty when none
  std::vector<std::string> words;  // folded words to highlight
  std::vector<std::string> stems;  // stems to highlight (compound parts and synonyms included)
};

class QueryBuilder {
 public:
  QueryBuilder(stemming::Analyzer& analyzer, const Limits& limits = {});
  // `db` supplies synonyms, spelling data and term statistics. Throws
  // InvalidRequest when the query has more than limits.max_query_terms terms.
  BuiltQuery build(std::string_view q, const Xapian::Database& db);

 private:
  struct Clause {
    Xapian::Query query;
    std::string spelled;     // the clause as it reads after spelling correction
    bool corrected = false;  // a word of it was corrected
  };
  Clause words_clause(const std::vector<stemming::OwnedToken>& tokens, bool keep_stop_words, const Xapian::Database& db,
                      BuiltQuery& out);
  static void assemble(BuiltQuery& out, std::vector<std::vector<Xapian::Query>>& groups,
                       const std::vector<Xapian::Query>& excluded);
  Xapian::Query word_query(const stemming::OwnedToken& token, const Xapian::Database& db, BuiltQuery& out,
                           std::string& spelled);
  Xapian::Query synonym_query(const std::string& phrase, const Xapian::Database& db, BuiltQuery& out);

  stemming::Analyzer& analyzer_;
  Limits limits_;
};

}  // namespace kb::search
