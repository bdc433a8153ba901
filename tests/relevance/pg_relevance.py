#!/usr/bin/env python3
"""PostgreSQL full-text search as a relevance peer for scripts/bench-relevance.

Used by scripts/bench-relevance only. Three subcommands:

  pg_relevance.py schema
      The CREATE TABLE (with the weighted tsvector) and CREATE INDEX (GIN).
  pg_relevance.py csv --corpus DIR --municipalities CSV > cases.csv
      One CSV row per case (corpus/cases/**/*.json) for
      COPY cases (COLUMNS) FROM STDIN WITH (FORMAT csv).
  pg_relevance.py eval --judgments FILE [--json] -- PSQL-COMMAND...
      Runs every judged query through PSQL-COMMAND (psql reading SQL on stdin)
      and prints nDCG@10 and MRR@10 per kind and overall, like kb-relevance.
  pg_relevance.py table NAME=RESULT.json...
      Prints the comparison table of several --json results (kb-relevance's
      or this script's), per kind and overall.

The metrics are exactly those of tests/relevance/relevance_eval.cpp:
  nDCG@10 = DCG@10 / IDCG@10, DCG = sum over ranks r = 1..10 of
            (2^grade - 1) / log2(r + 1), unjudged hits grade 0, and the ideal
            ranking is every judged grade of the query sorted descending;
  RR@10   = 1 / rank of the first hit with grade >= 2 within the top 10, else 0;
  both averaged over the queries with judgments (per kind and overall, every
  query weighted equally); queries with empty judgments are "no-answer"
  queries, reported with their hit count and left out of the averages.
"""
import csv
import json
import math
import os
import subprocess
import sys

CUTOFF = 10

# The table and its weighted tsvector (`dutch` configuration): A title,
# B summary, C tags and the municipality name, D the long text fields and
# partner names. The English title and summary go with their Dutch fields, as
# in the kb index (where they get the title and summary weights).
SCHEMA_SQL = """
CREATE TABLE cases (
  id text PRIMARY KEY,
  title text NOT NULL,
  summary text NOT NULL,
  tags text NOT NULL,
  body text NOT NULL,
  themes text[] NOT NULL,
  municipality_slug text NOT NULL,
  maturity text NOT NULL,
  start_year int,
  visibility text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('dutch', title), 'A') ||
    setweight(to_tsvector('dutch', summary), 'B') ||
    setweight(to_tsvector('dutch', tags), 'C') ||
    setweight(to_tsvector('dutch', body), 'D')
  ) STORED
);
"""
INDEX_SQL = "CREATE INDEX cases_tsv ON cases USING gin (tsv);"
COLUMNS = "id, title, summary, tags, body, themes, municipality_slug, maturity, start_year, visibility"


def fold(s):
    return " ".join(s.replace("'", "").replace("\u2019", "").lower().split())


def load_municipalities(path):
    """folded name, display name, slug and every alias -> slug."""
    by_name = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names = [row["name"], row["display_name"], row["slug"]]
            names += [a for a in (row.get("aliases") or "").split("|") if a]
            for n in names:
                by_name[fold(n)] = row["slug"]
    return by_name


def pg_array(values):
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def cmd_csv(args):
    corpus = municipalities = None
    it = iter(args)
    for a in it:
        if a == "--corpus":
            corpus = next(it)
        elif a == "--municipalities":
            municipalities = next(it)
        else:
            sys.exit("pg_relevance.py csv: unknown argument " + a)
    if not corpus or not municipalities:
        sys.exit("usage: pg_relevance.py csv --corpus DIR --municipalities CSV")
    slugs = load_municipalities(municipalities)
    out = csv.writer(sys.stdout)
    count = 0
    for root, _dirs, files in sorted(os.walk(corpus)):
        for name in sorted(files):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                c = json.load(f)
            slug = slugs.get(fold(c["municipality"]))
            if slug is None:
                sys.exit(f"pg_relevance.py: {name}: unknown municipality {c['municipality']!r}")
            title = " ".join(x for x in (c["title"], c.get("title_en", "")) if x)
            summary = " ".join(x for x in (c["summary"], c.get("summary_en", "")) if x)
            tags = " . ".join(c.get("tags", []) + [c["municipality"]])
            body = " ".join([c.get(k, "") for k in ("problem", "solution", "results", "lessons", "scale_up")] +
                            [p["name"] for p in c.get("partners", [])])
            out.writerow([c["id"], title, summary, tags, body, pg_array(c["themes"]), slug, c["maturity"],
                          c.get("start_year", ""), c.get("visibility", "published")])
            count += 1
    print(f"pg_relevance.py: {count} cases", file=sys.stderr)


