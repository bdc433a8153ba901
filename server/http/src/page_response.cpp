#include "page_response.h"

#include "kb/search/request.h"

namespace kb::http {

web::PageRequest page_request(const HttpRequest& request) {
  web::PageRequest page;
  page.params = request.query;
  page.lang = search::requested_lang(request.query).value_or("nl");
  page.base_path = request.path;
  const auto host = request.header("host");
  page.origin = host ? "http://" + *host : "";
  if (const auto proto = request.header("x-forwarded-proto"); proto && host) page.origin = *proto + "://" + *host;
  return page;
}

HttpResponse html_response(std::string body, int status) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.set_header("content-security-policy",
               "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
  r.set_header("referrer-policy", "strict-origin-when-cross-origin");
  // The pages use no device feature; say so, so that nothing embedded can ask (issue 15 point 7).
  r.set_header("permissions-policy",
               "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()");
  return r;
}

}  // namespace kb::http
