#!/usr/bin/env python3
"""Self-test of check_judgments.py, Python 3 standard library only.

Builds a tiny corpus and judgment files in a temporary folder and runs the
script on them: a valid file must exit 0; each broken file must exit 1 and
name its problem, so that ctest relevance_judgments_valid can fail.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "check_judgments.py")

CASES = {
    # id: (municipality slug, themes, maturity, start_year)
    "utrecht-a": ("utrecht", ["mobility"], "pilot", 2019),
    "utrecht-b": ("utrecht", ["safety", "mobility"], "proven", None),
    "goes-c": ("goes", ["climate-adaptation"], "pilot", 2021),
}


def query(qid, q="fiets", judgments=None, **extra):
    entry = {"id": qid, "kind": "keyword", "q": q, "judgments": judgments if judgments is not None else {"utrecht-a": 3}}
    entry.update(extra)
    return entry


class CheckJudgmentsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.cases = os.path.join(self.tmp.name, "cases")
        for cid, (slug, themes, maturity, year) in CASES.items():
            os.makedirs(os.path.join(self.cases, slug), exist_ok=True)
            case = {"id": cid, "municipality": slug, "themes": themes, "maturity": maturity}
            if year is not None:
                case["start_year"] = year
            with open(os.path.join(self.cases, slug, cid + ".json"), "w", encoding="utf-8") as f:
                json.dump(case, f)

    def tearDown(self):
        self.tmp.cleanup()

    def run_check(self, data):
        path = os.path.join(self.tmp.name, "judgments.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(data if isinstance(data, str) else json.dumps(data))
        done = subprocess.run([sys.executable, SCRIPT, "--cases", self.cases, path],
                              capture_output=True, text=True, check=False)
        return done.returncode, done.stdout + done.stderr

    def assert_fails(self, queries, *expected):
        code, out = self.run_check({"version": 1, "queries": queries})
        self.assertEqual(code, 1, out)
        for text in expected:
            self.assertIn(text, out)

    def test_valid_file_passes(self):
        code, out = self.run_check({"version": 1, "queries": [
            query("q01", judgments={"utrecht-a": 3, "goes-c": 1}),
            query("q02", q="drones", judgments={}),  # a no-answer query
            query("q03", q="", filters={"municipality": ["utrecht"]}, judgments={"utrecht-a": 3, "utrecht-b": 3}),
            query("q04", filters={"theme": ["mobility"], "year_min": 2015}, judgments={"utrecht-a": 2}),
        ]})
        self.assertEqual(code, 0, out)
        self.assertIn("4 queries", out)

    def test_unknown_case_fails(self):
        self.assert_fails([query("q01", judgments={"utrecht-gone": 3})], "q01", "utrecht-gone does not exist")

    def test_grade_outside_0_to_3_fails(self):
        self.assert_fails([query("q01", judgments={"utrecht-a": 4}), query("q02", judgments={"utrecht-a": -1}),
                           query("q03", judgments={"utrecht-a": "3"}), query("q04", judgments={"utrecht-a": True}),
                           query("q05", judgments={"utrecht-a": 2.5})],
                          "q01: grade of utrecht-a is 4", "q02: grade of utrecht-a is -1", "q03: grade of utrecht-a is '3'",
                          "q04: grade of utrecht-a is True", "q05: grade of utrecht-a is 2.5")

    def test_repeated_id_fails(self):
        self.assert_fails([query("q01"), query("q02"), query("q01")], "query q01: id repeats (also query #1)")

    def test_missing_kind_or_q_fails(self):
        no_kind = query("q01")
        del no_kind["kind"]
        no_q = query("q02")
        del no_q["q"]
        self.assert_fails([no_kind, no_q, query("q03", kind="")], "q01: no kind", "q02: no q", "q03: no kind")

    def test_missing_id_fails(self):
        no_id = query("q01")
        del no_id["id"]
        self.assert_fails([no_id], "query #1: no id")

    def test_judged_case_outside_filters_fails(self):
        self.assert_fails([query("q01", filters={"municipality": ["goes"]}, judgments={"utrecht-a": 3}),
                           query("q02", filters={"year_min": 2015}, judgments={"utrecht-b": 2})],
                          "q01: judged case utrecht-a does not satisfy the filters",
                          "q02: judged case utrecht-b does not satisfy the filters")

    def test_browse_missing_a_matching_case_fails(self):
        self.assert_fails([query("q01", q="", filters={"theme": ["mobility"]}, judgments={"utrecht-a": 3})],
                          "q01: browse query misses matching case utrecht-b")

    def test_unknown_filter_and_browse_without_filters_fail(self):
        self.assert_fails([query("q01", filters={"province": ["Zeeland"]}), query("q02", q="", judgments={})],
                          "q01: unknown filter 'province'", "q02: empty q without filters")

    def test_not_a_query_list_fails(self):
        code, out = self.run_check({"version": 1})
        self.assertEqual(code, 1, out)
        self.assertIn("\"queries\" list", out)

    def test_unreadable_file_is_exit_2(self):
        code, out = self.run_check("{not json")
        self.assertEqual(code, 2, out)


if __name__ == "__main__":
    unittest.main()
