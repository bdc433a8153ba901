// Compound splitting against the real word list (Debian's wdutch), as the
// product runs it. Expected parts are what a Dutch reader sees in the word.
#include <gtest/gtest.h>

#include <memory>

#include "kb/stemming/analyzer.h"
#include "kb/stemming/lexicon.h"

namespace kb::stemming {
namespace {

class CompoundFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { lexicon_ = Lexicon::load(); }
  static void TearDownTestSuite() { lexicon_.reset(); }
  CompoundSplitter splitter() const {
    return CompoundSplitter(lexicon_->dictionary(), lexicon_->keep_whole(), lexicon_->stop_words());
  }
  static std::shared_ptr<const Lexicon> lexicon_;
};
std::shared_ptr<const Lexicon> CompoundFixture::lexicon_;

struct CompoundCase {
  const char* word;
  std::vector<std::string> parts;
};

class CompoundTest : public CompoundFixture, public ::testing::WithParamInterface<CompoundCase> {};

TEST_P(CompoundTest, SplitsIntoItsParts) { EXPECT_EQ(splitter().split(GetParam().word), GetParam().parts); }

INSTANTIATE_TEST_SUITE_P(
    RealCompounds, CompoundTest,
    ::testing::Values(
        CompoundCase{"regenwateropvang", {"regen", "water", "opvang"}},
        CompoundCase{"hittestress", {"hitte", "stress"}},
        CompoundCase{"stresstest", {"stress", "test"}},
        CompoundCase{"stadslandbouw", {"stad", "landbouw"}},
        CompoundCase{"zonnepanelen", {"zon", "panelen"}},
        CompoundCase{"waterplein", {"water", "plein"}},
        CompoundCase{"waterpleinen", {"water", "pleinen"}},
        CompoundCase{"gemeenteraad", {"gemeente", "raad"}},
        CompoundCase{"gezondheidszorg", {"gezondheid", "zorg"}},
        CompoundCase{"klimaatadaptatie", {"klimaat", "adaptatie"}},
        CompoundCase{"laadpalen", {"laad", "palen"}},
        CompoundCase{"fietsenstalling", {"fietsen", "stalling"}},
        CompoundCase{"luchtkwaliteit", {"lucht", "kwaliteit"}},
        CompoundCase{"deelmobiliteit", {"deel", "mobiliteit"}},
        CompoundCase{"ouderenzorg", {"ouderen", "zorg"}},
        CompoundCase{"energiearmoede", {"energie", "armoede"}},
        CompoundCase{"warmtenet", {"warmte", "net"}},
        CompoundCase{"algoritmeregister", {"algoritme", "register"}},
        CompoundCase{"straatverlichting", {"straat", "verlichting"}},
        CompoundCase{"lantaarnpalen", {"lantaarn", "palen"}},
        CompoundCase{"afvalcontainers", {"afval", "containers"}},
        CompoundCase{"bushokjes", {"bus", "hokjes"}},
        CompoundCase{"groendaken", {"groen", "daken"}},
        CompoundCase{"parkeergarage", {"parkeer", "garage"}},
        CompoundCase{"verkeerslichten", {"verkeer", "lichten"}},
        CompoundCase{"wijkteam", {"wijk", "team"}},
        CompoundCase{"buurtteam", {"buurt", "team"}},
        CompoundCase{"jeugdzorg", {"jeugd", "zorg"}},
        CompoundCase{"arbeidsmarkt", {"arbeid", "markt"}},
        CompoundCase{"geveltuin", {"gevel", "tuin"}},
        CompoundCase{"verkeersveiligheid", {"verkeer", "veiligheid"}},
        CompoundCase{"bedrijfsleven", {"bedrijf", "leven"}},
        CompoundCase{"fietsstraat", {"fiets", "straat"}},
        CompoundCase{"beleidsplan", {"beleid", "plan"}},
        CompoundCase{"kinderopvang", {"kind", "opvang"}},
        CompoundCase{"huisarts", {"huis", "arts"}},
        CompoundCase{"wijkagent", {"wijk", "agent"}},
        CompoundCase{"woningbouw", {"woning", "bouw"}},
        CompoundCase{"nieuwbouwwijk", {"nieuwbouw", "wijk"}},
        CompoundCase{"busbaan", {"bus", "baan"}},
        CompoundCase{"zonnedak", {"zon", "dak"}},
        CompoundCase{"waterberging", {"water", "berging"}},
        CompoundCase{"stadsverwarming", {"stad", "verwarming"}},
        CompoundCase{"afvalscheiding", {"afval", "scheiding"}},
        CompoundCase{"geluidsoverlast", {"geluid", "overlast"}},
        CompoundCase{"drukteplein", {"drukte", "plein"}},
        CompoundCase{"hitteplan", {"hitte", "plan"}},
        CompoundCase{"grondwater", {"grond", "water"}},
        CompoundCase{"dijkversterking", {"dijk", "versterking"}},
        CompoundCase{"buurthuis", {"buurt", "huis"}},
        CompoundCase{"mantelzorg", {"mantel", "zorg"}},
        CompoundCase{"thuiszorg", {"thuis", "zorg"}},
        CompoundCase{"sportvereniging", {"sport", "vereniging"}},
        CompoundCase{"jongerenwerk", {"jongeren", "werk"}},
        CompoundCase{"windmolen", {"wind", "molen"}},
        CompoundCase{"warmtepomp", {"warmte", "pomp"}},
        CompoundCase{"deelauto", {"deel", "auto"}},
        CompoundCase{"fietsroute", {"fiets", "route"}},
        CompoundCase{"parkeervergunning", {"parkeer", "vergunning"}},
        CompoundCase{"kentekenherkenning", {"kenteken", "herkenning"}},
        CompoundCase{"cameratoezicht", {"camera", "toezicht"}},
        CompoundCase{"burgerparticipatie", {"burger", "participatie"}},
        CompoundCase{"woninginbraak", {"woning", "inbraak"}},
        CompoundCase{"brandveiligheid", {"brand", "veiligheid"}},
        CompoundCase{"stadslab", {"stad", "lab"}},
        CompoundCase{"proeftuin", {"proef", "tuin"}},
        CompoundCase{"dataplatform", {"data", "platform"}},
        CompoundCase{"sensornetwerk", {"sensor", "netwerk"}}),
    [](const auto& param_info) { return std::string(param_info.param.word); });

class NonCompoundTest : public CompoundFixture, public ::testing::WithParamInterface<const char*> {};

TEST_P(NonCompoundTest, StaysWhole) { EXPECT_TRUE(splitter().split(GetParam()).empty()) << GetParam(); }

// Simple words, derivations and lexicalised words that a substring
// decompounder would cut into nonsense (`regering` -> eger + ring).
INSTANTIATE_TEST_SUITE_P(
    RealNonCompounds, NonCompoundTest,
    ::testing::Values("bestuur", "verkeer", "gemeente", "wethouder", "regering", "bijzonder", "landbouw",
                      "burgemeester", "onderwijs", "voorbeeld", "overheid", "ondernemer", "werkgever",
                      "werknemer", "samenwerking", "samenleving", "ambtenaar", "vrijwilliger", "belangrijk",
                      "werkloosheid", "gezondheid", "veiligheid", "ondermijning", "zelfstandig", "bijstand",
                      "verkiezing", "armoede", "vergadering", "afdeling", "ontwikkeling", "toekomst",
                      "verantwoordelijk", "mogelijkheid", "bewoners", "voorzitter", "wetgeving",
                      "maatschappij", "duurzaamheid", "verduurzaming", "informatie", "gebruiker",
                      "begroting", "subsidie", "instelling", "organisatie", "aanbesteding", "handhaving",
                      "toezicht", "energie", "eigenaar", "verzekering", "brandweer", "politie", "provincie",
                      "leefbaarheid", "binnenstad", "waterschap", "inwoners", "kwaliteit", "oplossing",
                      "mobiliteit", "klimaat", "regenton", "platform", "netwerk", "scheiding"),
    [](const auto& param_info) { return std::string(param_info.param); });

TEST_F(CompoundFixture, IgnoresNonWordsAndExtremes) {
  const auto s = splitter();
  EXPECT_TRUE(s.split("").empty());
  EXPECT_TRUE(s.split("12345678").empty());
  EXPECT_TRUE(s.split("water").empty());
  EXPECT_TRUE(s.split(std::string(5000, 'a')).empty());
  EXPECT_TRUE(s.split("Waterplein").empty()) << "input must already be folded";
}

TEST_F(CompoundFixture, LexiconReportsItsMemory) {
  EXPECT_GT(lexicon_->dictionary().size(), 300'000u);
  EXPECT_LT(lexicon_->memory_bytes(), 16u << 20);
}

}  // namespace
}  // namespace kb::stemming
