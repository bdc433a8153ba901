#!/usr/bin/env python3
"""OpenAPI contract test: real answers of kb-server against openapi.json.

Usage: contract_test.py --indexer BIN --server BIN --source DIR

Indexes a small fixture corpus (one case per municipality folder of
corpus/cases) into a temporary directory, starts kb-server on a free port with
a temporary curator key, sends requests that produce every answer kind of the
search, case, similar, suggest, facets and curation routes and every error
kind, and checks each answer against the operation openapi.json declares for
its path and method: the status must be declared, the media type must be one
the status declares (no body where it declares none), and the body must
validate against the declared schema with a JSON Schema 2020-12 validator
(Debian python3-jsonschema). Answers to paths no operation declares must be
problem documents (components/schemas/Problem).
"""
import argparse
import json
import pathlib
import re
import secrets
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "support"))
from kb_server_process import KbServerProcess  # noqa: E402

try:
    import jsonschema
except ImportError:  # pragma: no cover - setup installs it
    sys.exit("contract_test: python3-jsonschema is missing (scripts/setup installs it)")


class Contract:
    """The operations of an OpenAPI 3.1 document and their response schemas."""

    def __init__(self, document):
        self.document = document
        self.paths = []
        for template, item in document["paths"].items():
            pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
            self.paths.append((re.compile(pattern), template, item))
        # Literal paths before templated ones: /api/v1/cases/x/similar is not /api/v1/cases/{id}.
        self.paths.sort(key=lambda entry: entry[1].count("{"))

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node and len(node) == 1 and node["$ref"].startswith("#/"):
            target = self.document
            for part in node["$ref"][2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def operation(self, path, method):
        for pattern, template, item in self.paths:
            if pattern.match(path):
                return template, item.get(method.lower())
        return None, None

    def validator(self, schema):
        # The schema as a resource whose root also carries the components, so
        # that every "#/components/..." reference resolves inside it.
        root = dict(schema)
        root["components"] = self.document["components"]
        root.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
        jsonschema.Draft202012Validator.check_schema(root)
        return jsonschema.Draft202012Validator(root)

    def check(self, method, path, status, media_type, body):
        """Error messages for one answer; empty when it keeps the contract."""
        template, operation = self.operation(path, method)
        where = f"{method} {path} -> {status}"
        if template is None:
            # Unrouted: the documented answer of every 4xx is a problem document.
            if status not in (404, 405) or media_type != "application/problem+json":
                return [f"{where}: no operation in openapi.json, and not a 404/405 problem document ({media_type})"]
            return self.validate(where, {"$ref": "#/components/schemas/Problem"}, body)
        if operation is None:
            if status == 405 and media_type == "application/problem+json":
                return self.validate(where, {"$ref": "#/components/schemas/Problem"}, body)
            return [f"{where}: {template} declares no {method} operation"]
        responses = operation["responses"]
        declared = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
        if declared is None:
            return [f"{where}: status {status} is not declared for {method} {template} "
                    f"(declared: {', '.join(sorted(responses))})"]
        content = self.resolve(declared).get("content")
        if not content:
            if body:
                return [f"{where}: {method} {template} declares no body for {status}, got {len(body)} bytes"]
            return []
        if media_type not in content:
            return [f"{where}: content type {media_type or '(none)'} is not declared for {status} "
                    f"(declared: {', '.join(sorted(content))})"]
        schema = content[media_type].get("schema")
        # JSON documents only: application/x-ndjson (the export) is lines of JSON, not one.
        if schema is None or not (media_type == "application/json" or media_type.endswith("+json")):
            return []
        return self.validate(where, schema, body)

    def validate(self, where, schema, body):
        try:
            instance = json.loads(body)
        except ValueError as error:
            return [f"{where}: body is not JSON: {error}"]
        return [f"{where}: at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                for e in sorted(self.validator(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))]


class Server(KbServerProcess):
    """kb-server on a free port over a temporary index, with curation keys."""

    def __init__(self, binary, db, keys, log):
        super().__init__(binary, db, log, extra_args=("--keys", str(keys)))

    def request(self, method, path, body=None, headers=None):
        """(status, media type without parameters, body, response)."""
        status, content_type, data, response = super().request(method, path, body, headers, timeout_s=30)
        return status, content_type.split(";")[0].strip().lower(), data, response


def fixture_corpus(source, target):
    """One case per municipality folder of corpus/cases: small, every theme."""
    for folder in sorted((source / "corpus" / "cases").iterdir()):
        cases = sorted(folder.glob("*.json"))
        if cases:
            (target / folder.name).mkdir(parents=True)
            shutil.copy(cases[0], target / folder.name / cases[0].name)
    return sorted(target.rglob("*.json"))


class Run:
    def __init__(self, contract, server, key):
        self.contract = contract
        self.server = server
        self.auth = {"Authorization": f"Bearer {key}"}
        self.failures = []
        self.checked = 0

    def call(self, method, path, expect, body=None, headers=None):
        """Sends a request, checks the answer against the contract and the
        expected status; returns the parsed JSON body (or None)."""
        status, media_type, data, response = self.server.request(method, path, body, headers)
        self.checked += 1
        errors = self.contract.check(method, path.split("?")[0], status, media_type, data)
        if status != expect:
            errors.append(f"{method} {path}: expected status {expect}, got {status}: {data[:300]!r}")
        self.failures.extend(errors)
        print(f"{'FAIL' if errors else 'ok  '} {status} {media_type or '-':24} {method} {path[:90]}")
        if status != expect:
            return None, response  # the checks on the body would only repeat this failure
        try:
            return json.loads(data) if media_type.endswith("json") else None, response
        except ValueError:
            return None, response

    def require(self, condition, message):
        if not condition:
            self.failures.append(message)


def exercise(run, case_record):
    get = lambda path, expect=200, **kw: run.call("GET", path, expect, **kw)[0]  # noqa: E731

    # Search: text query, browse, filters, facets, did_you_mean, relaxed, paging.
    answer = get("/api/v1/search?q=water")
    run.require(answer and answer["total"] > 0, "q=water finds nothing in the fixture corpus")
    browse = get("/api/v1/search")
    run.require(browse and browse["total"] > 1 and browse["facets"]["theme"], "browse lists no cases or facets")
    hit = browse["hits"][0]
    case_id, slug, theme = hit["id"], hit["municipality_slug"], hit["themes"][0]
    filtered = get(f"/api/v1/search?theme={theme}&municipality={slug}&maturity={hit['maturity']}"
                   "&year_min=1990&year_max=2100&sort=newest&lang=en&per_page=3")
    run.require(filtered and filtered["total"] >= 1, "the filters exclude the case they were taken from")
    get(f"/api/v1/search?q=energie&theme={theme}&theme=mobility&sort=relevance")
    typo = get("/api/v1/search?q=klimaatadaptie")
    run.require(typo and typo["did_you_mean"], "q=klimaatadaptie gives no did_you_mean")
    relaxed = get("/api/v1/search?q=hittestress%20fietsparkeren%20zonnepanelen%20mantelzorg")
    run.require(relaxed and relaxed["relaxed"] is True, "a query no case matches with all words is not relaxed")
    past = get("/api/v1/search?q=water&page=50&per_page=100")
    run.require(past and past["hits"] == [] and past["total"] > 0, "paging past the end is not an empty page")
    get('/api/v1/search?q=%22slimme%20stad%22%20-water%20OR%20energie%20dig*')
    get("/api/v1/search?q=zzzzqqqxxy")
    # Reuse and province (issue 13).
    reused = get("/api/v1/search?reused=true&sort=reuse&per_page=5")
    run.require(reused and all(h["reuse_count"] > 0 for h in reused["hits"]), "reused=true lists a case nobody reused")
    run.require(reused and len(reused["facets"]["province"]) == 12, "the province facet does not list all 12 provinces")
    if reused and reused["hits"]:
        where = reused["facets"]["reused_in"][0]["value"]
        get(f"/api/v1/search?reused_in={where}&province={reused['hits'][0]['province_slug']}")
        get(f"/api/v1/cases/{reused['hits'][0]['id']}")
    municipalities = get("/api/v1/municipalities")
    run.require(municipalities and municipalities["total"] > 0, "no municipalities listed")
    get(f"/api/v1/municipalities/{slug}")
    get("/api/v1/municipalities/s-gravenhage")
    get("/api/v1/municipalities/nergenshuizen", 404)
    for bad in ("province=atlantis", "reused=ja", "sort=most", "reused_in=Not_A_Slug",
                "page=0", "per_page=1000", "year_min=abc", "sort=bogus", "theme=no-such-theme",
                "year_min=2020&year_max=2010", "page=1&page=x", "q=" + "a" * 2000):
        problem = get(f"/api/v1/search?{bad}", 400)
        run.require(problem and problem.get("errors"), f"400 for {bad[:30]} has no errors entry")

    # Conditional GET: 304 with no body (a search answer carries took_ms, so
    # its ETag changes; a case answer's does not).
    _, response = run.call("GET", f"/api/v1/cases/{case_id}", 200)
    etag = response.getheader("etag")
    run.require(etag, "/api/v1/cases/{id} has no ETag")
    if etag:
        run.call("GET", f"/api/v1/cases/{case_id}", 304, headers={"If-None-Match": etag})

    # Cases, similar, suggest, facets.
    view = get(f"/api/v1/cases/{case_id}")
    run.require(view and view["id"] == case_id, "GET /cases/{id} answers another case")
    get(f"/api/v1/cases/{case_id}?lang=en")
    get("/api/v1/cases/no-such-case-ever", 404)
    get("/api/v1/cases/Not_An_Id", 404)
    similar = get(f"/api/v1/cases/{case_id}/similar?per_page=3")
    run.require(similar and similar["id"] == case_id and len(similar["hits"]) <= 3, "similar breaks per_page")
    get(f"/api/v1/cases/{case_id}/similar?per_page=0", 400)
    get("/api/v1/cases/no-such-case-ever/similar", 404)
    suggestions = get("/api/v1/suggest?q=wat&limit=5")
    run.require(suggestions and suggestions["suggestions"], "suggest q=wat suggests nothing")
    get("/api/v1/suggest?q=")
    get("/api/v1/suggest?q=wat&limit=99", 400)
    get("/api/v1/suggest?q=" + "a" * 500, 400)
    facets = get("/api/v1/facets?lang=en")
    run.require(facets and facets["total"] == browse["total"], "facets total differs from the browse total")
    get("/api/v1/facets")
    get("/api/v1/analyze?text=hittestress")
    # Following and open data (issue 13): the feed, the export, sort=updated.
    by_updated = get("/api/v1/search?sort=updated&per_page=5")
    run.require(by_updated and all("updated" in h for h in by_updated["hits"]), "hits carry no updated date")
    get("/feed.atom")
    get(f"/feed.atom?theme={theme}&municipality={slug}&lang=en")
    get("/feed.atom?theme=no-such-theme", 400)
    get("/api/v1/export")
    get("/api/v1/export?format=csv")
    get("/api/v1/export?format=xml", 400)
    get("/api/v1/openapi.json")
    get("/healthz")
    get("/readyz")
    get("/metrics")

    # Unknown route, wrong method.
    get("/api/v1/nothing-here", 404)
    get("/no/such/page", 404)
    run.call("POST", "/api/v1/search", 405, body=b"{}", headers={"Content-Type": "application/json"})
    run.call("DELETE", "/api/v1/facets", 405)
    run.call("PATCH", f"/api/v1/cases/{case_id}", 405)

    # Curation: 401 without a key and with a wrong one, then with the key.
    get("/api/v1/cases", 401)
    get("/api/v1/cases", 401, headers={"Authorization": "Bearer wrong-key-wrong-key-wrong"})
    get(f"/api/v1/cases/{case_id}", 401, headers={"Authorization": "Bearer wrong-key-wrong-key-wrong"})
    get("/api/v1/stats", 401)
    run.call("POST", "/api/v1/cases", 401, body=json.dumps(case_record), headers={"Content-Type": "application/json"})
    run.call("DELETE", f"/api/v1/cases/{case_id}", 401)
    listing = get("/api/v1/cases?visibility=all&per_page=5", headers=run.auth)
    run.require(listing and len(listing["cases"]) == 5, "the curation list ignores per_page")
    get("/api/v1/cases?visibility=bogus", 400, headers=run.auth)
    get(f"/api/v1/cases/{case_id}", headers=run.auth)
    get("/api/v1/stats?days=7", headers=run.auth)
    get("/api/v1/stats?days=0", 400, headers=run.auth)

    json_headers = dict(run.auth, **{"Content-Type": "application/json"})
    draft = dict(case_record, visibility="draft", derived_from=case_id)
    created, _ = run.call("POST", "/api/v1/cases", 201, body=json.dumps(draft), headers=json_headers)
    run.require(created and created["id"] == draft["id"], "POST answers another case")
    get(f"/api/v1/cases/{draft['id']}", 404)  # a draft is not public
    drafts = get("/api/v1/cases?visibility=draft", headers=run.auth)
    run.require(drafts and [c["id"] for c in drafts["cases"]] == [draft["id"]], "the draft list misses the new draft")
    run.call("POST", "/api/v1/cases", 409, body=json.dumps(draft), headers=json_headers)
    invalid = dict(draft, id=draft["id"] + "-2", themes=["no-such-theme"], maturity="ripe")
    problem, _ = run.call("POST", "/api/v1/cases", 422, body=json.dumps(invalid), headers=json_headers)
    run.require(problem and len(problem.get("errors", [])) >= 2, "422 does not name each bad field")
    run.call("POST", "/api/v1/cases", 400, body=b"{not json", headers=json_headers)
    run.call("POST", "/api/v1/cases", 415, body=json.dumps(draft), headers=dict(run.auth, **{"Content-Type": "text/plain"}))
    run.call("POST", "/api/v1/cases", 413, body=b" " * ((1 << 20) + 10), headers=json_headers)
    published = dict(draft, visibility="published")
    run.call("PUT", f"/api/v1/cases/{draft['id']}", 200, body=json.dumps(published), headers=json_headers)
    # Issue 17 point 11: a stale If-Match is 412 with the current version; nothing is written.
    stale = dict(json_headers, **{"If-Match": '"0000000000000000"'})
    conflict, _ = run.call("PUT", f"/api/v1/cases/{draft['id']}", 412, body=json.dumps(published), headers=stale)
    run.require(conflict and conflict["current"]["record"]["id"] == draft["id"], "412 lacks the current version")
    run.call("DELETE", f"/api/v1/cases/{draft['id']}", 412, headers=dict(run.auth, **{"If-Match": '"0000000000000000"'}))
    get(f"/api/v1/cases/{draft['id']}")
    run.call("PUT", f"/api/v1/cases/{draft['id']}", 422, body=json.dumps(dict(published, id="other-id")),
             headers=json_headers)
    run.call("PUT", "/api/v1/cases/no-such-case-ever", 404,
             body=json.dumps(dict(published, id="no-such-case-ever")), headers=json_headers)
    history = get(f"/api/v1/cases/{draft['id']}/history", headers=run.auth)
    run.require(history and len(history["changes"]) == 2, "history does not list the create and the update")
    never = get("/api/v1/cases/no-such-case-ever/history", headers=run.auth)
    run.require(never and never["changes"] == [], "a case never written has history")
    run.call("DELETE", f"/api/v1/cases/{draft['id']}", 204, headers=run.auth)
    run.call("DELETE", f"/api/v1/cases/{draft['id']}", 404, headers=run.auth)

    # The edge's own limit: a body past 1 MiB + 16 KiB never reaches a route.
    run.call("POST", "/api/v1/cases", 413, body=b" " * (2 << 20), headers=json_headers)

    # Pages and assets: only their declared media types.
    get("/")
    get("/?page=0", 400)
    get(f"/cases/{case_id}")
    get("/cases/no-such-case-ever", 404)
    get("/?reused=true&sort=reuse&province=zuid-holland")
    get("/gemeenten")
    get(f"/gemeenten/{slug}")
    get("/gemeenten/s-gravenhage")
    get("/gemeenten/nergenshuizen", 404)
    get("/embed")
    get("/curate")
    for asset in ("/widget.js", "/assets/site.css", "/assets/curate.js", "/favicon.svg"):
        get(asset)


def self_test(contract):
    """The checker itself must reject an undeclared status, an undeclared
    media type and a body that breaks the schema."""
    bad = [
        contract.check("GET", "/api/v1/search", 418, "application/json", b"{}"),
        contract.check("GET", "/api/v1/search", 200, "text/html", b"<p>"),
        contract.check("GET", "/api/v1/search", 200, "application/json", b'{"total": -1}'),
        contract.check("GET", "/api/v1/search", 400, "application/problem+json", b'{"title": 1}'),
        contract.check("DELETE", "/api/v1/cases/x", 204, "", b"body"),
        contract.check("GET", "/api/v1/nowhere", 200, "application/json", b"{}"),
    ]
    return [f"self-test: case {i} was accepted" for i, errors in enumerate(bad) if not errors]


def main(argv):
    parser = argparse.ArgumentParser(description="OpenAPI contract test of kb-server")
    parser.add_argument("--indexer", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    args = parser.parse_args(argv)

    contract = Contract(json.loads((args.source / "server/http/openapi.json").read_text(encoding="utf-8")))
    failures = self_test(contract)
    with tempfile.TemporaryDirectory(prefix="kb-contract-") as tmp:
        tmp = pathlib.Path(tmp)
        cases = fixture_corpus(args.source, tmp / "cases")
        indexed = subprocess.run([args.indexer, "--db", str(tmp / "index"), str(tmp / "cases")],
                                 capture_output=True, text=True)
        if indexed.returncode != 0:
            sys.exit(f"kb-indexer failed ({indexed.returncode}):\n{indexed.stderr}")
        key = secrets.token_hex(16)
        (tmp / "keys").write_text(f"contract-test:{key}\n")
        (tmp / "keys").chmod(0o600)

        record = json.loads(cases[0].read_text(encoding="utf-8"))
        record["id"] = f"{cases[0].parent.name}-contract-test-case"
        record["title"] = "Contracttest casus " + record["id"]

        server = Server(args.server, tmp / "index", tmp / "keys", tmp / "server.log")
        try:
            run = Run(contract, server, key)
            exercise(run, record)
            failures += run.failures
        finally:
            server.stop()
        if failures:
            print("--- kb-server log (tail) ---", file=sys.stderr)
            print("\n".join((tmp / "server.log").read_text(errors="replace").splitlines()[-20:]), file=sys.stderr)

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"contract: {run.checked} answers checked, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
