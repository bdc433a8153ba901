#!/usr/bin/env python3
"""Validity check of the relevance judgments (tests/relevance/judgments.json).

Usage: check_judgments.py [--cases DIR] [JUDGMENTS]

DIR (default: the repository's corpus/cases) holds the cases the judgments
refer to, as cases/<municipality-slug>/<id>.json. JUDGMENTS defaults to the
judgments.json next to this script. The script prints every problem it finds,
one per line, and exits 1 when there is at least one, 0 when there is none,
2 when a file cannot be read.

A judged set that refers to a case that does not exist, or a browse query
that misses a case which now matches it, silently lowers the scores of
kb-relevance; this check makes such drift a test failure instead. It checks:

- the file is an object with a "queries" list;
- every query has a non-empty string "id" that no other query has, a
  non-empty string "kind" and a string "q"; an empty "q" (a browse) needs
  "filters";
- "filters" holds only theme, municipality, maturity, year_min, year_max;
- "judgments" is an object; every judged id is a case in DIR and every grade
  is an integer from 0 to 3;
- every judged case satisfies its query's filters;
- a browse query (empty "q") judges exactly the cases that match its filters.

Python 3 standard library only.
"""

import argparse
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CASES = os.path.normpath(os.path.join(HERE, "..", "..", "corpus", "cases"))
DEFAULT_JUDGMENTS = os.path.join(HERE, "judgments.json")

FILTER_KEYS = ("theme", "municipality", "maturity", "year_min", "year_max")
MIN_GRADE, MAX_GRADE = 0, 3


def load_cases(cases_dir):
    """id -> {slug, themes, maturity, start_year} for every case file under cases_dir."""
    cases = {}
    for path in sorted(glob.glob(os.path.join(cases_dir, "*", "*.json"))):
        with open(path, encoding="utf-8") as f:
            case = json.load(f)
        case_id = case.get("id") or os.path.splitext(os.path.basename(path))[0]
        cases[case_id] = {
            "slug": os.path.basename(os.path.dirname(path)),  # the folder is the municipality slug
            "themes": case.get("themes") or [],
            "maturity": case.get("maturity"),
            "start_year": case.get("start_year"),
        }
    return cases


def as_list(value):
    return value if isinstance(value, list) else [value]


def matches(case, filters):
    """True when the case passes every filter, as the search API applies them
    (values of one key are OR, different keys are AND)."""
    if "theme" in filters and not set(as_list(filters["theme"])) & set(case["themes"]):
        return False
    if "municipality" in filters and case["slug"] not in as_list(filters["municipality"]):
        return False
    if "maturity" in filters and case["maturity"] not in as_list(filters["maturity"]):
        return False
    year = case["start_year"]
    if "year_min" in filters and (year is None or year < int(filters["year_min"])):
        return False
    if "year_max" in filters and (year is None or year > int(filters["year_max"])):
        return False
    return True


def is_grade(value):
    return isinstance(value, int) and not isinstance(value, bool) and MIN_GRADE <= value <= MAX_GRADE


def check_query(query, index, seen_ids, cases):
    """The problems of one query, as messages."""
    problems = []
    if not isinstance(query, dict):
        return [f"query #{index}: not an object"]
    qid = query.get("id")
    name = f"query {qid}" if isinstance(qid, str) and qid else f"query #{index}"
    if not isinstance(qid, str) or not qid:
        problems.append(f"{name}: no id")
    elif qid in seen_ids:
        problems.append(f"{name}: id repeats (also query #{seen_ids[qid]})")
    else:
        seen_ids[qid] = index
    if not isinstance(query.get("kind"), str) or not query.get("kind"):
        problems.append(f"{name}: no kind")
    q = query.get("q")
    if not isinstance(q, str):
        problems.append(f"{name}: no q (a string; empty browses)")
    filters = query.get("filters", {})
    if not isinstance(filters, dict):
        problems.append(f"{name}: filters is not an object")
        filters = {}
    for key in filters:
        if key not in FILTER_KEYS:
            problems.append(f"{name}: unknown filter {key!r} (allowed: {', '.join(FILTER_KEYS)})")
    filters = {k: v for k, v in filters.items() if k in FILTER_KEYS}
    for key in ("year_min", "year_max"):
        if key in filters and not (isinstance(filters[key], int) and not isinstance(filters[key], bool)):
            problems.append(f"{name}: filter {key} is not an integer")
            filters.pop(key)
    browse = q == ""
    if browse and not filters:
        problems.append(f"{name}: empty q without filters")
    judgments = query.get("judgments")
    if not isinstance(judgments, dict):
        return problems + [f"{name}: judgments is not an object"]
    for case_id, grade in judgments.items():
        if case_id not in cases:
            problems.append(f"{name}: judged case {case_id} does not exist in the corpus")
            continue
        if not is_grade(grade):
            problems.append(f"{name}: grade of {case_id} is {grade!r}, not an integer {MIN_GRADE}..{MAX_GRADE}")
        if not matches(cases[case_id], filters):
            problems.append(f"{name}: judged case {case_id} does not satisfy the filters")
    if browse and filters:
        for case_id in sorted(cid for cid, case in cases.items() if matches(case, filters)):
            if case_id not in judgments:
                problems.append(f"{name}: browse query misses matching case {case_id}")
    return problems


def check(data, cases):
    if not isinstance(data, dict) or not isinstance(data.get("queries"), list):
        return ["the file is not an object with a \"queries\" list"]
    problems, seen_ids = [], {}
    for index, query in enumerate(data["queries"], 1):
        problems += check_query(query, index, seen_ids, cases)
    return problems


def main(argv):
    parser = argparse.ArgumentParser(description="Check tests/relevance/judgments.json against the corpus.")
    parser.add_argument("--cases", default=DEFAULT_CASES, help="corpus cases folder (default: corpus/cases)")
    parser.add_argument("judgments", nargs="?", default=DEFAULT_JUDGMENTS, help="judgments file")
    args = parser.parse_args(argv)
    try:
        cases = load_cases(args.cases)
        with open(args.judgments, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f"check_judgments: {e}", file=sys.stderr)
        return 2
    if not cases:
        print(f"check_judgments: no cases under {args.cases}", file=sys.stderr)
        return 2
    problems = check(data, cases)
    for problem in problems:
        print(problem)
    queries = data.get("queries") if isinstance(data, dict) else None
    count = len(queries) if isinstance(queries, list) else 0
    if problems:
        print(f"{len(problems)} problem(s) in {args.judgments}", file=sys.stderr)
        return 1
    print(f"{count} queries, every judged id among the {len(cases)} cases, grades 0..3, filters and browse sets exact")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
