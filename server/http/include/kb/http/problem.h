#pragma once
// RFC 9457 problem documents: the one function that writes their body. Which
// error gets which status and text is error_mapping.h's job.
#include <string>
#include <string_view>
#include <vector>

#include "kb/http/message.h"
#include "kb/search/errors.h"

namespace kb::http {

HttpResponse problem_response(int status, std::string_view title, std::string_view detail = {},
                              const std::vector<search::FieldProblem>& errors = {});

std::string_view reason_phrase(int status);

}  // namespace kb::http
