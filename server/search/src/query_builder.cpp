#include "kb/search/query_builder.h"

#include <algorithm>
#include <cstdint>

#include "kb/schema/terms.h"
#include "kb/search/errors.h"

namespace kb::search {
namespace {

constexpr double kPartWeight = 0.6;     // compound parts of a query word
constexpr double kSynonymWeight = 0.7;  // curated synonyms
constexpr Xapian::termcount kMaxPrefixExpansion = 100;
constexpr std::size_t kSameStart = 4;  // letters a correction of a real word must keep

enum class Kind { word, phrase, prefix };

struct RawClause {
  Kind kind = Kind::word;
  std::string text;
  bool negated = false;
  bool or_with_next = false;
};

// Splits the query into clauses. Quotes, leading '-', trailing '*' and the
// operator OR are syntax; everything else is text for the analyzer.
std::vector<RawClause> split_clauses(std::string_view q) {
  std::vector<RawClause> out;
  std::size_t i = 0;
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < q.size()) {
    while (i < q.size() && space(q[i])) ++i;
    if (i >= q.size()) break;
    RawClause c;
    if (q[i] == '-' && i + 1 < q.size() && !space(q[i + 1])) {
      c.negated = true;
      ++i;
    }
    if (q[i] == '"') {
      const auto close = q.find('"', i + 1);
      const auto end = close == std::string_view::npos ? q.size() : close;
      c.kind = Kind::phrase;
      c.text = std::string(q.substr(i + 1, end - i - 1));
      i = close == std::string_view::npos ? q.size() : close + 1;
    } else {
      std::size_t end = i;
      while (end < q.size() && !space(q[end]) && q[end] != '"') ++end;
      std::string_view word = q.substr(i, end - i);
      i = end;
      if (word == "OR" && !c.negated) {
        if (!out.empty()) out.back().or_with_next = true;
        continue;
      }
      if (word.size() > 1 && word.back() == '*') {
        c.kind = Kind::prefix;
        word.remove_suffix(1);
      }
      c.text = std::string(word);
    }
    out.push_back(std::move(c));
  }
  if (!out.empty()) out.back().or_with_next = false;  // a dangling OR is just a word separator
  return out;
}

Xapian::Query and_of(std::vector<Xapian::Query> qs) {
  if (qs.empty()) return {};
  if (qs.size() == 1) return qs.front();
  return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

Xapian::Query or_of(std::vector<Xapian::Query> qs) {
  if (qs.empty()) return {};
  if (qs.size() == 1) return qs.front();
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

}  // namespace

QueryBuilder::QueryBuilder(stemming::Analyzer& analyzer, const Limits& limits) : analyzer_(analyzer), limits_(limits) {}

Xapian::Query QueryBuilder::synonym_query(const std::string& phrase, const Xapian::Database& db, BuiltQuery& out) {
  std::vector<Xapian::Query> alternatives;
  for (auto it = db.synonyms_begin(phrase); it != db.synonyms_end(phrase); ++it) {
    std::vector<Xapian::Query> words;
    for (const auto& t : analyzer_.analyze(*it)) {
      if (t.is_stop_word) continue;
      words.emplace_back(schema::term(schema::kStem, t.stem));
      out.stems.push_back(t.stem);
    }
    if (!words.empty()) alternatives.push_back(and_of(std::move(words)));
  }
  if (alternatives.empty()) return {};
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, or_of(std::move(alternatives)), kSynonymWeight);
}

Xapian::Query QueryBuilder::word_query(const stemming::OwnedToken& token, const Xapian::Database& db, BuiltQuery& out,
                                       std::string& spelled) {
  const stemming::OwnedToken* t = &token;
  stemming::OwnedToken corrected;
  const std::string stem_term = schema::term(schema::kStem, token.stem);
  spelled = token.normalized;
  // A word the index does not have is a likely misspelling: search for the
  // correction instead. A real Dutch word (in the word list, or a compound of
  // indexed parts) is only corrected into a word with the same beginning
  // (`lantarenpaal` -> `lantaarnpaal`), never into another word (`drones`
  // stays `drones`, not `droeg`).
  const bool in_word_list = analyzer_.lexicon().dictionary().contains(token.normalized);
  const bool indexed_compound =
      !token.part_stems.empty() &&
      std::all_of(token.part_stems.begin(), token.part_stems.end(),
                  [&](const std::string& p) { return db.get_termfreq(schema::term(schema::kStem, p)) > 0; });
  // A word of the synonym list is known even when no case uses it: it is
  // searched as its synonyms (`ontharden` -> tegelwippen), never corrected
  // into a look-alike (`onthouden`).
  const bool has_synonyms = db.synonyms_begin(token.normalized) != db.synonyms_end(token.normalized);
  if (!token.is_number && !indexed_compound && !has_synonyms && db.get_termfreq(stem_term) == 0 &&
      db.get_termfreq(token.normalized) == 0) {
    const std::string suggestion = db.get_spelling_suggestion(token.normalized, 2);
    const bool same_start = suggestion.size() >= kSameStart && token.normalized.size() >= kSameStart &&
                            suggestion.compare(0, kSameStart, token.normalized, 0, kSameStart) == 0;
    if (!suggestion.empty() && (!in_word_list || same_start)) {
      auto tokens = analyzer_.analyze(suggestion);
      if (tokens.size() == 1) {
        corrected = std::move(tokens.front());
        t = &corrected;
        spelled = corrected.normalized;
      }
    }
  }
  std::vector<Xapian::Query> alternatives;
  alternatives.emplace_back(schema::term(schema::kStem, t->stem));
  out.words.push_back(t->normalized);
  out.stems.push_back(t->stem);
  if (t->part_stems.size() >= 2) {
    std::vector<Xapian::Query> parts;
    for (const auto& p : t->part_stems) {
      parts.emplace_back(schema::term(schema::kStem, p));
      out.stems.push_back(p);
    }
    alternatives.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, and_of(std::move(parts)), kPartWeight);
  }
  if (Xapian::Query syn = synonym_query(t->normalized, db, out); !syn.empty()) alternatives.push_back(std::move(syn));
  return or_of(std::move(alternatives));
}

