// kb-relevance: runs every query of tests/relevance/judgments.json through
// the search core exactly as GET /api/v1/search would (parse_search_request
// on the query parameters, Searcher::search) and reports nDCG@10 and MRR@10
// per kind and overall. See tests/relevance/README.md for the metrics.
//
//   kb-relevance --db DIR --judgments FILE [--json] [--min-ndcg X]
//
// Exit 0, or 1 when --min-ndcg is given and the overall nDCG@10 is below it,
// or 2 on a usage error, an unreadable file or a search error.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "kb/search/errors.h"
#include "kb/search/request.h"
#include "kb/search/searcher.h"
#include "kb/stemming/lexicon.h"

namespace {

using nlohmann::json;

constexpr std::size_t kCutoff = 10;  // @10

int usage(const std::string& message = {}) {
  if (!message.empty()) std::cerr << "kb-relevance: " << message << '\n';
  std::cerr << "usage: kb-relevance --db DIR --judgments FILE [--json] [--min-ndcg X]\n";
  return 2;
}

// Gain of a grade: 2^grade - 1 (0, 1, 3, 7).
double gain(int grade) { return std::exp2(static_cast<double>(grade)) - 1.0; }
// Discount of 1-based rank r: log2(r + 1).
double discount(std::size_t rank) { return std::log2(static_cast<double>(rank) + 1.0); }

// nDCG@10: DCG of the first 10 hits over the DCG of the ideal ranking, which
// is every judged grade sorted descending (cut at 10). Unjudged hits are 0.
double ndcg_at_10(const std::vector<int>& hit_grades, std::vector<int> judged) {
  double dcg = 0;
  for (std::size_t i = 0; i < hit_grades.size() && i < kCutoff; ++i) dcg += gain(hit_grades[i]) / discount(i + 1);
  std::sort(judged.begin(), judged.end(), std::greater<>());
  double ideal = 0;
  for (std::size_t i = 0; i < judged.size() && i < kCutoff; ++i) ideal += gain(judged[i]) / discount(i + 1);
  return ideal > 0 ? dcg / ideal : 0;
}

// MRR@10: 1 / rank of the first hit with grade >= 2 in the first 10, else 0.
double rr_at_10(const std::vector<int>& hit_grades) {
  for (std::size_t i = 0; i < hit_grades.size() && i < kCutoff; ++i)
    if (hit_grades[i] >= 2) return 1.0 / static_cast<double>(i + 1);
  return 0;
}

struct QueryResult {
  std::string id, kind, q;
  std::vector<std::string> hits;  // ids, in rank order
  double ndcg = 0, rr = 0;
  std::size_t total = 0;  // matching documents
  std::string did_you_mean;
  bool answerable = true;  // false: empty judgments (a no-answer query)
};

struct Mean {
  std::size_t n = 0;
  double ndcg = 0, mrr = 0;
  void add(const QueryResult& r) {
    ++n;
    ndcg += r.ndcg;
    mrr += r.rr;
  }
  double avg_ndcg() const { return n ? ndcg / static_cast<double>(n) : 0; }
  double avg_mrr() const { return n ? mrr / static_cast<double>(n) : 0; }
};

// query["q"], or "" when it is missing or not a string.
std::string q_of(const json& query) {
  const auto it = query.find("q");
  return it != query.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The query parameters the API would receive for this query.
kb::search::Params params_of(const json& query) {
  kb::search::Params params;
  params.emplace_back("q", q_of(query));
  if (const auto f = query.find("filters"); f != query.end()) {
    for (const auto& [key, value] : f->items()) {
      if (value.is_array()) {
        for (const auto& v : value) params.emplace_back(key, v.is_string() ? v.get<std::string>() : v.dump());
      } else {
        params.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
      }
    }
  }
  params.emplace_back("per_page", std::to_string(kCutoff));
  return params;
}

std::string fixed(double v, int digits = 3) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, judgments_path;
  bool as_json = false;
  std::optional<double> min_ndcg;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      as_json = true;
    } else if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    } else if (arg == "--db" || arg == "--judgments" || arg == "--min-ndcg") {
      if (i + 1 >= argc) return usage(arg + " needs a value");
      const std::string v = argv[++i];
      if (arg == "--db") {
        db = v;
      } else if (arg == "--judgments") {
        judgments_path = v;
      } else {
        std::size_t used = 0;
        double x = 0;
        try {
          x = std::stod(v, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != v.size() || !(x >= 0 && x <= 1)) return usage("--min-ndcg needs a number from 0 to 1");
        min_ndcg = x;
      }
    } else {
      return usage("unknown argument " + arg);
    }
  }
  if (db.empty() || judgments_path.empty()) return usage("--db and --judgments are required");

  json judgments;
  try {
    std::ifstream in(judgments_path);
    if (!in) return usage("cannot read " + judgments_path);
    judgments = json::parse(in);
  } catch (const json::exception& e) {
    std::cerr << "kb-relevance: " << judgments_path << ": " << e.what() << '\n';
    return 2;
  }

  std::vector<QueryResult> results;
  std::vector<std::string> kinds;  // in order of first appearance
  try {
    kb::search::Searcher searcher(db, kb::stemming::Lexicon::load());
    for (const auto& query : judgments.at("queries")) {
      QueryResult r;
      r.id = query.at("id").get<std::string>();
      r.kind = query.at("kind").get<std::string>();
      r.q = q_of(query);
      if (std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end()) kinds.push_back(r.kind);
      const auto answer = searcher.search(kb::search::parse_search_request(params_of(query)));
      r.total = answer.total;
      r.did_you_mean = answer.did_you_mean.value_or("");
      std::map<std::string, int> grade;
      std::vector<int> judged;
      for (const auto& [id, g] : query.at("judgments").items()) {
        grade[id] = g.get<int>();
        judged.push_back(g.get<int>());
      }
      std::vector<int> hit_grades;
      for (const auto& hit : answer.hits) {
        r.hits.push_back(hit.id);
        const auto it = grade.find(r.hits.back());
        hit_grades.push_back(it == grade.end() ? 0 : it->second);
      }
      r.answerable = !judged.empty();
      if (r.answerable) {
        r.ndcg = ndcg_at_10(hit_grades, judged);
        r.rr = rr_at_10(hit_grades);
      }
      results.push_back(std::move(r));
    }
  } catch (const kb::search::InvalidRequest& e) {
    std::cerr << "kb-relevance: a judged query is not a valid request: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "kb-relevance: " << e.what() << '\n';
    return 2;
  } catch (const Xapian::Error& e) {
    std::cerr << "kb-relevance: " << e.get_description() << '\n';
    return 2;
  }

  std::map<std::string, Mean> per_kind;
  Mean overall;
  for (const auto& r : results) {
    if (!r.answerable) continue;
    per_kind[r.kind].add(r);
    overall.add(r);
  }

  if (as_json) {
    json out;
    out["cutoff"] = kCutoff;
    out["queries"] = json::array();
    out["no_answer"] = json::array();
    for (const auto& r : results) {
      if (r.answerable)
        out["queries"].push_back({{"id", r.id}, {"kind", r.kind}, {"q", r.q}, {"ndcg", r.ndcg}, {"rr", r.rr},
                                  {"hits", r.hits}});
      else
        out["no_answer"].push_back({{"id", r.id}, {"kind", r.kind}, {"q", r.q}, {"total", r.total},
                                    {"did_you_mean", r.did_you_mean.empty() ? json(nullptr) : json(r.did_you_mean)}});
    }
    out["kinds"] = json::object();
    for (const auto& kind : kinds)
      if (const auto it = per_kind.find(kind); it != per_kind.end())
        out["kinds"][kind] = {{"queries", it->second.n}, {"ndcg", it->second.avg_ndcg()}, {"mrr", it->second.avg_mrr()}};
    out["overall"] = {{"queries", overall.n}, {"ndcg", overall.avg_ndcg()}, {"mrr", overall.avg_mrr()}};
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << "per query (nDCG@10, RR@10, top 3):\n";
    for (const auto& r : results) {
      if (!r.answerable) continue;
      std::cout << "  " << std::left << std::setw(4) << r.id << ' ' << std::setw(10) << r.kind << ' ' << fixed(r.ndcg)
                << ' ' << fixed(r.rr) << "  " << std::setw(34) << ('"' + r.q + '"') << std::right;
      for (std::size_t i = 0; i < r.hits.size() && i < 3; ++i) std::cout << (i ? ", " : " ") << r.hits[i];
      std::cout << '\n';
    }
    std::cout << "\n" << std::left << std::setw(12) << "kind" << std::right << std::setw(8) << "queries" << std::setw(10)
              << "nDCG@10" << std::setw(10) << "MRR@10" << '\n';
    for (const auto& kind : kinds) {
      const auto it = per_kind.find(kind);
      if (it == per_kind.end()) continue;
      std::cout << std::left << std::setw(12) << kind << std::right << std::setw(8) << it->second.n << std::setw(10)
                << fixed(it->second.avg_ndcg()) << std::setw(10) << fixed(it->second.avg_mrr()) << '\n';
    }
    std::cout << std::left << std::setw(12) << "overall" << std::right << std::setw(8) << overall.n << std::setw(10)
              << fixed(overall.avg_ndcg()) << std::setw(10) << fixed(overall.avg_mrr()) << '\n';
    bool header = false;
    for (const auto& r : results) {
      if (r.answerable) continue;
      if (!header) std::cout << "\nno-answer queries (not in the averages; best is 0 hits or a did_you_mean):\n";
      header = true;
      std::cout << "  " << std::left << std::setw(4) << r.id << ' ' << std::setw(20) << ('"' + r.q + '"') << std::right
                << " hits " << r.total << (r.did_you_mean.empty() ? "" : ", did_you_mean \"" + r.did_you_mean + '"')
                << '\n';
    }
  }

  if (min_ndcg && overall.avg_ndcg() < *min_ndcg) {
    std::cerr << "kb-relevance: overall nDCG@10 " << fixed(overall.avg_ndcg(), 4) << " is below the floor "
              << *min_ndcg << '\n';
    return 1;
  }
  return 0;
}
