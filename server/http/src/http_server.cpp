#include "kb/http/http_server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>

#include <thread>

#include "kb/http/problem.h"

namespace kb::http {
namespace {

using namespace Pistache;

constexpr const char* kRequestLineKey = "kb.request_line";
constexpr std::size_t kMaxRequestLine = 16u << 10;

struct RequestLine {
  std::string text;
  bool complete = false;
};

// Pistache 0.0.5 writes only typed headers (raw ones are dropped), so every
// header of ours travels as this one generic type.
class NamedHeader : public Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value) : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void write(std::ostream& stream) const override { stream << value_; }
#ifdef SAFE_HEADER_CAST
  // Pistache uses the hash only for typed casts (tryGet<H>); ours are never cast.
  uint64_t hash() const override { return std::hash<std::string>{}(name_); }
#endif

 private:
  std::string name_, value_;
};

// `content-type` -> `Content-Type`.
std::string canonical_name(std::string_view name) {
  std::string out(name);
  bool start = true;
  for (auto& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == '-';
  }
  return out;
}

void send(Http::ResponseWriter& writer, const HttpResponse& r) {
  for (const auto& [name, value] : r.headers) {
    if (name == "connection" && writer.headers().has("Connection")) continue;
    writer.headers().add(std::make_shared<NamedHeader>(canonical_name(name), value));
  }
  if (!r.content_type.empty()) writer.headers().add(std::make_shared<NamedHeader>("Content-Type", r.content_type));
  writer.send(static_cast<Http::Code>(r.status), r.body);
}

void send_problem(Http::ResponseWriter& writer, int status, std::string_view title, std::string_view detail) {
  HttpResponse r = problem_response(status, title, detail);
  r.set_header("connection", "close");
  send(writer, r);
}