namespace {

// One clause as a query, with how it reads after spelling correction.
struct ClauseQuery {
  Xapian::Query query;
  std::string spelled;
};

// Stop words have no postings (see terms.h) but keep their positions: the
// phrase is its other words in order, within the span the whole phrase
// covers (`"stad van morgen"` = `stad` then `morgen` within 3).
ClauseQuery phrase_clause(const RawClause& c, const std::vector<stemming::OwnedToken>& tokens, BuiltQuery& out) {
  std::vector<Xapian::Query> words;
  std::uint32_t first = 0, last = 0;
  for (const auto& t : tokens) {
    if (t.is_stop_word) continue;
    words.emplace_back(t.normalized);
    out.words.push_back(t.normalized);
    if (first == 0) first = t.position;
    last = t.position;
  }
  ClauseQuery clause{{}, "\"" + c.text + "\""};
  if (words.size() == 1)
    clause.query = words.front();
  else if (words.size() > 1)
    clause.query = Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                                 static_cast<Xapian::termcount>(last - first + 1));
  return clause;
}

ClauseQuery prefix_clause(const RawClause& c, const std::vector<stemming::OwnedToken>& tokens, BuiltQuery& out) {
  std::vector<Xapian::Query> words;
  for (std::size_t k = 0; k + 1 < tokens.size(); ++k) words.emplace_back(schema::term(schema::kStem, tokens[k].stem));
  words.emplace_back(Xapian::Query::OP_WILDCARD, tokens.back().normalized, kMaxPrefixExpansion,
                     Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  out.words.push_back(tokens.back().normalized);
  return {and_of(std::move(words)), c.text + "*"};
}

}  // namespace

// Words: each word's stem, correction and synonyms (word_query), AND-ed,
// stop words left out unless `keep_stop_words`; a multi-word synonym (`heat
// stress`) as an alternative to its words.
QueryBuilder::Clause QueryBuilder::words_clause(const std::vector<stemming::OwnedToken>& tokens, bool keep_stop_words,
                                                const Xapian::Database& db, BuiltQuery& out) {
  std::vector<Xapian::Query> words;
  Clause clause;
  for (const auto& t : tokens) {
    if (t.is_stop_word && !keep_stop_words) continue;
    std::string spelled;
    words.push_back(word_query(t, db, out, spelled));
    if (spelled != t.normalized) clause.corrected = true;
    clause.spelled += (clause.spelled.empty() ? "" : " ") + spelled;
  }
  clause.query = and_of(std::move(words));
  if (tokens.size() > 1 && !clause.query.empty()) {
    std::string phrase;
    for (const auto& t : tokens) phrase += (phrase.empty() ? "" : " ") + t.normalized;
    if (Xapian::Query syn = synonym_query(phrase, db, out); !syn.empty()) clause.query = or_of({clause.query, syn});
  }
  return clause;
}

