#include "kb/index/document_mapper.h"

#include "kb/index/reuse_graph.h"
#include "kb/stemming/hash.h"

#include <algorithm>
#include <cstdio>

namespace kb::index {
namespace {

constexpr Xapian::termpos kFieldGap = 100;  // phrases never span two fields
constexpr std::size_t kMinSpellingWord = 3;

bool is_letters(std::string_view w) {
  return std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; });
}

std::string string_field(const nlohmann::json& record, const char* key) {
  const auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

DocumentMapper::DocumentMapper(stemming::Analyzer& analyzer, const schema::MunicipalityRegistry& registry,
                               schema::FieldWeights weights)
    : analyzer_(analyzer), registry_(registry), weights_(weights) {}

bool DocumentMapper::is_spelling_word(std::string_view term) const {
  // Unprefixed terms are the folded words (prefixes are upper case, which
  // is_letters() rejects); numbers and stop words are never corrections.
  return term.size() >= kMinSpellingWord && is_letters(term) && !analyzer_.lexicon().stop_words().contains(term);
}

void DocumentMapper::index_text(Xapian::Document& doc, std::string_view text, Xapian::termcount weight,
                                Xapian::termpos& position) const {
  const Xapian::termcount part_weight = (weight + 1) / 2;
  const Xapian::termpos base = position;
  std::string stem_term(schema::kStem);  // reused: one allocation per field, not per word
  const auto add_stem = [&](std::string_view stem, Xapian::termcount wdf) {
    stem_term.resize(schema::kStem.size());
    stem_term.append(stem);
    doc.add_term(stem_term, wdf);
  };
  analyzer_.analyze(text, [&](const stemming::Token& t) {
    const Xapian::termpos pos = base + t.position;
    position = pos;
    // Stop words keep their place (positions still count them, so phrases
    // match across them) but get no postings: they are a third of Dutch text
    // and the largest postings and position lists, and no query needs them
    // (see QueryBuilder: phrases skip them, keyword queries drop them).
    if (t.is_stop_word || t.normalized.size() > 200) return;  // Xapian's term limit is 245 bytes
    doc.add_posting(t.normalized, pos, weight);
    add_stem(t.stem, weight);
    for (const auto& part : t.part_stems) add_stem(part, part_weight);
  });
  position += kFieldGap;
}

void DocumentMapper::index_fields(Xapian::Document& doc, const nlohmann::json& record, const std::string& label) const {
  Xapian::termpos pos = 0;
  index_text(doc, record.at("title").get<std::string>(), weights_.title, pos);
  index_text(doc, string_field(record, "title_en"), weights_.title, pos);
  index_text(doc, record.at("summary").get<std::string>(), weights_.summary, pos);
  index_text(doc, string_field(record, "summary_en"), weights_.summary, pos);
  if (const auto tags = record.find("tags"); tags != record.end())
    for (const auto& tag : *tags) index_text(doc, tag.get<std::string>(), weights_.tags, pos);
  index_text(doc, label, weights_.municipality, pos);
  for (const char* field : {"problem", "solution", "results", "lessons", "scale_up"})
    index_text(doc, string_field(record, field), weights_.body, pos);
  if (const auto partners = record.find("partners"); partners != record.end())
    for (const auto& p : *partners) index_text(doc, p.at("name").get<std::string>(), weights_.body, pos);
}

// The filter terms, the sort values of the facets, and the packed facet key
// (encoded by the caller once reuse is added).
schema::FacetKey DocumentMapper::add_filter_terms(Xapian::Document& doc, const nlohmann::json& record,
                                                  const schema::Municipality* municipality) const {
  schema::FacetKey facets;
  for (const auto& theme : record.at("themes")) {
    const std::string t = theme.get<std::string>();
    doc.add_boolean_term(schema::term(schema::kTheme, t));
    if (const int i = schema::theme_index(t); i >= 0) facets.themes = static_cast<std::uint8_t>(facets.themes | (1u << i));
  }
  const std::string maturity = record.at("maturity").get<std::string>();
  doc.add_boolean_term(schema::term(schema::kMaturity, maturity));
  facets.maturity = static_cast<std::uint8_t>(std::max(0, schema::maturity_index(maturity)));
  facets.municipality = municipality ? municipality->slug : std::string();
  doc.add_boolean_term(schema::term(schema::kMunicipality, facets.municipality));
  if (municipality) {
    doc.add_boolean_term(schema::term(schema::kProvince, municipality->province_slug));
    facets.province = municipality->province_slug;
  }
  if (const auto status = string_field(record, "status"); !status.empty())
    doc.add_boolean_term(schema::term(schema::kStatus, status));
  const std::string visibility = record.value("visibility", std::string("published"));
  doc.add_boolean_term(schema::term(schema::kVisibility, visibility));
  facets.draft = visibility == "draft";
  if (const auto year = record.find("start_year"); year != record.end() && year->is_number_integer()) {
    const int y = year->get<int>();
    doc.add_boolean_term(schema::term(schema::kYear, std::to_string(y)));
    doc.add_value(schema::kSlotStartYear, Xapian::sortable_serialise(y));
    facets.year = static_cast<std::uint16_t>(y);
  }
  if (const auto target = string_field(record, "derived_from"); !target.empty())
    doc.add_boolean_term(schema::term(schema::kDerivedFrom, target));
  return facets;
}

// The municipalities of adopted_by that the registry knows, as terms and as
// the first part of the reuse (ReuseGraph adds the derived cases' part
// before the commit: it depends on other documents).
std::vector<schema::ReuseEntry> DocumentMapper::add_adopters(Xapian::Document& doc, const nlohmann::json& record) const {
  std::vector<schema::ReuseEntry> adopters;
  if (const auto list = record.find("adopted_by"); list != record.end()) {
    for (const auto& name : *list) {
      const schema::Municipality* m = registry_.find(name.get<std::string>());
      if (!m) continue;
      doc.add_boolean_term(schema::term(schema::kAdoptedBy, m->slug));
      adopters.push_back({m->display_name, m->slug, {}});
    }
  }
  return adopters;
}

Xapian::Document DocumentMapper::map(const nlohmann::json& record, std::vector<std::string>& spelling,
                                     const std::vector<schema::ReuseEntry>& derived) const {
  spelling.clear();
  Xapian::Document doc;
  const schema::Municipality* municipality = registry_.find(record.at("municipality").get<std::string>());
  const std::string label = municipality ? municipality->display_name : record.at("municipality").get<std::string>();
  index_fields(doc, record, label);
  schema::FacetKey facets = add_filter_terms(doc, record, municipality);
  const auto adopters = add_adopters(doc, record);
  const auto reused_by = merge_reuse(facets.municipality, derived, adopters);
  add_reuse_terms(doc, reused_by, facets);
  doc.add_value(schema::kSlotTitleSort, analyzer_.fold(record.at("title").get<std::string>()));
  doc.add_value(schema::kSlotUpdated, string_field(record, "updated"));
  doc.add_value(schema::kSlotFacets, facets.encode());
  const std::string canonical = record.dump();
  doc.add_value(schema::kSlotHash, content_hash_of(canonical));
  doc.add_boolean_term(schema::term(schema::kId, record.at("id").get<std::string>()));
  // The stored data is assembled around the one dump of the record (the same
  // text as nlohmann::json{{"record", record}, ...}.dump(), keys sorted).
  nlohmann::json adopted = nlohmann::json::array();
  for (const auto& a : adopters) adopted.push_back({{"name", a.municipality}, {"slug", a.municipality_slug}});
  std::string data = nlohmann::json{{"adopted_by", adopted}}.dump();
  data.pop_back();
  data += ",\"municipality_label\":" + nlohmann::json(label).dump();
  data += ",\"municipality_slug\":" + nlohmann::json(facets.municipality).dump();
  data += ",\"province\":" + nlohmann::json(municipality ? municipality->province : std::string()).dump();
  data += ",\"province_slug\":" + nlohmann::json(facets.province).dump();
  data += ",\"record\":" + canonical;
  data += ",\"reused_by\":" + schema::reuse_to_json(reused_by).dump() + "}";
  doc.set_data(data);
  // The document's term list is sorted and distinct: the spelling words come
  // from it, by the same rule that forgets them again (is_spelling_word).
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if (is_spelling_word(*t)) spelling.push_back(*t);
  return doc;
}

std::string DocumentMapper::content_hash(const nlohmann::json& record) const {
  return content_hash_of(record.dump());
}

std::string DocumentMapper::content_hash_of(std::string_view canonical) const {
  std::uint64_t h = stemming::kFnvOffsetBasis;  // over the canonical dump and what shapes the document
  auto mix = [&](std::string_view s) { h = stemming::fnv1a64(s, h); };
  mix(canonical);
  mix(stemming::stemmer_name(analyzer_.options().stemmer));
  mix(std::to_string(schema::kVersion));
  // The field weights shape the document too: an index re-run with other
  // weights rewrites every document instead of finding it unchanged.
  mix("w" + std::to_string(weights_.title) + "," + std::to_string(weights_.summary) + "," +
      std::to_string(weights_.tags) + "," + std::to_string(weights_.municipality) + "," +
      std::to_string(weights_.body));
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace kb::index
