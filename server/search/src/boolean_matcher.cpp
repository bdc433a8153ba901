#include "kb/search/boolean_matcher.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace kb::search {
namespace {

// Collects the docids of a Xapian match.
class DocSetCollector : public Xapian::MatchSpy {
 public:
  explicit DocSetCollector(DocSet& out) : out_(out) {}
  void operator()(const Xapian::Document& doc, double) override { out_.add(doc.get_docid()); }

 private:
  DocSet& out_;
};

// Probing a long posting list with skip_to for each member of a small set is
// cheaper than reading it whole once it is this many times longer.
constexpr Xapian::doccount kProbeRatio = 16;
// Postings read between two looks at the clock (about 0.2 ms).
constexpr unsigned kPostingsPerClockCheck = 4096;

}  // namespace

BooleanMatcher::BooleanMatcher(const Xapian::Database& db, const DocSet& all_documents, Clock::time_point deadline)
    : db_(db), all_(all_documents), deadline_(deadline) {}

void BooleanMatcher::check_deadline() const {
  if (deadline_ != Clock::time_point::max() && Clock::now() > deadline_) throw Timeout();
}

DocSet BooleanMatcher::match(const Xapian::Query& query) {
  // Terms have their own memo and MatchAll/MatchNothing cost nothing; every
  // other query is remembered, wildcards and ranges (leaves without
  // subqueries, matched by Xapian) included.
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return evaluate(query);
    default:
      break;
  }
  std::string key = query.get_description();
  if (const auto it = memo_.find(key); it != memo_.end()) return it->second;
  DocSet out = evaluate(query);
  memo_.emplace(std::move(key), out);
  return out;
}

DocSet BooleanMatcher::evaluate(const Xapian::Query& query) {
  check_deadline();
  const auto n = query.get_num_subqueries();
  switch (query.get_type()) {
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return DocSet(all_.last_docid());
    case Xapian::Query::LEAF_MATCH_ALL:
      return all_;
    case Xapian::Query::LEAF_TERM:
      return term(*query.get_terms_begin());
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
      DocSet out(all_.last_docid());
      for (std::size_t i = 0; i < n; ++i) out.unite(match(query.get_subquery(i)));
      return out;
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      return conjunction(query);
    case Xapian::Query::OP_AND_NOT: {
      DocSet out = match(query.get_subquery(0));
      for (std::size_t i = 1; i < n && !out.empty(); ++i) out.subtract(match(query.get_subquery(i)));
      return out;
    }
    case Xapian::Query::OP_AND_MAYBE:  // the optional part only changes weights
    case Xapian::Query::OP_SCALE_WEIGHT:
      return match(query.get_subquery(0));
    default:
      return by_xapian(query);
  }
}

DocSet BooleanMatcher::term(const std::string& name) {
  if (name.empty()) return all_;  // Xapian reads the empty term as MatchAll
  if (const auto it = terms_.find(name); it != terms_.end()) return it->second;
  DocSet out(all_.last_docid());
  unsigned until_check = kPostingsPerClockCheck;
  for (auto it = db_.postlist_begin(name), end = db_.postlist_end(name); it != end; ++it) {
    out.add(*it);
    if (--until_check == 0) {
      check_deadline();
      until_check = kPostingsPerClockCheck;
    }
  }
  terms_.emplace(name, out);
  return out;
}

// Subqueries that are not plain terms are matched first; then terms from the
// rarest up, each read whole or, when it is much longer than what is left,
// probed for the remaining members only.
DocSet BooleanMatcher::conjunction(const Xapian::Query& query) {
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  std::vector<Xapian::Query> others;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    Xapian::Query sub = query.get_subquery(i);
    if (sub.get_type() == Xapian::Query::LEAF_TERM && !(*sub.get_terms_begin()).empty()) {
      const std::string name = *sub.get_terms_begin();
      terms.emplace_back(db_.get_termfreq(name), name);
    } else {
      others.push_back(std::move(sub));
    }
  }
  std::sort(terms.begin(), terms.end());
  if (!terms.empty() && terms.front().first == 0) return DocSet(all_.last_docid());

  std::optional<DocSet> out;
  std::size_t next_term = 0;
  if (others.empty()) out = term(terms[next_term++].second);
  for (const auto& sub : others) {
    if (out && out->empty()) return *out;
    if (!out) out = match(sub);
    else out->intersect(match(sub));
  }
  for (; next_term < terms.size() && !out->empty(); ++next_term) {
    const auto& [freq, name] = terms[next_term];
    const Xapian::doccount left = out->size();
    if (freq / kProbeRatio < left) {
      out->intersect(term(name));
      continue;
    }
    auto it = db_.postlist_begin(name);
    const auto end = db_.postlist_end(name);
    std::vector<Xapian::docid> drop;
    out->for_each([&](Xapian::docid did) {
      if (it != end && *it < did) it.skip_to(did);
      if (it == end || *it != did) drop.push_back(did);
    });
    for (const auto did : drop) out->remove(did);
  }
  return *out;
}

DocSet BooleanMatcher::by_xapian(const Xapian::Query& query) const {
  DocSet out(all_.last_docid());
  DocSetCollector collector(out);
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.add_matchspy(&collector);
  if (deadline_ != Clock::time_point::max()) {
    check_deadline();
    enquire.set_time_limit(std::chrono::duration<double>(deadline_ - Clock::now()).count());
  }
  enquire.get_mset(0, 0, db_.get_doccount());
  check_deadline();  // Xapian stops at the time limit without saying so
  return out;
}

}  // namespace kb::search
