#include "kb/stemming/compound_splitter.h"

#include <algorithm>
#include <array>
#include <optional>
#include <tuple>

namespace kb::stemming {
namespace {

constexpr std::size_t kMinPart = 4;
constexpr std::size_t kMaxWord = 64;  // longer tokens are not words (ids, hashes)
constexpr int kMaxDepth = 4;

// Three-letter nouns that often start or end a compound (`zonnepaneel`,
// `busbaan`, `wegdek`). Other 3-letter words (`wet`, `ver`, `uur`) are left
// out on purpose: they would split `wethouder`, `verkeer`, `bestuur`.
constexpr std::array<std::string_view, 20> kShortParts = {
    "zon", "dak", "bus", "gas", "bos", "weg", "bed", "vis", "ijs", "zee",
    "pad", "dag", "kas", "net", "web", "app", "dek", "tol", "lab", "pas"};

// Particles and prepositions that form prefixed words rather than compounds
// (`onderwijs`, `voorbeeld`, `overheid`): never a modifier.
constexpr std::array<std::string_view, 22> kParticles = {
    "onder", "over", "voor", "door", "achter", "tegen", "mede", "samen",
    "boven", "buiten", "binnen", "rond", "langs", "tussen", "terug", "erop",
    "eraan", "erin", "ervan", "naar", "toch", "weder"};

// Heads that are derivational suffixes in disguise (`belangrijk`,
// `werkloosheid`): never the last part, nor the start of it.
constexpr std::array<std::string_view, 18> kSuffixHeads = {
    "heid", "heden", "schap", "lijk", "baar", "zaam", "loos", "achtig", "rijk",
    "ling", "aard", "erij", "isme", "iteit", "ding", "king", "enden", "eken"};

bool in(std::string_view w, auto const& list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool is_lower_letters(std::string_view w) {
  return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

}  // namespace

struct CompoundSplitter::Candidate {
  std::vector<std::string_view> parts;
  // Per joint: 0 for a tussen-s (`verkeer-s-lichten` over `verkeer-slichten`),
  // 1 for none, 2 for e/en/er (`warmte-net` over `warmt-e-net`).
  int link_penalty = 0;
  std::size_t shortest = 0;

  auto key() const {
    return std::make_tuple(parts.size(), link_penalty, -static_cast<long>(shortest),
                           -static_cast<long>(parts.front().size()));
  }
};

CompoundSplitter::CompoundSplitter(const WordSet& dictionary, const WordSet& keep_whole,
                                   const WordSet& stop_words)
    : dictionary_(dictionary), keep_whole_(keep_whole), stop_words_(stop_words) {}

bool CompoundSplitter::is_modifier(std::string_view p) const {
  if (p.size() < kMinPart && !in(p, kShortParts)) return false;
  return dictionary_.contains(p) && !stop_words_.contains(p) && !in(p, kParticles);
}

bool CompoundSplitter::is_head(std::string_view p) const {
  if (p.size() < kMinPart && !in(p, kShortParts)) return false;
  if (!dictionary_.contains(p) || stop_words_.contains(p) || in(p, kParticles)) return false;
  for (auto suffix : kSuffixHeads)
    if (p.starts_with(suffix)) return false;
  return true;
}

bool CompoundSplitter::best_split(std::string_view w, std::vector<std::string>& out) const {
  const std::size_t n = w.size();
  // cover[i]: the best way to cover w[i..n) with modifiers and a final head.
  std::vector<std::optional<Candidate>> cover(n + 1);
  for (std::size_t i = n; i-- > 0;) {
    std::optional<Candidate> best;
    auto consider = [&](Candidate c) {
      if (!best || c.key() < best->key()) best = std::move(c);
    };
    if (i > 0 && is_head(w.substr(i))) consider(Candidate{{w.substr(i)}, 0, n - i});
    for (std::size_t j = i + 3; j + 3 <= n; ++j) {
      const std::string_view part = w.substr(i, j - i);
      if (!is_modifier(part)) continue;
      std::array<std::string, 7> links = {"", "s", "e", "en", "er", "", ""};
      // `zonne-`, `mannen-`: a short modifier doubles its last consonant.
      const char last = part.back();
      if (part.size() <= 4 && !is_vowel(last)) {
        links[5] = std::string{last} + "e";
        links[6] = std::string{last} + "en";
      }
      for (std::size_t k = 0; k < links.size(); ++k) {
        const std::string& link = links[k];
        if (k >= 5 && link.empty()) continue;
        // No tussen-s after an s: `stres-s-test` is `stress-test`.
        if (link == "s" && last == 's') continue;
        if (w.substr(j).substr(0, link.size()) != link) continue;
        const std::size_t next = j + link.size();
        if (next + 3 > n || !cover[next]) continue;
        Candidate c;
        c.parts.push_back(part);
        c.parts.insert(c.parts.end(), cover[next]->parts.begin(), cover[next]->parts.end());
        c.link_penalty = cover[next]->link_penalty + (link == "s" ? 0 : link.empty() ? 1 : 2);
        c.shortest = std::min(part.size(), cover[next]->shortest);
        consider(std::move(c));
      }
    }
    cover[i] = std::move(best);
  }
  if (!cover[0] || cover[0]->parts.size() < 2) return false;
  out.clear();
  for (auto p : cover[0]->parts) out.emplace_back(p);
  return true;
}

// A part of a compound is split again only into parts of at least 4 letters
// with a head of at least 5: `regenwater` -> regen + water, but `landbouw`,
// `netwerk` and derivations like `scheiding` (schei + ding) stay whole.
static bool is_strong_split(const std::vector<std::string>& parts) {
  if (parts.back().size() < 5) return false;
  return std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return p.size() >= 4; });
}

void CompoundSplitter::split_into(std::string_view w, std::vector<std::string>& out, int depth) const {
  std::vector<std::string> parts;
  if (depth < kMaxDepth && w.size() >= 6 && !keep_whole_.contains(w) && best_split(w, parts) &&
      (depth == 0 || is_strong_split(parts))) {
    for (const auto& p : parts) split_into(p, out, depth + 1);
  } else {
    out.emplace_back(w);
  }
}

std::vector<std::string> CompoundSplitter::split(std::string_view word) const {
  std::vector<std::string> out;
  if (word.size() < 6 || word.size() > kMaxWord || !is_lower_letters(word) || keep_whole_.contains(word))
    return out;
  split_into(word, out, 0);
  if (out.size() < 2) out.clear();
  return out;
}

}  // namespace kb::stemming
