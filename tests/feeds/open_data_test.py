#!/usr/bin/env python3
"""Issue 13, point 6 (following and open data), end to end against the real
kb-indexer and kb-server on a free port.

Usage: open_data_test.py --indexer BIN --server BIN --source DIR

Indexes the shipped corpus plus generated cases (distinct `updated` dates, a
title with < & " ', a CSV-hostile summary, and a draft newer than all of
them), then checks:
- GET /feed.atom parses as XML and is Atom (RFC 4287): feed id, title,
  updated, self and alternate links; at most 50 entries, newest first by
  `updated`, each with id, title, updated, alternate link, summary, author
  and categories; the draft absent; the filters applied; escaping survives.
- the search page links the feed of its own search;
- GET /api/v1/export is every published record exactly as indexed, with its
  licence; re-indexed by kb-indexer into a fresh index, it gives the same
  search answers (totals, facets, ids) and the same export again;
- ?format=csv has a header and one row per published case, and quoted fields
  with commas, quotes and line breaks round-trip; ?format=xml is a 400 problem.
"""
import argparse
import csv
import io
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "support"))
from kb_server_process import KbServerProcess  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
MUNICIPALITIES = [("Zwolle", "zwolle"), ("Utrecht", "utrecht"), ("Groningen", "groningen"), ("Den Haag", "den-haag")]
THEMES = ["mobility", "safety", "healthcare", "employment", "urbanisation", "climate-adaptation"]
ESCAPE_TITLE = "Volgtest x < 5 & y > 3, \"aanhalingstekens\" in 't Gooi"
ESCAPE_SUMMARY = "Een samenvatting met een komma, een \"quote\"\nen een tweede regel, voor de CSV-test."


class Server(KbServerProcess):
    def get(self, path):
        """(status, Content-Type, body, response); status 0 when the connection failed."""
        try:
            return self.request("GET", path)
        except OSError:
            return 0, "", b"", None


class Checks:
    def __init__(self):
        self.failures = []
        self.passed = 0

    def require(self, condition, message):
        if condition:
            self.passed += 1
        else:
            self.failures.append(message)
            print(f"FAIL {message}")
        return condition


def generated_records():
    """60 published cases with distinct dates (2027-01-01 + n days), the
    escaping case newest of the published, and a draft newer still."""
    records = []
    for n in range(60):
        name, _ = MUNICIPALITIES[n % len(MUNICIPALITIES)]
        records.append({
            "id": f"volgtest-{n:02d}", "title": f"Volgtest casus nummer {n:02d}", "municipality": name,
            "themes": [THEMES[n % len(THEMES)]] + ([THEMES[(n + 1) % len(THEMES)]] if n % 3 == 0 else []),
            "summary": f"Een gegenereerde casus nummer {n} voor de test van de feed en de export.",
            "solution": "Een oplossing die alleen in deze test bestaat.", "maturity": "pilot",
            "updated": f"2027-{1 + n // 28:02d}-{1 + n % 28:02d}"})
    records.append({
        "id": "volgtest-escape", "title": ESCAPE_TITLE, "municipality": "Zwolle", "themes": ["safety"],
        "summary": ESCAPE_SUMMARY, "solution": "Tekst met < en > & entiteiten.", "maturity": "idea",
        "tags": ["komma, in een tag", "gewoon"], "updated": "2028-01-01"})
    records.append({
        "id": "volgtest-concept", "title": "Volgtest geheim concept", "municipality": "Zwolle", "themes": ["safety"],
        "summary": "Een concept dat nooit in de feed of de export mag staan.", "solution": "Nog niets.",
        "maturity": "idea", "updated": "2029-01-01", "visibility": "draft"})
    return records


