#pragma once
// A set of document ids of one database revision as a bitmap: one bit per
// docid up to the last docid. At 100,000 documents it is 12.5 KB, and
// union, intersection and difference are word-wide loops, so BooleanMatcher
// can combine whole posting lists far faster than a ranked match visits them.
#include <xapian.h>

#include <bit>
#include <cstdint>
#include <vector>

namespace kb::search {

class DocSet {
 public:
  DocSet() = default;
  // An empty set that can hold docids 1..last_docid.
  explicit DocSet(Xapian::docid last_docid) : words_(last_docid / 64 + 1, 0), limit_(last_docid) {}

  Xapian::docid last_docid() const noexcept { return limit_; }
  // Docids beyond last_docid() are ignored: a database revision has none.
  void add(Xapian::docid did) noexcept {
    if (did <= limit_) words_[did >> 6] |= std::uint64_t{1} << (did & 63);
  }
  void remove(Xapian::docid did) noexcept {
    if (did <= limit_) words_[did >> 6] &= ~(std::uint64_t{1} << (did & 63));
  }
  bool contains(Xapian::docid did) const noexcept {
    return did <= limit_ && (words_[did >> 6] >> (did & 63) & 1) != 0;
  }
  // The first member >= did, or 0 when there is none.
  Xapian::docid first_from(Xapian::docid did) const noexcept;
  Xapian::doccount size() const noexcept;
  bool empty() const noexcept;

  // In-place set algebra with a set of the same database revision.
  DocSet& unite(const DocSet& other) noexcept;
  DocSet& intersect(const DocSet& other) noexcept;
  DocSet& subtract(const DocSet& other) noexcept;

  // Calls f(docid) for every member, ascending.
  template <typename F>
  void for_each(F&& f) const {
    for (std::size_t w = 0; w < words_.size(); ++w)
      for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1)
        f(static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
  }

 private:
  std::vector<std::uint64_t> words_;
  Xapian::docid limit_ = 0;
};

// A DocSet as a boolean Xapian query (weight 0): `OP_FILTER` with it
// restricts a ranked match to the set's documents, which Xapian then reaches
// by skipping. The set must outlive the query.
class DocSetPostingSource : public Xapian::PostingSource {
 public:
  explicit DocSetPostingSource(const DocSet& set);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return size_; }
  Xapian::doccount get_termfreq_est() const override { return size_; }
  Xapian::doccount get_termfreq_max() const override { return size_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return started_ && current_ == 0; }
  Xapian::docid get_docid() const override { return current_; }
  DocSetPostingSource* clone() const override { return new DocSetPostingSource(set_); }
  std::string name() const override { return "kb::search::DocSetPostingSource"; }

 private:
  const DocSet& set_;
  Xapian::doccount size_;
  Xapian::docid current_ = 0;
  bool started_ = false;
};

}  // namespace kb::search
