#include "kb/stemming/token_json.h"

namespace kb::stemming {

nlohmann::json tokens_to_json(const std::vector<OwnedToken>& tokens) {
  auto list = nlohmann::json::array();
  for (const auto& t : tokens) {
    list.push_back({{"text", t.text},
                    {"normalized", t.normalized},
                    {"stem", t.stem},
                    {"parts", t.parts},
                    {"part_stems", t.part_stems},
                    {"position", t.position},
                    {"stop_word", t.is_stop_word}});
  }
  return {{"tokens", std::move(list)}};
}

}  // namespace kb::stemming
