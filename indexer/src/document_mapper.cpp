#include "kb/index/document_mapper.h"

#include "kb/text/hash.h"

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

StoredCase StoredCase::from_data(const std::string& data) {
  const auto j = nlohmann::json::parse(data);
  return StoredCase{j.at("record"), j.at("municipality_slug").get<std::string>(),
                    j.at("municipality_label").get<std::string>()};
}

DocumentMapper::DocumentMapper(text::Analyzer& analyzer, const MunicipalityRegistry& registry,
                               schema::FieldWeights weights)
    : analyzer_(analyzer), registry_(registry), weights_(weights) {}

void DocumentMapper::index_text(Xapian::Document& doc, std::string_view text, Xapian::termcount weight,
                                Xapian::termpos& position, std::vector<std::string>& spelling) const {
  const Xapian::termcount part_weight = (weight + 1) / 2;
  const Xapian::termpos base = position;
  analyzer_.analyze(text, [&](const text::Token& t) {
    const Xapian::termpos pos = base + t.position;
    position = pos;
    if (t.normalized.size() > 200) return;  // Xapian's term limit is 245 bytes
    doc.add_posting(t.normalized, pos, weight);
    if (t.is_stop_word) return;
    doc.add_term(schema::term(schema::kStem, t.stem), weight);
    for (const auto& part : t.part_stems) doc.add_term(schema::term(schema::kStem, part), part_weight);
    if (!t.is_number && t.normalized.size() >= kMinSpellingWord && is_letters(t.normalized))
      spelling.push_back(t.normalized);
  });
  position += kFieldGap;
}

Xapian::Document DocumentMapper::map(const nlohmann::json& record, std::vector<std::string>& spelling) const {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  const std::string id = record.at("id").get<std::string>();
  const Municipality* municipality = registry_.find(record.at("municipality").get<std::string>());
  const std::string slug = municipality ? municipality->slug : std::string();
  const std::string label = municipality ? municipality->display_name : record.at("municipality").get<std::string>();

  index_text(doc, record.at("title").get<std::string>(), weights_.title, pos, spelling);
  index_text(doc, string_field(record, "title_en"), weights_.title, pos, spelling);
  index_text(doc, record.at("summary").get<std::string>(), weights_.summary, pos, spelling);
  index_text(doc, string_field(record, "summary_en"), weights_.summary, pos, spelling);
  if (const auto tags = record.find("tags"); tags != record.end())
    for (const auto& tag : *tags) index_text(doc, tag.get<std::string>(), weights_.tags, pos, spelling);
  index_text(doc, label, weights_.municipality, pos, spelling);
  for (const char* field : {"problem", "solution", "results", "lessons", "scale_up"})
    index_text(doc, string_field(record, field), weights_.body, pos, spelling);
  if (const auto partners = record.find("partners"); partners != record.end())
    for (const auto& p : *partners) index_text(doc, p.at("name").get<std::string>(), weights_.body, pos, spelling);

  schema::FacetKey facets;
  for (const auto& theme : record.at("themes")) {
    const std::string t = theme.get<std::string>();
    doc.add_boolean_term(schema::term(schema::kTheme, t));
    if (const int i = schema::theme_index(t); i >= 0) facets.themes = static_cast<std::uint8_t>(facets.themes | (1u << i));
  }
  const std::string maturity = record.at("maturity").get<std::string>();
  doc.add_boolean_term(schema::term(schema::kMaturity, maturity));
  facets.maturity = static_cast<std::uint8_t>(std::max(0, schema::maturity_index(maturity)));
  doc.add_boolean_term(schema::term(schema::kMunicipality, slug));
  facets.municipality = slug;
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
  nlohmann::json adopted = nlohmann::json::array();
  if (const auto list = record.find("adopted_by"); list != record.end()) {
    for (const auto& name : *list) {
      const Municipality* m = registry_.find(name.get<std::string>());
      if (!m) continue;
      doc.add_boolean_term(schema::term(schema::kAdoptedBy, m->slug));
      adopted.push_back({{"name", m->display_name}, {"slug", m->slug}});
    }
  }
  doc.add_value(schema::kSlotTitleSort, analyzer_.fold(record.at("title").get<std::string>()));
  doc.add_value(schema::kSlotUpdated, string_field(record, "updated"));
  doc.add_value(schema::kSlotFacets, facets.encode());
  doc.add_value(schema::kSlotHash, content_hash(record));
  doc.add_boolean_term(schema::term(schema::kId, id));
  doc.set_data(nlohmann::json{{"record", record},
                              {"municipality_slug", slug},
                              {"municipality_label", label},
                              {"adopted_by", adopted}}
                   .dump());
  std::sort(spelling.begin(), spelling.end());
  spelling.erase(std::unique(spelling.begin(), spelling.end()), spelling.end());
  return doc;
}

std::string DocumentMapper::content_hash(const nlohmann::json& record) const {
  std::uint64_t h = text::kFnvOffsetBasis;  // over the canonical dump and what shapes the document
  auto mix = [&](std::string_view s) { h = text::fnv1a64(s, h); };
  mix(record.dump());
  mix(text::stemmer_name(analyzer_.options().stemmer));
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