std::string lowercase(std::string s) {
  for (auto& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// Converts a parsed Pistache request; throws HttpProblem on a malformed target.
HttpRequest to_request(const Http::Request& request, const std::string& request_line) {
  HttpRequest out;
  out.method = Http::methodString(request.method());
  const auto path = percent_decode(request.resource(), false);
  if (!path) throw HttpProblem(400, "Ongeldige URL / Invalid URL", "The path is not valid percent-encoded UTF-8.");
  out.path = *path;
  // The request target as sent: METHOD SP target SP version.
  const auto first = request_line.find(' ');
  const auto last = request_line.rfind(' ');
  if (first != std::string::npos && last > first) {
    const std::string target = request_line.substr(first + 1, last - first - 1);
    if (const auto q = target.find('?'); q != std::string::npos) {
      auto params = parse_query_string(std::string_view(target).substr(q + 1));
      if (!params)
        throw HttpProblem(400, "Ongeldige URL / Invalid URL", "The query string is not valid percent-encoded UTF-8.");
      out.query = std::move(*params);
    }
  }
  for (const auto& header : request.headers().list()) {
    std::ostringstream value;
    header->write(value);
    out.headers.emplace_back(lowercase(header->name()), value.str());
  }
  for (const auto& [name, raw] : request.headers().rawList()) out.headers.emplace_back(lowercase(name), raw.value());
  out.body = request.body();
  return out;
}

class EdgeHandler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(EdgeHandler)

  EdgeHandler(Application* app, WorkerPool* pool) : app_(app), pool_(pool) {}

  void onRequest(const Http::Request& request, Http::ResponseWriter response) override {
    dispatch(request, std::string(), std::move(response));
  }

  void onTimeout(const Http::Request&, Http::ResponseWriter response) override {
    send_problem(response, 408, "Time-out", "The request was not received in time.");
  }

  void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    peer->putData(kRequestLineKey, std::make_shared<RequestLine>());
    peer->putData(ParserData, std::make_shared<Http::RequestParser>(getMaxRequestSize()));
  }

  // Pistache 0.0.5's own onInput, plus capturing the request line (for
  // repeated query parameters) and problem documents for parser errors.
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    auto parser = getParser(peer);
    auto line = std::static_pointer_cast<RequestLine>(peer->getData(kRequestLineKey));
    auto& request = parser->request;
    if (!line->complete) {
      line->text.append(buffer, std::min(len, kMaxRequestLine));
      if (const auto eol = line->text.find("\r\n"); eol != std::string::npos) {
        line->text.resize(eol);
        line->complete = true;
      } else if (line->text.size() > kMaxRequestLine) {
        line->text.resize(kMaxRequestLine);
      }
    }
    auto reset = [&] {
      parser->reset();
      line->text.clear();
      line->complete = false;
    };
    try {
      if (!parser->feed(buffer, len)) {
        reset();
        Http::ResponseWriter response(request.version(), transport(), this, peer);
        send_problem(response, 413, "Te groot / Content too large", "Requests are limited to 1 MiB.");
        return;
      }
      if (parser->parse() != Http::Private::State::Done) return;
      Http::ResponseWriter response(request.version(), transport(), this, peer);
      request.copyAddress(peer->address());
      const auto connection = request.headers().tryGet<Http::Header::Connection>();
      if (connection)
        response.headers().add<Http::Header::Connection>(connection->control());
      else
        response.headers().add<Http::Header::Connection>(request.version() == Http::Version::Http11
                                                              ? Http::ConnectionControl::KeepAlive
                                                              : Http::ConnectionControl::Close);
      dispatch(request, line->text, std::move(response));
      reset();
    } catch (const Http::HttpError& err) {
      Http::ResponseWriter response(request.version(), transport(), this, peer);
      send_problem(response, err.code(), "Ongeldige aanvraag / Bad request", err.reason());
      reset();
    } catch (const std::exception&) {
      Http::ResponseWriter response(request.version(), transport(), this, peer);
      send_problem(response, 400, "Ongeldige aanvraag / Bad request", "The request could not be read.");
      reset();
    }
  }

 private:
  void dispatch(const Http::Request& request, const std::string& request_line, Http::ResponseWriter response) {
    HttpRequest req;
    try {
      req = to_request(request, request_line);
    } catch (...) {
      send(response, problem_from_exception(std::current_exception()));
      return;
    }
    auto writer = std::make_shared<Http::ResponseWriter>(std::move(response));
    Application* app = app_;
    const bool queued = pool_->submit([app, writer, req = std::move(req)](WorkerContext& context) {
      send(*writer, app->handle(req, context));
    });
    if (!queued) {
      HttpResponse busy = problem_response(503, "Te druk / Too busy", "The server is overloaded; try again shortly.");
      busy.set_header("retry-after", "1");
      send(*writer, busy);
    }
  }

  Application* app_;
  WorkerPool* pool_;
};

}  // namespace

HttpServer::HttpServer(Application& app, ServerOptions options) : app_(app), options_(std::move(options)) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  const unsigned workers = options_.workers ? options_.workers : std::max(1u, std::thread::hardware_concurrency());
  pool_ = std::make_unique<WorkerPool>(app_, workers);
  endpoint_ = std::make_unique<Http::Endpoint>(Address(options_.host, Port(options_.port)));
  auto opts = Http::Endpoint::options()
                  .threads(static_cast<int>(options_.io_threads))
                  .flags(Tcp::Options::ReuseAddr)
                  .maxRequestSize(options_.max_request_bytes)
                  .headerTimeout(std::chrono::seconds(options_.header_timeout_s))
                  .bodyTimeout(std::chrono::seconds(options_.body_timeout_s))
                  .keepaliveTimeout(std::chrono::seconds(options_.keepalive_timeout_s));
  endpoint_->init(opts);
  endpoint_->setHandler(Http::make_handler<EdgeHandler>(&app_, pool_.get()));
  endpoint_->serveThreaded();
  running_ = true;
}

std::uint16_t HttpServer::port() const { return static_cast<std::uint16_t>(static_cast<uint16_t>(endpoint_->getPort())); }

void HttpServer::stop() {
  if (!running_) return;
  running_ = false;
  app_.set_draining(true);
  pool_->wait_idle();
  endpoint_->shutdown();
  pool_->stop();
  app_.set_draining(false);
}

}  // namespace kb::http
