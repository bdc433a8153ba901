#include "kb/stemming/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <climits>
#include <stdexcept>

#include "kb/stemming/utf8.h"

namespace kb::stemming {
namespace {

constexpr std::size_t kMaxCachedWords = 200'000;

}  // namespace

std::optional<StemmerKind> parse_stemmer(std::string_view name) {
  if (name == "dutch" || name == "dutch_porter") return StemmerKind::dutch;
  if (name == "kraaij_pohlmann") return StemmerKind::kraaij_pohlmann;
  return std::nullopt;
}

std::string_view stemmer_name(StemmerKind kind) {
  return kind == StemmerKind::dutch ? "dutch" : "kraaij_pohlmann";
}

Analyzer::Analyzer(std::shared_ptr<const Lexicon> lexicon, AnalyzerOptions options)
    : lexicon_(std::move(lexicon)),
      options_(options),
      splitter_(lexicon_->dictionary(), lexicon_->keep_whole(), lexicon_->stop_words()),
      stemmer_(std::make_unique<Xapian::Stem>(std::string(stemmer_name(options.stemmer)))) {
  UErrorCode status = U_ZERO_ERROR;
  words_.reset(icu::BreakIterator::createWordInstance(icu::Locale("nl"), status));
  if (U_FAILURE(status) || !words_) throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(status));
}

Analyzer::~Analyzer() = default;

const Analyzer::WordInfo& Analyzer::word_info(const std::string& folded) {
  if (auto it = cache_.find(folded); it != cache_.end()) return it->second;
  WordInfo info;
  info.stem = (*stemmer_)(folded);
  info.stop_word = lexicon_->stop_words().contains(folded);
  if (options_.split_compounds) {
    info.parts = splitter_.split(folded);
    info.part_stems.reserve(info.parts.size());
    for (const auto& p : info.parts) info.part_stems.push_back((*stemmer_)(p));
  }
  return cache_.emplace(folded, std::move(info)).first->second;
}

std::string Analyzer::stem(std::string_view folded_word) { return word_info(std::string(folded_word)).stem; }

std::vector<std::string> Analyzer::parts(std::string_view folded_word) {
  return word_info(std::string(folded_word)).parts;
}

void Analyzer::analyze(std::string_view input, const std::function<void(const Token&)>& sink) {
  if (cache_.size() > kMaxCachedWords) cache_.clear();
  const std::string text = sanitize_utf8(input);
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) throw std::length_error("text longer than 2 GiB");

  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU utext: ") + u_errorName(status));
  words_->setText(utext, status);

  Token token;
  std::uint32_t position = 0;
  for (int32_t start = words_->first(), end = words_->next(); end != icu::BreakIterator::DONE;
       start = end, end = words_->next()) {
    const int32_t rule = words_->getRuleStatus();
    if (rule < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
    const auto begin = static_cast<std::size_t>(start);
    const auto stop = static_cast<std::size_t>(end);
    token.text = std::string_view(text).substr(begin, stop - begin);
    token.normalized = normalizer_.fold(token.text);
    if (token.normalized.empty()) continue;
    const WordInfo& info = word_info(token.normalized);
    token.stem = info.stem;
    token.parts = info.parts;
    token.part_stems = info.part_stems;
    token.position = ++position;
    token.begin = begin;
    token.end = stop;
    token.is_number = rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT;
    token.is_stop_word = info.stop_word;
    sink(token);
  }
  words_->setText(icu::UnicodeString());  // drop the reference to `text`
  utext_close(utext);
}

std::vector<OwnedToken> Analyzer::analyze(std::string_view text) {
  std::vector<OwnedToken> out;
  analyze(text, [&](const Token& t) {
    out.push_back(OwnedToken{std::string(t.text), t.normalized, std::string(t.stem),
                             {t.parts.begin(), t.parts.end()}, {t.part_stems.begin(), t.part_stems.end()},
                             t.position, t.begin, t.end, t.is_stop_word, t.is_number});
  });
  return out;
}

}  // namespace kb::stemming
