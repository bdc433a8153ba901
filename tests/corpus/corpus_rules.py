#!/usr/bin/env python3
"""Collection rules for the shipped corpus (issue 18).

Usage: corpus_rules.py [--json] [CORPUS_DIR]

CORPUS_DIR (default: the repository's corpus/) holds cases/**/*.json,
municipalities.csv and municipality-population.csv. The script counts what
the rules below ask for, prints one table row per rule with its minimum (or
maximum) and exits 1 naming every rule that falls short, 0 when all hold.
--json prints the same result as one JSON object for machines.

Python 3 standard library only. The schema itself (field types, known
municipality, theme ids) is kb-indexer --check's job (ctest corpus_check);
this script checks the size and spread of the collection and the rules the
schema leaves open.
"""

import argparse
import csv
import json
import os
import sys
import unicodedata

# ---------------------------------------------------------------------------
# The minimums of issue 18 (collection rules). Change them here only.
# ---------------------------------------------------------------------------
MIN_CASES_TOTAL = 250            # issue 18: at least 250 cases
MIN_CASES_PER_G5 = 25            # issue 18: each G5 city at least 25 cases
MIN_CASES_OTHER = 100            # issue 18: at least 100 cases outside the G5
MIN_CASES_PER_PROVINCE = 6       # issue 18: every province at least 6 cases
MIN_CASES_SMALL = 25             # issue 18: at least 25 cases from small municipalities
SMALL_POPULATION = 50_000        # issue 18: "small" = fewer than 50,000 inhabitants
MIN_CASES_PER_FIRST_THEME = 30   # issue 18: every theme the first theme of at least 30 cases
MIN_CASES_REUSE = 60             # issue 18: at least 60 cases with adopted_by or derived_from
MIN_WORDS = 150                  # issue 18: problem+solution+results+lessons+scale_up,
MAX_WORDS = 500                  #           150..500 words in total

G5 = ("amsterdam", "rotterdam", "den-haag", "utrecht", "eindhoven")  # slugs in municipalities.csv
PROVINCES = (  # spelled as in municipalities.csv (CBS)
    "Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
    "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
)
THEMES = ("urbanisation", "climate-adaptation", "healthcare", "mobility", "employment", "safety")
TEXT_FIELDS = ("problem", "solution", "results", "lessons", "scale_up")


def norm(name):
    """Case- and diacritic-insensitive key for a municipality name."""
    s = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(c for c in s if not unicodedata.combining(c))


class Municipalities:
    def __init__(self, csv_path, population_path):
        self.by_key = {}     # normalised name / display name / alias / slug -> row
        self.by_slug = {}
        with open(csv_path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                self.by_slug[row["slug"]] = row
                keys = [row["name"], row["display_name"], row["slug"]]
                keys += [a for a in (row.get("aliases") or "").split("|") if a]
                for k in keys:
                    self.by_key.setdefault(norm(k), row)
        self.population = {}  # slug -> int
        self.population_errors = []  # rows that do not fit municipalities.csv
        self.population_file = os.path.exists(population_path)
        if self.population_file:
            codes = {r["code"]: r for r in self.by_slug.values()}
            with open(population_path, encoding="utf-8", newline="") as f:
                for n, row in enumerate(csv.DictReader(f), start=2):
                    code, slug = (row.get("code") or "").strip(), (row.get("slug") or "").strip()
                    value = (row.get("population") or "").strip()
                    where = f"municipality-population.csv line {n}"
                    if code not in codes or codes[code]["slug"] != slug:
                        self.population_errors.append(
                            f"{where}: code {code!r} and slug {slug!r} are not a row of municipalities.csv")
                    elif not value.isdigit():
                        self.population_errors.append(f"{where}: population {value!r} is not a whole number")
                    elif slug in self.population:
                        self.population_errors.append(f"{where}: {slug} listed twice")
                    else:
                        self.population[slug] = int(value)

    def resolve(self, name, folder):
        """The municipality row of a case: its `municipality` field, else its folder."""
        if isinstance(name, str) and norm(name) in self.by_key:
            return self.by_key[norm(name)]
        return self.by_slug.get(folder)


def words(case):
    n = 0
    for field in TEXT_FIELDS:
        value = case.get(field)
        if isinstance(value, str):
            n += len(value.split())
    return n


def nonempty_str(value):
    return isinstance(value, str) and value.strip() != ""


def derived_ids(case):
    value = case.get("derived_from")
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) else []