def sql_literal(s):
    return "'" + s.replace("'", "''") + "'"


def query_sql(q):
    """SQL printing `qid<TAB>#total<TAB>N` and then `qid<TAB>id` per hit, best first."""
    where = ["visibility = 'published'"]
    f = q.get("filters", {})
    if f.get("theme"):
        where.append(f"themes && ARRAY[{', '.join(map(sql_literal, f['theme']))}]::text[]")
    if f.get("municipality"):
        where.append(f"municipality_slug IN ({', '.join(map(sql_literal, f['municipality']))})")
    if f.get("maturity"):
        where.append(f"maturity IN ({', '.join(map(sql_literal, f['maturity']))})")
    if "year_min" in f:
        where.append(f"start_year >= {int(f['year_min'])}")
    if "year_max" in f:
        where.append(f"start_year <= {int(f['year_max'])}")
    text = q.get("q", "").strip()
    qid = sql_literal(q["id"])
    if text:
        where.append("tsv @@ query")
        source = f"cases, websearch_to_tsquery('dutch', {sql_literal(text)}) AS query"
        order = "ts_rank_cd(tsv, query) DESC, id"
    else:
        source = "cases"
        order = "start_year DESC NULLS LAST, id"
    cond = " AND ".join(where)
    return (f"SELECT {qid}, '#total', count(*) FROM {source} WHERE {cond};\n"
            f"SELECT {qid}, id FROM {source} WHERE {cond} ORDER BY {order} LIMIT {CUTOFF};\n")


def gain(grade):
    return 2.0 ** grade - 1.0


def discount(rank):
    return math.log2(rank + 1.0)


def ndcg_at_10(hit_grades, judged):
    dcg = sum(gain(g) / discount(i + 1) for i, g in enumerate(hit_grades[:CUTOFF]))
    ideal = sum(gain(g) / discount(i + 1) for i, g in enumerate(sorted(judged, reverse=True)[:CUTOFF]))
    return dcg / ideal if ideal > 0 else 0.0


def rr_at_10(hit_grades):
    for i, g in enumerate(hit_grades[:CUTOFF]):
        if g >= 2:
            return 1.0 / (i + 1)
    return 0.0


def cmd_eval(args):
    if "--" not in args:
        sys.exit("usage: pg_relevance.py eval --judgments FILE [--json] -- PSQL-COMMAND...")
    split = args.index("--")
    opts, psql = args[:split], args[split + 1:]
    judgments_path, as_json = None, False
    it = iter(opts)
    for a in it:
        if a == "--judgments":
            judgments_path = next(it)
        elif a == "--json":
            as_json = True
        else:
            sys.exit("pg_relevance.py eval: unknown argument " + a)
    with open(judgments_path, encoding="utf-8") as f:
        queries = json.load(f)["queries"]
    sql = "".join(query_sql(q) for q in queries)
    run = subprocess.run(psql, input=sql, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("pg_relevance.py: psql failed:\n" + run.stderr)
    hits, totals = {q["id"]: [] for q in queries}, {}
    for line in run.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] == "#total":
            totals[parts[0]] = int(parts[2])
        elif len(parts) == 2:
            hits[parts[0]].append(parts[1])
    print_results(score(queries, hits, totals), as_json)


