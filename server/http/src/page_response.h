#pragma once
// HTML answers, shared by the page routes and the error pages.
#include <string>

#include "kb/http/message.h"
#include "kb/web/pages.h"

namespace kb::http {

web::PageRequest page_request(const HttpRequest& request);
// text/html with the pages' Content-Security-Policy and Referrer-Policy.
HttpResponse html_response(std::string body, int status = 200);

}  // namespace kb::http