def has_reuse(case):
    adopted = case.get("adopted_by")
    adopted_ok = isinstance(adopted, list) and any(nonempty_str(a) for a in adopted)
    return adopted_ok or any(nonempty_str(d) for d in derived_ids(case))


def has_link(case):
    links = case.get("links")
    return isinstance(links, list) and any(
        isinstance(l, dict) and nonempty_str(l.get("url")) for l in links)


def load_cases(cases_dir):
    cases, unreadable = [], []
    for root, dirs, files in os.walk(cases_dir):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".json"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, cases_dir)
            try:
                with open(path, encoding="utf-8") as f:
                    case = json.load(f)
                if not isinstance(case, dict):
                    raise ValueError("not a JSON object")
            except (OSError, ValueError) as e:
                unreadable.append(f"{rel}: {e}")
                continue
            folder = os.path.relpath(root, cases_dir).split(os.sep)[0]
            cases.append((rel, folder, case))
    return cases, unreadable


def find_cycles(ids, edges):
    """edges: id -> list of ids it derives from. Returns each cycle once, as a list of ids."""
    cycles, state = [], {}  # state: 1 = on the current path, 2 = done
    seen_cycles = set()

    def visit(start):
        stack = [(start, iter(edges.get(start, ())))]
        path, on_path = [start], {start}
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                state[node] = 2
                continue
            if nxt not in ids or nxt == node:
                continue  # reported as unknown id or self-reference
            if nxt in on_path:
                cyc = path[path.index(nxt):]
                key = frozenset(cyc)
                if key not in seen_cycles:
                    seen_cycles.add(key)
                    cycles.append(cyc + [nxt])
                continue
            if state.get(nxt) == 2:
                continue
            state[nxt] = 1
            path.append(nxt)
            on_path.add(nxt)
            stack.append((nxt, iter(edges.get(nxt, ()))))

    for i in sorted(ids):
        if i not in state:
            visit(i)
    return cycles


def check(corpus_dir):
    cases_dir = os.path.join(corpus_dir, "cases")
    munis = Municipalities(os.path.join(corpus_dir, "municipalities.csv"),
                           os.path.join(corpus_dir, "municipality-population.csv"))
    cases, unreadable = load_cases(cases_dir)

    rules = []

    def at_least(name, count, minimum, details=None):
        rules.append({"rule": name, "count": count, "minimum": minimum,
                      "ok": count >= minimum, "details": details or []})

    def none_of(name, offenders):
        rules.append({"rule": name, "count": len(offenders), "maximum": 0,
                      "ok": not offenders, "details": offenders})

    per_slug, per_province, first_theme = {}, {p: 0 for p in PROVINCES}, {t: 0 for t in THEMES}
    unresolved, unknown_size, small = [], set(), 0
    reuse, no_link, reuse_no_link, no_en, word_range = 0, [], [], [], []
    ids = {}
    for rel, folder, case in cases:
        cid = case.get("id") if isinstance(case.get("id"), str) else rel
        ids.setdefault(cid, rel)
        row = munis.resolve(case.get("municipality"), folder)
        if row is None:
            unresolved.append(f"{rel}: municipality {case.get('municipality')!r}")
        else:
            slug = row["slug"]
            per_slug[slug] = per_slug.get(slug, 0) + 1
            if row["province"] in per_province:
                per_province[row["province"]] += 1
            pop = munis.population.get(slug)
            if pop is None:
                unknown_size.add(slug)
            elif pop < SMALL_POPULATION:
                small += 1
        themes = case.get("themes")
        if isinstance(themes, list) and themes and themes[0] in first_theme:
            first_theme[themes[0]] += 1
        if has_reuse(case):
            reuse += 1
            if not has_link(case):
                reuse_no_link.append(rel)
        if not has_link(case):
            no_link.append(rel)
        missing = [f for f in ("title_en", "summary_en") if not nonempty_str(case.get(f))]
        if missing:
            no_en.append(f"{rel}: no {' and no '.join(missing)}")
        n = words(case)
        if not MIN_WORDS <= n <= MAX_WORDS:
            word_range.append(f"{rel}: {n} words")

    # derived_from: an existing id, not itself, no cycles
    bad_derived, edges = [], {}
    for rel, folder, case in cases:
        cid = case.get("id") if isinstance(case.get("id"), str) else rel
        for d in derived_ids(case):
            if d == cid:
                bad_derived.append(f"{rel}: derived_from names the case itself")
            elif d not in ids:
                bad_derived.append(f"{rel}: derived_from {d!r} is no case id")
            else:
                edges.setdefault(cid, []).append(d)
    for cyc in find_cycles(set(ids), edges):
        bad_derived.append("derived_from cycle: " + " -> ".join(cyc))

    at_least("cases in total", len(cases), MIN_CASES_TOTAL)
    for slug in G5:
        at_least(f"cases from {slug} (G5)", per_slug.get(slug, 0), MIN_CASES_PER_G5)
    other = sum(n for s, n in per_slug.items() if s not in G5)
    at_least("cases from other municipalities than the G5", other, MIN_CASES_OTHER)
    for province in PROVINCES:
        at_least(f"cases from province {province}", per_province[province], MIN_CASES_PER_PROVINCE)
    at_least(f"cases from municipalities under {SMALL_POPULATION:,} inhabitants", small,
             MIN_CASES_SMALL,
             [f"size unknown, not counted: {s} ({per_slug[s]} case(s))" for s in sorted(unknown_size)])
    for theme in THEMES:
        at_least(f"cases with first theme {theme}", first_theme[theme], MIN_CASES_PER_FIRST_THEME)
    at_least("cases with adopted_by or derived_from", reuse, MIN_CASES_REUSE)
    none_of("cases without a link", no_link)
    none_of("reused cases (adopted_by/derived_from) without a link", reuse_no_link)
    none_of("derived_from that names no other case, or cycles", bad_derived)
    none_of("cases without title_en or summary_en", no_en)
    none_of(f"cases outside {MIN_WORDS}-{MAX_WORDS} words (problem..scale_up)", word_range)
    none_of("case files that are not readable JSON objects", unreadable)
    none_of("municipality-population.csv rows that do not fit municipalities.csv",
            munis.population_errors)

    return {
        "corpus": os.path.abspath(corpus_dir),
        "cases": len(cases),
        "municipalities_with_cases": len(per_slug),
        "population_file": munis.population_file,
        "unresolved_municipality": unresolved,
        "unknown_size": sorted(unknown_size),
        "rules": rules,
        "ok": all(r["ok"] for r in rules),
        "failed": [r["rule"] for r in rules if not r["ok"]],
    }