def corpus_records(source):
    out = []
    for path in sorted((source / "corpus" / "cases").rglob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        out.append((record, path.parent.name))  # the folder is the municipality slug
    return out


def index(indexer, db, inputs):
    done = subprocess.run([indexer, "--db", str(db)] + [str(p) for p in inputs], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"kb-indexer failed ({done.returncode}):\n{done.stderr}")


def newest_first(records):
    return sorted(records, key=lambda r: r.get("updated", ""), reverse=True)


def check_atom(checks, feed_xml, where):
    """Parses the feed and checks RFC 4287's required elements; returns the entries."""
    try:
        root = ET.fromstring(feed_xml)
    except ET.ParseError as error:
        checks.require(False, f"{where}: not well-formed XML: {error}")
        return None, []
    checks.require(root.tag == ATOM + "feed", f"{where}: root is {root.tag}, not an Atom feed")
    for name in ("id", "title", "updated"):
        checks.require(root.find(ATOM + name) is not None and (root.find(ATOM + name).text or "").strip(),
                       f"{where}: feed has no {name}")
    rels = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    checks.require("self" in rels and "/feed.atom" in rels["self"], f"{where}: no rel=self link: {rels}")
    checks.require("alternate" in rels, f"{where}: no rel=alternate link")
    checks.require(rels.get("license") == LICENCE, f"{where}: no licence link")
    entries = root.findall(ATOM + "entry")
    checks.require(len(entries) <= 50, f"{where}: {len(entries)} entries, more than 50")
    dates = []
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            checks.require(entry.find(ATOM + name) is not None, f"{where}: an entry has no {name}")
        checks.require(entry.find(f"{ATOM}author/{ATOM}name") is not None, f"{where}: an entry has no author name")
        checks.require(entry.findall(ATOM + "category"), f"{where}: an entry has no category")
        link = entry.find(ATOM + "link")
        checks.require(link is not None and link.get("rel") == "alternate" and "/cases/" in link.get("href", ""),
                       f"{where}: an entry does not link its case page")
        updated = entry.findtext(ATOM + "updated", "")
        checks.require(re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", updated), f"{where}: updated {updated!r} is not RFC 3339")
        dates.append(updated)
    checks.require(dates == sorted(dates, reverse=True), f"{where}: entries are not newest first: {dates[:5]}…")
    if dates:
        checks.require(root.findtext(ATOM + "updated") == dates[0], f"{where}: feed updated is not its newest entry's")
    return root, entries


def entry_id(entry):
    return entry.findtext(ATOM + "id").rsplit("/cases/", 1)[-1]


def check_feed(checks, server, published, slug_of):
    status, content_type, body, _ = server.get("/feed.atom")
    checks.require(status == 200, f"/feed.atom answered {status}")
    checks.require(content_type == "application/atom+xml; charset=utf-8", f"/feed.atom content type {content_type}")
    root, entries = check_atom(checks, body, "/feed.atom")
    expected = [r["id"] for r in newest_first(published)[:50]]
    got = [entry_id(e) for e in entries]
    checks.require(got == expected, f"/feed.atom: entries {got[:3]}… are not the 50 newest {expected[:3]}…")
    checks.require("volgtest-concept" not in body.decode(), "/feed.atom shows the draft")
    first = entries[0] if entries else None
    checks.require(first is not None and first.findtext(ATOM + "title") == ESCAPE_TITLE,
                   "the title with < & \" ' does not survive the feed")
    checks.require(first is not None and first.findtext(ATOM + "summary") == ESCAPE_SUMMARY,
                   "the summary does not survive the feed")
    checks.require(first is not None and first.findtext(ATOM + "id") == f"http://127.0.0.1:{server.port}/cases/volgtest-escape",
                   "an entry id is not the absolute case page URL")

    # Filters: every entry passes them, and every published case that passes them is there.
    status, _, body, _ = server.get("/feed.atom?theme=safety&municipality=zwolle&page=3&sort=title")
    checks.require(status == 200, f"filtered feed answered {status}")
    _, entries = check_atom(checks, body, "filtered feed")
    wanted = newest_first([r for r in published if "safety" in r["themes"] and slug_of[r["id"]] == "zwolle"])
    checks.require(len(wanted) < 50, "the filter test needs fewer than 50 matches")
    checks.require(sorted(entry_id(e) for e in entries) == sorted(r["id"] for r in wanted),
                   f"filtered feed: {len(entries)} entries, expected {len(wanted)}")
    for entry in entries:
        checks.require("safety" in [c.get("term") for c in entry.findall(ATOM + "category")],
                       f"filtered feed: {entry_id(entry)} is not about safety")
        checks.require(entry.findtext(f"{ATOM}author/{ATOM}name") == "Zwolle", f"filtered feed: {entry_id(entry)} is not Zwolle's")

    status, content_type, body, _ = server.get("/feed.atom?theme=no-such-theme")
    checks.require(status == 400 and content_type.startswith("application/problem+json"),
                   f"an unknown theme in the feed answered {status} {content_type}")

    status, _, body, _ = server.get("/?theme=safety&municipality=zwolle&page=2")
    checks.require(status == 200 and b'<link rel="alternate" type="application/atom+xml"' in body and
                   b'href="/feed.atom?theme=safety&amp;municipality=zwolle"' in body,
                   "the search page does not link the feed of its own search")


def check_export(checks, server, published_by_id):
    status, content_type, body, response = server.get("/api/v1/export")
    checks.require(status == 200, f"/api/v1/export answered {status}")
    checks.require(content_type == "application/x-ndjson", f"export content type {content_type}")
    link = response.getheader("link") if response else ""
    checks.require(link == f'<{LICENCE}>; rel="license"', f"export Link header {link!r}")
    lines = body.decode("utf-8").splitlines()
    checks.require(len(lines) == len(published_by_id), f"export has {len(lines)} lines for {len(published_by_id)} published cases")
    records = [json.loads(line) for line in lines]
    checks.require([r["id"] for r in records] == sorted(published_by_id), "export is not every published case in id order")
    checks.require(all(r == published_by_id.get(r["id"]) for r in records), "an exported record differs from the one indexed")
    return body


def check_csv(checks, server, published_by_id):
    status, content_type, body, _ = server.get("/api/v1/export?format=csv")
    checks.require(status == 200 and content_type == "text/csv; charset=utf-8", f"CSV answered {status} {content_type}")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    header, rows = rows[0], rows[1:]
    checks.require(len(rows) == len(published_by_id), f"CSV has {len(rows)} rows for {len(published_by_id)} published cases")
    checks.require(all(len(row) == len(header) for row in rows), "a CSV row has another number of fields than the header")
    by_id = {row[header.index("id")]: dict(zip(header, row)) for row in rows}
    escape = by_id.get("volgtest-escape", {})
    checks.require(escape.get("title") == ESCAPE_TITLE, f"CSV title round-trip: {escape.get('title')!r}")
    checks.require(escape.get("summary") == ESCAPE_SUMMARY, f"CSV summary round-trip: {escape.get('summary')!r}")
    checks.require(escape.get("tags") == "komma, in een tag; gewoon", f"CSV list field: {escape.get('tags')!r}")
    checks.require("volgtest-concept" not in by_id, "the CSV has the draft")

    status, content_type, body, _ = server.get("/api/v1/export?format=xml")
    problem = json.loads(body) if content_type.startswith("application/problem+json") else {}
    checks.require(status == 400 and [e.get("field") for e in problem.get("errors", [])] == ["format"],
                   f"format=xml answered {status} {body[:200]!r}")


QUERIES = ["q=water", "q=hittestress", "q=slimme%20verlichting", "q=data%20mobiliteit&theme=mobility",
           "q=volgtest&sort=updated", "sort=title&per_page=100", "sort=updated&per_page=100",
           "theme=safety&municipality=zwolle&sort=title", "q=energie&page=2&per_page=5"]


def check_reindex(checks, indexer, server_binary, tmp, original, export_body):
    (tmp / "export.jsonl").write_bytes(export_body)
    index(indexer, tmp / "reindexed", [tmp / "export.jsonl"])
    copy = Server(server_binary, tmp / "reindexed", tmp / "server2.log")
    try:
        for query in QUERIES:
            a = json.loads(original.get(f"/api/v1/search?{query}")[2])
            b = json.loads(copy.get(f"/api/v1/search?{query}")[2])
            checks.require(a["total"] == b["total"] and a["total"] > 0, f"re-indexed total for {query}: {a['total']} vs {b['total']}")
            checks.require(a["facets"] == b["facets"], f"re-indexed facets differ for {query}")
            checks.require([h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]], f"re-indexed hits differ for {query}")
        checks.require(copy.get("/api/v1/export")[2] == export_body, "the re-indexed export differs from the first")
    finally:
        copy.stop()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indexer", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    args = parser.parse_args(argv)

    checks = Checks()
    generated = generated_records()
    slug_of = {r["id"]: dict(MUNICIPALITIES)[r["municipality"]] for r in generated}
    corpus = corpus_records(args.source)
    slug_of.update({record["id"]: slug for record, slug in corpus})
    everything = [record for record, _ in corpus] + generated
    published = [r for r in everything if r.get("visibility", "published") != "draft"]
    with tempfile.TemporaryDirectory(prefix="kb-open-data-") as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "generated.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generated),
                                            encoding="utf-8")
        index(args.indexer, tmp / "index", [args.source / "corpus" / "cases", tmp / "generated.jsonl"])
        server = Server(args.server, tmp / "index", tmp / "server.log")
        try:
            check_feed(checks, server, published, slug_of)
            export_body = check_export(checks, server, {r["id"]: r for r in published})
            check_csv(checks, server, {r["id"]: r for r in published})
            check_reindex(checks, args.indexer, args.server, tmp, server, export_body)
        finally:
            server.stop()
    print(f"open data (issue 13): {checks.passed} checks passed, {len(checks.failures)} failed")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
