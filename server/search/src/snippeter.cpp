#include "kb/search/snippeter.h"

#include <algorithm>

namespace kb::search {
namespace {

struct Mark {
  std::size_t begin, end;
};

bool contains(const std::vector<std::string>& sorted, std::string_view s) {
  return std::binary_search(sorted.begin(), sorted.end(), s);
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Moves `pos` back to the start of a UTF-8 sequence.
std::size_t char_boundary(std::string_view text, std::size_t pos) {
  while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

}  // namespace

Snippet Snippeter::snippet(const std::vector<std::string_view>& fields, const std::vector<std::string>& words,
                           const std::vector<std::string>& stems, std::size_t max_bytes) {
  std::string_view best_text;
  std::vector<Mark> best_marks;
  std::size_t best_start = 0, best_score = 0;
  // Context shown before the first mark: a quarter of the window, at most 40 bytes.
  const std::size_t lead = std::min<std::size_t>(40, max_bytes / 4);
  for (const std::string_view text : fields) {
    if (text.empty()) continue;
    if (best_text.empty()) best_text = text;
    std::vector<Mark> marks;
    analyzer_.analyze(text, [&](const stemming::Token& t) {
      if (contains(words, t.normalized) || contains(stems, t.stem)) {
        marks.push_back({t.begin, t.end});
        return;
      }
      // A matching compound part: mark just that part when the word's
      // letters map one to one onto its folded form.
      const bool mappable = is_ascii(t.text) && t.text.size() == t.normalized.size();
      std::size_t from = 0;
      for (std::size_t i = 0; i < t.parts.size(); ++i) {
        const auto at = t.normalized.find(t.parts[i], from);
        if (at == std::string::npos) break;
        from = at + t.parts[i].size();
        if (!contains(stems, t.part_stems[i])) continue;
        if (mappable) marks.push_back({t.begin + at, t.begin + from});
        else marks.push_back({t.begin, t.end});
      }
    });
    if (marks.empty()) continue;
    // The window (starting at a mark, after its lead) that holds the most marks.
    for (std::size_t i = 0; i < marks.size(); ++i) {
      std::size_t n = 0;
      for (std::size_t k = i; k < marks.size() && marks[k].end <= marks[i].begin + max_bytes - lead; ++k) ++n;
      if (n > best_score) {
        best_score = n;
        best_text = text;
        best_marks = marks;
        best_start = marks[i].begin;
      }
    }
    // Fields come in order of preference; once a window shows as many marks
    // as the query has words, later fields are not analysed (a hit's body
    // text is several KB; analysing all of it for every hit was the largest
    // cost of a results page).
    if (best_score >= std::max<std::size_t>(1, words.size())) break;
  }
  if (best_text.empty()) return {};
  // Start a little before the first mark, at the first word that begins
  // within the lead; a word longer than the lead is not cut into.
  std::size_t start = best_start > lead ? best_start - lead : 0;
  if (start > 0) {
    const auto space = best_text.find(' ', start);
    start = space != std::string_view::npos && space < best_start ? space + 1 : best_start;
  }
  std::size_t end = std::min(best_text.size(), start + max_bytes);
  if (end < best_text.size()) {
    const auto space = best_text.rfind(' ', end);
    end = space != std::string_view::npos && space > start ? space : char_boundary(best_text, end);
  }
  Snippet out;
  if (start > 0) out.text += "… ";
  std::size_t pos = start;
  for (const Mark& m : best_marks) {
    if (m.begin < pos || m.end > end) continue;
    out.text += best_text.substr(pos, m.begin - pos);
    const std::size_t at = out.text.size();
    out.text += best_text.substr(m.begin, m.end - m.begin);
    out.marks.push_back({at, out.text.size()});
    pos = m.end;
  }
  out.text += best_text.substr(pos, end - pos);
  if (end < best_text.size()) out.text += " …";
  return out;
}

}  // namespace kb::search
