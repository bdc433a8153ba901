#include "kb/http/http_server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <unordered_map>
#include <vector>
#include <thread>

#include "kb/http/request_errors.h"
#include "kb/http/request_head.h"
#include "kb/stemming/ascii_text.h"

namespace kb::http {
namespace {

using namespace Pistache;

constexpr const char* kRequestLineKey = "kb.request_line";

struct RequestLine {
  std::string head;           // the request's head as received so far (request_head.h)
  bool head_checked = false;
  std::atomic<bool> closing{false};  // an error was answered: nothing more is read
  std::size_t received = 0;   // bytes of this request (and any after it) so far
  std::size_t expected = 0;   // its length: head, blank line and Content-Length

  // The request line as sent (for repeated query parameters): the head's first line.
  std::string request_line() const { return head.substr(0, head.find("\r\n")); }
};

bool asks_to_close(Http::ResponseWriter& writer, const HttpResponse& r) {
  for (const auto& [name, value] : r.headers)
    if (name == "connection" && stemming::equals_ignoring_ascii_case(value, "close")) return true;
  const auto connection = writer.headers().tryGet<Http::Header::Connection>();
  return connection && connection->control() == Http::ConnectionControl::Close;
}

// Pistache 0.0.5 announces "Connection: close" but keeps the connection;
// once the answer is written our side is shut down here, so the client sees
// the end. Only the sending side: what the client still sends (the rest of a
// refused body) is read and dropped (RequestLine::closing), because closing
// with unread bytes would reset the connection and could lose the answer.
// Pistache closes the connection when the client does.
void shut_down(const std::shared_ptr<Tcp::Peer>& peer) {
  if (peer) ::shutdown(peer->fd(), SHUT_WR);
}

void send(Http::ResponseWriter& writer, const HttpResponse& r);

// An error answered before or instead of a request (framing, time-out,
// connection cap): a problem document, and the connection closed after it.
void send_closing_error(const Application& app, Http::ResponseWriter& writer, std::exception_ptr error,
                        std::string_view where) {
  HttpResponse r = app.answer_error(error, "-", "-", where);
  r.set_header("connection", "close");
  send(writer, r);
}

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

// A body from a file: Pistache writes the headers, then the file with
// sendfile(), so memory stays flat whatever its size. The file is removed once
// it was sent, or failed to send.
void send_file(Http::ResponseWriter& writer, const HttpResponse& r) {
  const std::string file = r.body_file;
  const auto remove_file = [file] {
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
  };
  try {
    Http::serveFile(writer, file, Http::Mime::MediaType::fromString(r.content_type))
        .then([remove_file](ssize_t) { remove_file(); }, [remove_file](std::exception_ptr&) { remove_file(); });
  } catch (...) {  // could not open it: nothing was sent yet
    remove_file();
    writer.headers().add(std::make_shared<NamedHeader>("Content-Type", "application/problem+json"));
    writer.send(Http::Code::Internal_Server_Error,
                R"({"type":"about:blank","title":"Internal Server Error","status":500,"detail":"the answer could not be sent"})");
  }
}

void send(Http::ResponseWriter& writer, const HttpResponse& r) {
  for (const auto& [name, value] : r.headers) {
    if (name == "connection" && writer.headers().has("Connection")) continue;
    writer.headers().add(std::make_shared<NamedHeader>(canonical_name(name), value));
  }
  if (!r.body_file.empty()) {
    send_file(writer, r);
    return;
  }
  if (!r.content_type.empty()) writer.headers().add(std::make_shared<NamedHeader>("Content-Type", r.content_type));
  if (!asks_to_close(writer, r)) {
    writer.send(static_cast<Http::Code>(r.status), r.body);
    return;
  }
  std::shared_ptr<Tcp::Peer> peer;
  try {
    peer = writer.peer();
  } catch (...) {  // already gone
  }
  writer.send(static_cast<Http::Code>(r.status), r.body)
      .then([peer](ssize_t) { shut_down(peer); }, [peer](std::exception_ptr&) { shut_down(peer); });
}


std::string lowercase(std::string s) {
  for (auto& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// Converts a parsed Pistache request; throws InvalidUrl on a malformed target.
HttpRequest to_request(const Http::Request& request, const std::string& request_line) {
  HttpRequest out;
  out.method = Http::methodString(request.method());
  const auto path = percent_decode(request.resource(), false);
  if (!path) throw InvalidUrl("The path is not valid percent-encoded UTF-8.");
  out.path = *path;
  // The request target as sent: METHOD SP target SP version.
  const auto first = request_line.find(' ');
  const auto last = request_line.rfind(' ');
  if (first != std::string::npos && last > first) {
    const std::string target = request_line.substr(first + 1, last - first - 1);
    if (const auto q = target.find('?'); q != std::string::npos) {
      auto params = parse_query_string(std::string_view(target).substr(q + 1));
      if (!params)
        throw InvalidUrl("The query string is not valid percent-encoded UTF-8.");
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
  out.peer = request.address().host();
  return out;
}

}  // namespace

// The edge's shared view of its connections: how many are open (for the cap,
// issue 15 point 5) and which requests are still being received, for the
// header and body time-outs. Pistache
// 0.0.5 answers its own time-out with an empty 408 written by its transport;
// ours fires first (its own are set later) and answers a problem document
// (issue 15 point 4). Shared by the I/O threads' handlers and the watchdog.
struct ConnectionWatch {
  struct Entry {
    std::weak_ptr<Tcp::Peer> peer;
    std::shared_ptr<RequestLine> line;
    Http::Handler* handler;        // the I/O thread's handler, for its transport
    Tcp::Transport* transport;
    std::chrono::steady_clock::time_point deadline;
  };
  std::chrono::seconds header_timeout, body_timeout;
  std::atomic<unsigned> connections{0};
  unsigned max_connections = 4096;
  std::mutex mutex;
  std::unordered_map<const Tcp::Peer*, Entry> entries;

  void begin(const std::shared_ptr<Tcp::Peer>& peer, std::shared_ptr<RequestLine> line, Http::Handler* handler,
             Tcp::Transport* transport) {
    std::lock_guard lock(mutex);
    entries[peer.get()] = {peer, std::move(line), handler, transport, std::chrono::steady_clock::now() + header_timeout};
  }
  void head_done(const Tcp::Peer* peer) {
    std::lock_guard lock(mutex);
    if (const auto it = entries.find(peer); it != entries.end())
      it->second.deadline = std::chrono::steady_clock::now() + body_timeout;
  }
  // False when the watchdog has answered the request already.
  bool end(const Tcp::Peer* peer) {
    std::lock_guard lock(mutex);
    return entries.erase(peer) > 0;
  }
  // Called by the watchdog: answers every request past its deadline.
  void expire(Application& app) {
    std::vector<Entry> late;
    {
      std::lock_guard lock(mutex);
      const auto now = std::chrono::steady_clock::now();
      for (auto it = entries.begin(); it != entries.end();) {
        if (now < it->second.deadline) {
          ++it;
          continue;
        }
        it->second.line->closing = true;
        late.push_back(std::move(it->second));
        it = entries.erase(it);
      }
    }
    for (auto& entry : late) {
      const auto peer = entry.peer.lock();
      if (!peer) continue;
      try {
        Http::ResponseWriter writer(Http::Version::Http11, entry.transport, entry.handler, peer);
        send_closing_error(app, writer, std::make_exception_ptr(RequestTimeout("request not received in time")),
                           "request time-out");
      } catch (...) {  // the connection went away meanwhile
      }
    }
  }
};

namespace {

class EdgeHandler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(EdgeHandler)

  EdgeHandler(Application* app, WorkerPool* pool, std::shared_ptr<ConnectionWatch> watch)
      : app_(app), pool_(pool), watch_(std::move(watch)) {}

  void onRequest(const Http::Request& request, Http::ResponseWriter response) override {
    dispatch(request, std::string(), std::move(response));
  }

  void onTimeout(const Http::Request&, Http::ResponseWriter response) override {
    send_framing_error(response, std::make_exception_ptr(RequestTimeout("request timeout")));
  }

  void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    auto line = std::make_shared<RequestLine>();
    peer->putData(kRequestLineKey, line);
    peer->putData(ParserData, std::make_shared<Http::RequestParser>(getMaxRequestSize()));
    // Beyond the cap the connection is answered at once and closed, rather
    // than the server running out of descriptors (the accept loop spun then).
    if (watch_->connections.fetch_add(1) >= watch_->max_connections) {
      line->closing = true;
      try {
        Http::ResponseWriter writer(Http::Version::Http11, transport(), this, peer);
        send_closing_error(*app_, writer, std::make_exception_ptr(ServerBusy("too many open connections")),
                           "connection cap");
      } catch (...) {  // it went away already
      }
    }
  }

  void onDisconnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    watch_->end(peer.get());
    watch_->connections.fetch_sub(1);
    Http::Handler::onDisconnection(peer);
  }

  // Pistache 0.0.5's own onInput, plus capturing the request line (for
  // repeated query parameters) and problem documents for parser errors.
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    auto parser = getParser(peer);
    auto line = std::static_pointer_cast<RequestLine>(peer->getData(kRequestLineKey));
    if (line->closing) return;
    auto& request = parser->request;
    auto reset = [&] {
      parser->reset();
      line->head.clear();
      line->head_checked = false;
      line->received = 0;
      line->expected = 0;
    };
    if (line->received == 0) watch_->begin(peer, line, this, transport());
    line->received += len;
    std::exception_ptr framing_error;
    // The head is checked by the project's own rules before Pistache reads it.
    if (!line->head_checked) {
      const std::size_t room = kMaxRequestHead + 4 - std::min(line->head.size(), kMaxRequestHead + 4);
      line->head.append(buffer, std::min(len, room));
      if (const auto end = line->head.find("\r\n\r\n"); end != std::string::npos) {
        line->head_checked = true;
        const std::string_view head = std::string_view(line->head).substr(0, end);
        std::size_t content_length = 0;
        if (const auto problem = check_request_head(head, getMaxRequestSize(), &content_length))
          framing_error = std::make_exception_ptr(MalformedRequest(problem->status, problem->reason));
        else
          line->expected = end + 4 + content_length;
        watch_->head_done(peer.get());
      } else if (line->head.size() > kMaxRequestHead) {
        framing_error = std::make_exception_ptr(MalformedRequest(431, "The request's header fields are too large."));
      }
    }
    if (!framing_error) try {
      if (!parser->feed(buffer, len))
        framing_error = std::make_exception_ptr(ContentTooLarge("Requests are limited to 1 MiB."));
      else if (parser->parse() != Http::Private::State::Done)
        return;
    } catch (const Http::HttpError& err) {
      framing_error = std::make_exception_ptr(MalformedRequest(err.code(), err.reason()));
    } catch (...) {
      framing_error = std::make_exception_ptr(MalformedRequest(400, "The request could not be read."));
    }
    if (framing_error) {
      const bool ours = watch_->end(peer.get());
      reset();
      line->closing = true;
      if (!ours) return;  // the watchdog answered it
      Http::ResponseWriter response(request.version(), transport(), this, peer);
      send_framing_error(response, framing_error);
      return;
    }
    // Bytes beyond this request: a pipelined one. Its answers could overtake
    // each other in the worker pool, so this one is answered with
    // "Connection: close" and the client sends the rest again on a new
    // connection (RFC 9112 9.3.2), instead of the rest being dropped silently.
    const bool pipelined = line->received > line->expected;
    if (!watch_->end(peer.get())) return;  // the watchdog answered it
    answer_parsed(request, line->request_line(), peer, pipelined);
    reset();
    if (pipelined) line->closing = true;
  }

 private:
  // From here on every failure is ours: a logged 500 problem document, never
  // Pistache's plain-text 500 and never a 400.
  void answer_parsed(Http::Request& request, const std::string& request_line, const std::shared_ptr<Tcp::Peer>& peer,
                     bool close) {
    try {
      Http::ResponseWriter response(request.version(), transport(), this, peer);
      request.copyAddress(peer->address());
      const auto connection = request.headers().tryGet<Http::Header::Connection>();
      if (close)
        response.headers().add<Http::Header::Connection>(Http::ConnectionControl::Close);
      else if (connection)
        response.headers().add<Http::Header::Connection>(connection->control());
      else
        response.headers().add<Http::Header::Connection>(request.version() == Http::Version::Http11
                                                              ? Http::ConnectionControl::KeepAlive
                                                              : Http::ConnectionControl::Close);
      dispatch(request, request_line, std::move(response));
    } catch (...) {
      const HttpResponse answer = app_->answer_error(std::current_exception(), "-", "-", "edge dispatch");
      try {
        Http::ResponseWriter response(request.version(), transport(), this, peer);
        send(response, answer);
      } catch (...) {  // the connection is gone; the cause is logged
      }
    }
  }

  // Framing errors close the connection: what follows in it cannot be trusted.
  void send_framing_error(Http::ResponseWriter& writer, std::exception_ptr error) {
    send_closing_error(*app_, writer, error, "request framing");
  }

  void dispatch(const Http::Request& request, const std::string& request_line, Http::ResponseWriter response) {
    HttpRequest req;
    try {
      req = to_request(request, request_line);
    } catch (...) {
      send(response, app_->answer_error(std::current_exception(), Http::methodString(request.method()),
                                        request.resource(), "request target"));
      return;
    }
    auto writer = std::make_shared<Http::ResponseWriter>(std::move(response));
    Application* app = app_;
    const std::string method = req.method, path = req.path;
    const bool queued = pool_->submit(
        [app, writer, req = std::move(req)](WorkerContext& context) { send(*writer, app->handle(req, context)); },
        [writer](const HttpResponse& failure) { send(*writer, failure); });
    if (!queued)
      send(*writer, app_->answer_error(std::make_exception_ptr(ServerBusy("worker queue full")), method, path, "worker queue"));
  }

  Application* app_;
  WorkerPool* pool_;
  std::shared_ptr<ConnectionWatch> watch_;
};

}  // namespace

HttpServer::HttpServer(Application& app, ServerOptions options) : app_(app), options_(std::move(options)) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  const unsigned workers = options_.workers ? options_.workers : std::max(1u, std::thread::hardware_concurrency());
  WorkerPoolOptions pool;
  pool.threads = workers;
  pool.queue_deadline = std::chrono::milliseconds(options_.queue_deadline_ms);
  pool_ = std::make_unique<WorkerPool>(app_, std::move(pool));
  endpoint_ = std::make_unique<Http::Endpoint>(Address(options_.host, Port(options_.port)));
  auto opts = Http::Endpoint::options()
                  .threads(static_cast<int>(options_.io_threads))
                  .flags(Tcp::Options::ReuseAddr)
                  .maxRequestSize(options_.max_request_bytes)
                  // Pistache's own time-outs only behind ours (ConnectionWatch).
                  .headerTimeout(std::chrono::seconds(options_.header_timeout_s + 5))
                  .bodyTimeout(std::chrono::seconds(options_.body_timeout_s + 5))
                  .keepaliveTimeout(std::chrono::seconds(options_.keepalive_timeout_s));
  endpoint_->init(opts);
  watch_ = std::make_shared<ConnectionWatch>();
  watch_->header_timeout = std::chrono::seconds(options_.header_timeout_s);
  watch_->body_timeout = std::chrono::seconds(options_.body_timeout_s);
  watch_->max_connections = options_.max_connections;
  endpoint_->setHandler(Http::make_handler<EdgeHandler>(&app_, pool_.get(), watch_));
  endpoint_->serveThreaded();
  watchdog_stop_ = false;
  watchdog_ = std::thread([this] {
    std::unique_lock lock(watchdog_mutex_);
    while (!watchdog_wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return watchdog_stop_; }))
      watch_->expire(app_);
  });
  running_ = true;
}

std::uint16_t HttpServer::port() const { return static_cast<std::uint16_t>(static_cast<uint16_t>(endpoint_->getPort())); }

void HttpServer::stop() {
  if (!running_) return;
  running_ = false;
  app_.set_draining(true);
  pool_->wait_idle();
  {
    std::lock_guard lock(watchdog_mutex_);
    watchdog_stop_ = true;
  }
  watchdog_wake_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
  endpoint_->shutdown();
  pool_->stop();
  app_.set_draining(false);
}

}  // namespace kb::http