BuiltQuery QueryBuilder::build(std::string_view q, const Xapian::Database& db) {
  BuiltQuery out;
  const std::vector<RawClause> raw = split_clauses(q);
  // Each clause analysed once.
  std::vector<std::vector<stemming::OwnedToken>> analysed;
  std::size_t terms = 0;
  for (const auto& c : raw) {
    analysed.push_back(analyzer_.analyze(c.text));
    terms += analysed.back().size();
    if (terms > limits_.max_query_terms)
      throw InvalidRequest("q", "at most " + std::to_string(limits_.max_query_terms) + " terms");
  }
  // Only stop words? Then keep them, or the query would be empty.
  bool only_stop_words = true;
  for (std::size_t ci = 0; ci < raw.size(); ++ci)
    if (raw[ci].kind != Kind::word || raw[ci].negated ||
        std::any_of(analysed[ci].begin(), analysed[ci].end(), [](const auto& t) { return !t.is_stop_word; }))
      only_stop_words = false;

  // Each raw clause becomes one Xapian query; OR joins neighbours into groups.
  std::vector<std::vector<Xapian::Query>> groups(1);
  std::vector<Xapian::Query> excluded;
  bool any_correction = false;
  std::string corrected_text;
  for (std::size_t ci = 0; ci < raw.size(); ++ci) {
    const RawClause& c = raw[ci];
    const auto& tokens = analysed[ci];
    Clause clause;
    if (c.kind == Kind::phrase && tokens.size() > 1) {
      auto [query, spelled] = phrase_clause(c, tokens, out);
      clause = {std::move(query), std::move(spelled), false};
    } else if (c.kind == Kind::prefix && !tokens.empty() && tokens.back().normalized.size() >= 2) {
      auto [query, spelled] = prefix_clause(c, tokens, out);
      clause = {std::move(query), std::move(spelled), false};
    } else {
      // A negated clause keeps its stop words (`-de` excludes what it says).
      clause = words_clause(tokens, only_stop_words || c.negated, db, out);
      any_correction = any_correction || clause.corrected;
    }
    if (clause.query.empty()) continue;
    if (c.negated) {
      excluded.push_back(clause.query);
      corrected_text += (corrected_text.empty() ? "-" : " -") + c.text;
      continue;
    }
    corrected_text += (corrected_text.empty() ? "" : " ") + clause.spelled;
    groups.back().push_back(clause.query);
    if (!c.or_with_next && ci + 1 < raw.size()) groups.emplace_back();
    else if (c.or_with_next) corrected_text += " OR";
  }
  assemble(out, groups, excluded);
  if (any_correction) out.corrected = corrected_text;
  return out;
}

// The whole query from its OR groups and exclusions, and the relaxed query.
void QueryBuilder::assemble(BuiltQuery& out, std::vector<std::vector<Xapian::Query>>& groups,
                            const std::vector<Xapian::Query>& excluded) {
  std::vector<Xapian::Query>& positives = out.clauses;
  for (auto& g : groups)
    if (!g.empty()) positives.push_back(or_of(std::move(g)));
  out.browse = positives.empty();
  // A fresh match-all query, never a copy of Xapian::Query::MatchAll: that
  // one is shared by the whole process and its reference count is not
  // atomic, so worker threads copying it corrupt it (issue 15: segfaults
  // under concurrent browse searches).
  const Xapian::Query base = out.browse ? Xapian::Query(std::string()) : and_of(positives);
  const Xapian::Query not_query = or_of(excluded);
  out.query = not_query.empty() ? base : Xapian::Query(Xapian::Query::OP_AND_NOT, base, not_query);
  if (positives.size() > 1) {
    const Xapian::Query any = or_of(positives);
    out.relaxed = not_query.empty() ? any : Xapian::Query(Xapian::Query::OP_AND_NOT, any, not_query);
  }
  std::sort(out.stems.begin(), out.stems.end());
  out.stems.erase(std::unique(out.stems.begin(), out.stems.end()), out.stems.end());
  std::sort(out.words.begin(), out.words.end());
  out.words.erase(std::unique(out.words.begin(), out.words.end()), out.words.end());
}

}  // namespace kb::search