def score(queries, hits, totals):
    results = {"cutoff": CUTOFF, "queries": [], "no_answer": [], "kinds": {}, "overall": {}}
    sums = {}
    for q in queries:
        grades = q["judgments"]
        if not grades:
            results["no_answer"].append({"id": q["id"], "kind": q["kind"], "q": q.get("q", ""),
                                         "total": totals.get(q["id"], 0), "did_you_mean": None})
            continue
        hit_grades = [grades.get(h, 0) for h in hits[q["id"]]]
        r = {"id": q["id"], "kind": q["kind"], "q": q.get("q", ""), "ndcg": ndcg_at_10(hit_grades, list(grades.values())),
             "rr": rr_at_10(hit_grades), "hits": hits[q["id"]]}
        results["queries"].append(r)
        for key in (q["kind"], None):
            s = sums.setdefault(key, [0, 0.0, 0.0])
            s[0] += 1
            s[1] += r["ndcg"]
            s[2] += r["rr"]
    for key, (n, ndcg, rr) in sums.items():
        entry = {"queries": n, "ndcg": ndcg / n, "mrr": rr / n}
        if key is None:
            results["overall"] = entry
        else:
            results["kinds"][key] = entry
    return results


def print_results(results, as_json):
    if as_json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    print("per query (nDCG@10, RR@10, top 3):")
    for r in results["queries"]:
        print(f"  {r['id']:<4} {r['kind']:<10} {r['ndcg']:.3f} {r['rr']:.3f}  {chr(34) + r['q'] + chr(34):<34} "
              + ", ".join(r["hits"][:3]))
    print(f"\n{'kind':<12}{'queries':>8}{'nDCG@10':>10}{'MRR@10':>10}")
    for kind, m in results["kinds"].items():
        print(f"{kind:<12}{m['queries']:>8}{m['ndcg']:>10.3f}{m['mrr']:>10.3f}")
    m = results["overall"]
    print(f"{'overall':<12}{m['queries']:>8}{m['ndcg']:>10.3f}{m['mrr']:>10.3f}")
    if results["no_answer"]:
        print("\nno-answer queries (not in the averages; best is 0 hits):")
        for r in results["no_answer"]:
            print(f"  {r['id']:<4} {chr(34) + r['q'] + chr(34):<20} hits {r['total']}")


def cmd_table(args):
    runs = []
    for a in args:
        name, _, path = a.partition("=")
        with open(path, encoding="utf-8") as f:
            runs.append((name, json.load(f)))
    if not runs:
        sys.exit("usage: pg_relevance.py table NAME=RESULT.json...")
    kinds = list(runs[0][1]["kinds"])
    width = max(14, *(len(n) + 2 for n, _ in runs))
    for metric, label in (("ndcg", "nDCG@10"), ("mrr", "MRR@10")):
        print(f"\n{label}")
        print(f"{'configuration':<{width}}" + "".join(f"{k[:10]:>11}" for k in kinds) + f"{'overall':>11}")
        for name, r in runs:
            print(f"{name:<{width}}" + "".join(f"{r['kinds'].get(k, {}).get(metric, float('nan')):>11.3f}" for k in kinds)
                  + f"{r['overall'][metric]:>11.3f}")
    print("\nno-answer queries: hits returned (best is 0)")
    ids = [x["id"] + " " + json.dumps(x["q"], ensure_ascii=False) for x in runs[0][1]["no_answer"]]
    print(f"{'configuration':<{width}}" + "".join(f"{i:>18}" for i in ids))
    for name, r in runs:
        print(f"{name:<{width}}" + "".join(f"{x['total']:>18}" for x in r["no_answer"]))


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("csv", "eval", "table", "schema", "columns"):
        sys.exit("usage: pg_relevance.py schema|columns|csv|eval|table ...")
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "csv":
        cmd_csv(args)
    elif cmd == "eval":
        cmd_eval(args)
    elif cmd == "columns":
        print(COLUMNS)
    elif cmd == "schema":
        print(SCHEMA_SQL)
        print(INDEX_SQL)
    else:
        cmd_table(args)


if __name__ == "__main__":
    main()
