#!/usr/bin/env python3
"""Self-test of corpus_rules.py (issue 18), Python 3 standard library only.

Builds temporary corpora next to the real municipalities.csv and runs the
script on them: a corpus that meets every rule must exit 0; a tiny corpus
that breaks every rule once must exit 1 and name each rule and each
offending file; a few single-rule corpora check the edges (unknown size,
the word range, derived_from cycles).
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "corpus_rules.py")
MUNICIPALITIES = os.path.normpath(os.path.join(HERE, "..", "..", "corpus", "municipalities.csv"))

sys.path.insert(0, HERE)
import corpus_rules as cr  # noqa: E402  (for the constants only)

G5_NAMES = {"amsterdam": "Amsterdam", "rotterdam": "Rotterdam", "den-haag": "Den Haag",
            "utrecht": "Utrecht", "eindhoven": "Eindhoven"}


def municipality_rows():
    with open(MUNICIPALITIES, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def text(words):
    return " ".join(["woord"] * words)


def case(cid, municipality, theme="mobility", words=200, **extra):
    c = {
        "id": cid,
        "title": f"Titel {cid}",
        "municipality": municipality,
        "themes": [theme],
        "summary": "Een korte samenvatting van deze praktijk.",
        "problem": text(words // 2),
        "solution": text(words - words // 2),
        "maturity": "pilot",
        "title_en": f"Title {cid}",
        "summary_en": "A short summary of this practice.",
        "links": [{"title": "Bron", "url": "https://example.org/" + cid}],
    }
    c.update(extra)
    return {k: v for k, v in c.items() if v is not None}


class Corpus:
    """A temporary corpus directory: cases/<slug>/<id>.json plus the two CSV files."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="corpus_rules_")
        os.makedirs(os.path.join(self.dir, "cases"))
        shutil.copy(MUNICIPALITIES, os.path.join(self.dir, "municipalities.csv"))
        self.population = []  # (code, slug, population)

    def add(self, slug, c):
        d = os.path.join(self.dir, "cases", slug)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, c["id"] + ".json"), "w", encoding="utf-8") as f:
            json.dump(c, f, ensure_ascii=False)

    def add_raw(self, slug, name, content):
        d = os.path.join(self.dir, "cases", slug)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(content)

    def write_population(self, extra_lines=()):
        with open(os.path.join(self.dir, "municipality-population.csv"), "w", encoding="utf-8") as f:
            f.write("code,slug,population,date\n")
            for code, slug, pop in self.population:
                f.write(f"{code},{slug},{pop},2024-01-01\n")
            for line in extra_lines:
                f.write(line + "\n")

    def run(self, *args):
        p = subprocess.run([sys.executable, SCRIPT, *args, self.dir],
                           capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    def result(self):
        rc, out, err = self.run("--json")
        return rc, json.loads(out)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def valid_corpus():
    """A corpus that meets every rule: the G5 at their minimum, the rest spread over all provinces."""
    c = Corpus()
    rows = municipality_rows()
    per_province = {}
    for r in rows:
        if r["slug"] not in G5_NAMES:
            per_province.setdefault(r["province"], r)
    assert sorted(per_province) == sorted(cr.PROVINCES), sorted(per_province)
    others = [per_province[p] for p in cr.PROVINCES]
    for r in others:
        c.population.append((r["code"], r["slug"], 10_000))  # a made-up test size
    places = []
    for slug, name in G5_NAMES.items():
        places += [(slug, name)] * cr.MIN_CASES_PER_G5
    n_other = max(cr.MIN_CASES_TOTAL - len(places), cr.MIN_CASES_OTHER)
    places += [(others[i % len(others)]["slug"], others[i % len(others)]["name"]) for i in range(n_other)]
    ids = []
    for i, (slug, name) in enumerate(places):
        cid = f"{slug}-praktijk-{i}"
        derived = ids[-1] if i % 4 == 1 else None
        c.add(slug, case(cid, name, theme=cr.THEMES[i % len(cr.THEMES)], derived_from=derived))
        ids.append(cid)
    c.write_population()
    return c


class ValidCorpusTest(unittest.TestCase):
    def test_valid_corpus_exits_zero(self):
        c = valid_corpus()
        try:
            rc, out, err = c.run()
            self.assertEqual(rc, 0, out + err)
            self.assertIn("All corpus rules hold.", out)
            rc, result = c.result()
            self.assertEqual(rc, 0)
            self.assertTrue(result["ok"])
            self.assertEqual(result["failed"], [])
        finally:
            c.close()


class BrokenCorpusTest(unittest.TestCase):
    """A tiny corpus that breaks every rule once."""

    @classmethod
    def setUpClass(cls):
        c = cls.corpus = Corpus()
        rows = {r["slug"]: r for r in municipality_rows()}
        # one small municipality with a size, one without (unknown size must not count)
        c.population.append((rows["urk"]["code"], "urk", 21_929))
        c.add("urk", case("urk-ok", "Urk", theme="safety"))
        c.add("zeewolde", case("zeewolde-onbekende-grootte", "Zeewolde"))
        # exactly the limit is not small
        c.population.append((rows["almere"]["code"], "almere", cr.SMALL_POPULATION))
        c.add("almere", case("almere-op-de-grens", "Almere"))
        # every case needs a link
        c.add("amsterdam", case("amsterdam-zonder-link", "Amsterdam", links=None))
        # a reused case without a link (adopted_by)
        c.add("rotterdam", case("rotterdam-hergebruikt-zonder-link", "Rotterdam",
                                adopted_by=["Utrecht"], links=[]))
        # derived_from: an unknown id, the case itself, and a two-case cycle
        c.add("utrecht", case("utrecht-onbekende-bron", "Utrecht", derived_from="bestaat-niet"))
        c.add("utrecht", case("utrecht-zelf", "Utrecht", derived_from="utrecht-zelf"))
        c.add("eindhoven", case("eindhoven-kring-a", "Eindhoven", derived_from="eindhoven-kring-b"))
        c.add("eindhoven", case("eindhoven-kring-b", "Eindhoven", derived_from="eindhoven-kring-a"))
        # English title and summary
        c.add("den-haag", case("den-haag-zonder-engels", "Den Haag", title_en=None, summary_en=""))
        # the word range, both ends
        c.add("groningen", case("groningen-te-kort", "Groningen", words=cr.MIN_WORDS - 1))
        c.add("groningen", case("groningen-te-lang", "Groningen", words=cr.MAX_WORDS + 1))
        # a file that is no JSON object
        c.add_raw("groningen", "groningen-kapot.json", "{ niet: json")
        c.write_population(extra_lines=["GM9999,bestaat-niet,100,2024-01-01"])
        cls.rc, cls.out, cls.err = c.run()
        cls.rc_json, cls.result = c.result()
        cls.rules = {r["rule"]: r for r in cls.result["rules"]}

    @classmethod
    def tearDownClass(cls):
        cls.corpus.close()

    def rule(self, start):
        matches = [r for name, r in self.rules.items() if name.startswith(start)]
        self.assertEqual(len(matches), 1, f"{start!r} in {list(self.rules)}")
        return matches[0]

    def assertFails(self, start, *offenders):
        r = self.rule(start)
        self.assertFalse(r["ok"], r)
        self.assertIn(f"FAIL: {r['rule']}", self.out)
        self.assertIn(r["rule"], self.result["failed"])
        for o in offenders:
            self.assertTrue(any(o in d for d in r["details"]), f"{o!r} not in {r['details']}")
            self.assertIn(o, self.out)

    def test_exit_code(self):
        self.assertEqual(self.rc, 1, self.out + self.err)
        self.assertEqual(self.rc_json, 1)

    def test_minimum_counts_fall_short(self):
        self.assertFails("cases in total")
        for slug in cr.G5:
            self.assertFails(f"cases from {slug} (G5)")
        self.assertFails("cases from other municipalities")
        for province in cr.PROVINCES:
            self.assertFails(f"cases from province {province}")
        for theme in cr.THEMES:
            self.assertFails(f"cases with first theme {theme}")
        self.assertFails("cases with adopted_by or derived_from")

    def test_small_municipalities_unknown_size_not_counted(self):
        self.assertFails("cases from municipalities under")
        r = self.rule("cases from municipalities under")
        # Urk only: Zeewolde has no size in this corpus, Almere is given exactly the limit
        self.assertEqual(r["count"], 1)
        self.assertIn("zeewolde", self.result["unknown_size"])

    def test_every_case_has_a_link(self):
        self.assertFails("cases without a link", "amsterdam-zonder-link.json",
                         "rotterdam-hergebruikt-zonder-link.json")

    def test_reused_case_has_a_link(self):
        self.assertFails("reused cases", "rotterdam-hergebruikt-zonder-link.json")
        self.assertEqual(self.rule("reused cases")["count"], 1)

    def test_derived_from(self):
        self.assertFails("derived_from", "'bestaat-niet' is no case id",
                         "utrecht-zelf.json: derived_from names the case itself",
                         "derived_from cycle: eindhoven-kring-a -> eindhoven-kring-b -> eindhoven-kring-a")
        self.assertEqual(self.rule("derived_from")["count"], 3)

    def test_english_title_and_summary(self):
        self.assertFails("cases without title_en", "den-haag-zonder-engels.json: no title_en and no summary_en")

    def test_word_range(self):
        self.assertFails("cases outside", f"groningen-te-kort.json: {cr.MIN_WORDS - 1} words",
                         f"groningen-te-lang.json: {cr.MAX_WORDS + 1} words")
        self.assertEqual(self.rule("cases outside")["count"], 2)

    def test_unreadable_file(self):
        self.assertFails("case files that are not readable", "groningen-kapot.json")

    def test_population_file_rows(self):
        self.assertFails("municipality-population.csv rows", "GM9999")


class EdgeTest(unittest.TestCase):
    def test_word_range_bounds_are_inclusive(self):
        c = Corpus()
        try:
            c.add("urk", case("urk-ondergrens", "Urk", words=cr.MIN_WORDS))
            c.add("urk", case("urk-bovengrens", "Urk", words=cr.MAX_WORDS))
            c.write_population()
            rc, result = c.result()
            r = [r for r in result["rules"] if r["rule"].startswith("cases outside")][0]
            self.assertTrue(r["ok"], r)
        finally:
            c.close()

    def test_no_population_file_means_unknown_size(self):
        c = Corpus()
        try:
            c.add("urk", case("urk-iets", "Urk"))
            rc, out, err = c.run()
            self.assertEqual(rc, 1)
            self.assertIn("no municipality-population.csv", out)
        finally:
            c.close()

    def test_longer_cycle_named_once(self):
        c = Corpus()
        try:
            c.add("urk", case("urk-a", "Urk", derived_from="urk-c"))
            c.add("urk", case("urk-b", "Urk", derived_from="urk-a"))
            c.add("urk", case("urk-c", "Urk", derived_from="urk-b"))
            c.add("urk", case("urk-d", "Urk", derived_from="urk-a"))  # points into the cycle, not part of it
            c.write_population()
            rc, result = c.result()
            r = [r for r in result["rules"] if r["rule"].startswith("derived_from")][0]
            self.assertEqual(r["count"], 1, r)
            self.assertNotIn("urk-d", r["details"][0])
        finally:
            c.close()

    def test_missing_cases_dir(self):
        d = tempfile.mkdtemp(prefix="corpus_rules_")
        try:
            p = subprocess.run([sys.executable, SCRIPT, d], capture_output=True, text=True, timeout=60)
            self.assertEqual(p.returncode, 2)
        finally:
            shutil.rmtree(d)


if __name__ == "__main__":
    unittest.main(verbosity=2)