def print_table(result, out=sys.stdout):
    w = max(len(r["rule"]) for r in result["rules"])
    out.write(f"Corpus rules (issue 18) for {result['corpus']}\n")
    out.write(f"{'rule':<{w}}  {'count':>6}  {'needed':>8}  status\n")
    out.write(f"{'-' * w}  {'-' * 6}  {'-' * 8}  ------\n")
    for r in result["rules"]:
        need = f">= {r['minimum']}" if "minimum" in r else f"<= {r['maximum']}"
        out.write(f"{r['rule']:<{w}}  {r['count']:>6}  {need:>8}  {'ok' if r['ok'] else 'SHORT'}\n")
    out.write(f"\n{result['cases']} cases from {result['municipalities_with_cases']} municipalities.\n")
    if not result["population_file"]:
        out.write("note: no municipality-population.csv; every municipality counts as unknown size.\n")
    for line in result["unresolved_municipality"]:
        out.write(f"note: municipality not in municipalities.csv, not counted per municipality: {line}\n")
    unknown = result["unknown_size"]
    if unknown:
        out.write(f"note: size unknown (no row in municipality-population.csv), not counted as small: "
                  f"{', '.join(unknown)}\n")
    for r in result["rules"]:
        if r["details"] and not r["ok"]:
            out.write(f"\n{r['rule']}:\n")
            for d in r["details"]:
                out.write(f"  {d}\n")
    if result["ok"]:
        out.write("\nAll corpus rules hold.\n")
    else:
        out.write(f"\n{len(result['failed'])} rule(s) fall short:\n")
        for name in result["failed"]:
            out.write(f"  FAIL: {name}\n")


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    default_corpus = os.path.normpath(os.path.join(here, "..", "..", "corpus"))
    ap = argparse.ArgumentParser(description="Check the corpus collection rules of issue 18.")
    ap.add_argument("corpus", nargs="?", default=default_corpus,
                    help="corpus directory with cases/, municipalities.csv, municipality-population.csv")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    if not os.path.isdir(os.path.join(args.corpus, "cases")):
        sys.stderr.write(f"corpus_rules: no cases/ directory in {args.corpus}\n")
        return 2
    result = check(args.corpus)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_table(result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
