#include "kb/http/error_mapping.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "kb/curation/errors.h"
#include "kb/http/problem.h"
#include "kb/http/request_errors.h"
#include "kb/web/pages.h"
#include "page_response.h"

namespace kb::http {
namespace {

ErrorAnswer answer(int status, std::string title, std::string detail, std::string cause) {
  ErrorAnswer a;
  a.status = status;
  a.title = std::move(title);
  a.detail = std::move(detail);
  a.page_title = a.title.substr(0, a.title.find(" / "));  // the Dutch half
  a.page_detail = a.detail;
  a.cause = std::move(cause);
  return a;
}

ErrorAnswer with_header(ErrorAnswer a, std::string name, std::string value) {
  a.headers.emplace_back(std::move(name), std::move(value));
  return a;
}

ErrorAnswer with_page_text(ErrorAnswer a, std::string title, std::string detail) {
  a.page_title = std::move(title);
  a.page_detail = std::move(detail);
  return a;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

ErrorAnswer internal_error(std::string detail, std::string cause) {
  return with_page_text(answer(500, "Interne fout / Internal error", std::move(detail), std::move(cause)),
                        "Interne fout", "Er ging aan onze kant iets mis. Probeer het later opnieuw.");
}

// One overload per error type; map_error picks it by catching the type.
ErrorAnswer of(const search::InvalidRequest& e) {
  auto a = answer(400, "Ongeldige aanvraag / Invalid request", e.what(), std::string("search::InvalidRequest: ") + e.what());
  a.errors = e.problems();
  return with_page_text(std::move(a), "Ongeldige zoekopdracht", e.what());
}
ErrorAnswer of(const search::NotFound& e) {
  return with_page_text(answer(404, "Niet gevonden / Not found", e.what(), std::string("search::NotFound: ") + e.what()),
                        "Niet gevonden", "Deze casus bestaat niet (meer).");
}
ErrorAnswer of(const search::IndexUnavailable& e) {
  auto a = answer(503, "Index niet beschikbaar / Index unavailable",
                  "The search index cannot be read right now; try again shortly.",
                  std::string("search::IndexUnavailable: ") + e.what());
  a = with_page_text(std::move(a), "Index niet beschikbaar",
                     "De zoekindex is nu niet te lezen. Probeer het over enkele ogenblikken opnieuw.");
  return with_header(std::move(a), "retry-after", "5");
}

ErrorAnswer of(const curation::AlreadyExists& e) {
  return answer(409, "Bestaat al / Already exists", e.what(), std::string("curation::AlreadyExists: ") + e.what());
}
ErrorAnswer of(const curation::NotFound& e) {
  return answer(404, "Niet gevonden / Not found", e.what(), std::string("curation::NotFound: ") + e.what());
}
// The current version goes with the refusal, so a client can show both and
// merge without another request; its ETag is the one to send next time.
ErrorAnswer of(const curation::RevisionConflict& e) {
  auto a = answer(412, "Intussen gewijzigd / Precondition failed", e.what(),
                  std::string("curation::RevisionConflict: ") + e.what());
  a.members["current"] = {{"etag", e.current_revision()}, {"record", e.current()}};
  return with_header(std::move(a), "etag", e.current_revision());
}
ErrorAnswer of(const curation::InvalidCase& e) {
  auto a = answer(422, "Ongeldige casus / Invalid case", e.what(), std::string("curation::InvalidCase: ") + e.what());
  for (const auto& f : e.errors()) a.errors.push_back({f.field, f.message});
  return a;
}
ErrorAnswer of(const curation::IndexBusy& e) {
  auto a = answer(503, "Index bezet / Index busy", e.what(), std::string("curation::IndexBusy: ") + e.what());
  return with_header(std::move(a), "retry-after", std::to_string(e.retry_after().count()));
}
ErrorAnswer of(const curation::IndexUnusable& e) {
  return answer(503, "Index niet bruikbaar / Index unusable", e.what(), std::string("curation::IndexUnusable: ") + e.what());
}
ErrorAnswer of(const curation::HistoryUnwritable& e) {
  return answer(503, "Geschiedenis niet schrijfbaar / History not writable", e.path().string(),
                std::string("curation::HistoryUnwritable: ") + e.what());
}

ErrorAnswer of(const UnsupportedMediaType& e) {
  return answer(415, "Verkeerd formaat / Unsupported media type", e.what(), e.what());
}
ErrorAnswer of(const ContentTooLarge& e) { return answer(413, "Te groot / Content too large", e.what(), e.what()); }
ErrorAnswer of(const InvalidJson& e) {
  auto a = answer(400, "Ongeldige JSON / Invalid JSON", e.what(), e.what());
  a.errors.push_back({"", e.what()});
  return a;
}
ErrorAnswer of(const InvalidUrl& e) { return answer(400, "Ongeldige URL / Invalid URL", e.what(), e.what()); }
ErrorAnswer of(const Unauthorized& e) {
  auto a = answer(401, "Niet aangemeld / Unauthorized",
                  e.configured() ? "A valid curation key is required: Authorization: Bearer <key>."
                                 : "Curation is not configured on this server (no keys file).",
                  e.what());
  return with_header(std::move(a), "www-authenticate", "Bearer realm=\"kennisbank\"");
}
ErrorAnswer of(const TooManyAttempts& e) {
  auto a = answer(429, "Te veel pogingen / Too many attempts",
                  "Too many wrong curation keys were sent from this address; wait before trying again.", e.what());
  return with_header(std::move(a), "retry-after", std::to_string(e.retry_after_s()));
}
ErrorAnswer of(const NoSuchPath& e) { return answer(404, "Niet gevonden / Not found", "No resource at this path.", e.what()); }
ErrorAnswer of(const MethodNotAllowed& e) {
  auto a = answer(405, "Methode niet toegestaan / Method not allowed", "Allowed: " + join(e.allowed()), e.what());
  return with_header(std::move(a), "allow", join(e.allowed()));
}
ErrorAnswer of(const RequestTimeout& e) { return answer(408, "Time-out", "The request was not received in time.", e.what()); }
ErrorAnswer of(const MalformedRequest& e) {
  // The parser's own status (a 4xx) is kept: the edge knows framing best.
  const int status = e.parser_status() >= 400 && e.parser_status() < 500 ? e.parser_status() : 400;
  return answer(status, "Ongeldige aanvraag / Bad request", e.what(), e.what());
}
ErrorAnswer of(const ServerStopping& e) {
  auto a = with_page_text(answer(503, "Server stopt / Server stopping", "Try again shortly.", e.what()), "Server stopt",
                          "De server stopt even. Probeer het zo opnieuw.");
  return with_header(std::move(a), "retry-after", "1");
}
ErrorAnswer of(const ServerBusy& e) {
  auto a = answer(503, "Te druk / Too busy", "The server is overloaded; try again shortly.", e.what());
  return with_header(std::move(a), "retry-after", "1");
}

}  // namespace

ErrorAnswer map_error(std::exception_ptr error) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (const search::InvalidRequest& e) { return of(e);
  } catch (const search::NotFound& e) { return of(e);
  } catch (const search::IndexUnavailable& e) { return of(e);
  } catch (const curation::AlreadyExists& e) { return of(e);
  } catch (const curation::NotFound& e) { return of(e);
  } catch (const curation::RevisionConflict& e) { return of(e);
  } catch (const curation::InvalidCase& e) { return of(e);
  } catch (const curation::IndexBusy& e) { return of(e);
  } catch (const curation::IndexUnusable& e) { return of(e);
  } catch (const curation::HistoryUnwritable& e) { return of(e);
  } catch (const UnsupportedMediaType& e) { return of(e);
  } catch (const ContentTooLarge& e) { return of(e);
  } catch (const InvalidJson& e) { return of(e);
  } catch (const InvalidUrl& e) { return of(e);
  } catch (const Unauthorized& e) { return of(e);
  } catch (const TooManyAttempts& e) { return of(e);
  } catch (const NoSuchPath& e) { return of(e);
  } catch (const MethodNotAllowed& e) { return of(e);
  } catch (const RequestTimeout& e) { return of(e);
  } catch (const MalformedRequest& e) { return of(e);
  } catch (const ServerStopping& e) { return of(e);
  } catch (const ServerBusy& e) { return of(e);
  } catch (const nlohmann::json::exception& e) {
    return internal_error("The stored record could not be read.", std::string("nlohmann::json::exception: ") + e.what());
  } catch (const std::exception& e) {
    return internal_error("An unexpected error occurred.", std::string("std::exception: ") + e.what());
  } catch (...) {
    return internal_error("An unexpected error occurred.", "an exception that is not a std::exception");
  }
}

HttpResponse problem_response(const ErrorAnswer& a) {
  HttpResponse r = problem_response(a.status, a.title, a.detail, a.errors);
  if (!a.members.empty()) {  // rare (412 only): re-dumping the small document is fine
    auto doc = nlohmann::json::parse(r.body);
    doc.update(a.members);
    r.body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  for (const auto& [name, value] : a.headers) r.set_header(name, value);
  return r;
}

HttpResponse error_page_response(const ErrorAnswer& a, const HttpRequest& request) {
  HttpResponse r = html_response(web::render_error_page(a.status, a.page_title, a.page_detail, page_request(request)), a.status);
  for (const auto& [name, value] : a.headers)
    if (name == "retry-after") r.set_header(name, value);
  return r;
}

void log_server_error(std::ostream& log, const ErrorAnswer& a, std::string_view method, std::string_view path,
                      std::string_view where) {
  if (a.status < 500) return;
  log << "kb-server: error " << a.status << ' ' << method << ' ' << path << " (" << where << "): " << a.cause << '\n'
      << std::flush;
}

}  // namespace kb::http
