#!/usr/bin/env python3
"""Self-test of layering.py on seeded trees: it must catch a crossing."""
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import layering  # noqa: E402

GRAPH = layering.Graph("""
folder stemming        stemming
folder indexer/schema  schema
folder indexer         index
folder server/search   search
allow stemming
allow schema  stemming
allow index   schema stemming
allow search  schema stemming
""")


class LayeringTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, relative, text):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def test_allowed_edges_and_own_library_pass(self):
        self.write("server/search/src/searcher.cpp",
                   '#include "kb/search/searcher.h"\n#include "kb/schema/prefixes.h"\n#include "kb/stemming/analyzer.h"\n')
        self.write("indexer/src/writer.cpp", '#include "kb/schema/prefixes.h"\n')
        self.assertEqual(layering.check(self.root, GRAPH, set()), [])

    def test_a_crossing_names_file_line_and_edge(self):
        self.write("server/search/src/searcher.cpp", '// text\n#include <vector>\n#include "kb/index/index_writer.h"\n')
        errors = layering.check(self.root, GRAPH, set())
        self.assertEqual(len(errors), 1)
        self.assertIn("server/search/src/searcher.cpp:3:", errors[0])
        self.assertIn("search -> index", errors[0])

    def test_an_upward_include_from_the_bottom_is_caught(self):
        self.write("stemming/src/analyzer.cpp", '#  include "kb/search/searcher.h"\n')
        errors = layering.check(self.root, GRAPH, set())
        self.assertEqual(len(errors), 1)
        self.assertIn("stemming -> search", errors[0])

    def test_a_public_header_belongs_to_its_include_prefix(self):
        # indexer/include/kb/schema/… is kb::schema even though it sits in indexer/.
        self.write("indexer/include/kb/schema/prefixes.h", '#include "kb/index/index_writer.h"\n')
        errors = layering.check(self.root, GRAPH, set())
        self.assertEqual(len(errors), 1)
        self.assertIn("schema -> index", errors[0])

    def test_an_unknown_library_is_an_error(self):
        self.write("server/search/src/a.cpp", '#include "kb/nowhere/x.h"\n')
        errors = layering.check(self.root, GRAPH, set())
        self.assertEqual(len(errors), 1)
        self.assertIn("'nowhere'", errors[0])

    def test_a_known_violation_is_tolerated_while_it_exists(self):
        self.write("server/search/src/searcher.cpp", '#include "kb/index/index_writer.h"\n')
        known = {("server/search/src/searcher.cpp", "kb/index/index_writer.h")}
        self.assertEqual(layering.check(self.root, GRAPH, known), [])

    def test_a_known_violation_that_is_gone_fails(self):
        self.write("server/search/src/searcher.cpp", '#include "kb/schema/prefixes.h"\n')
        known = {("server/search/src/searcher.cpp", "kb/index/index_writer.h")}
        errors = layering.check(self.root, GRAPH, known)
        self.assertEqual(len(errors), 1)
        self.assertIn("no longer crosses", errors[0])

    def test_known_violations_file_reads_file_include_lines(self):
        known = layering.read_known("# comment\n\nserver/a.cpp:kb/index/x.h  # why\n")
        self.assertEqual(known, {("server/a.cpp", "kb/index/x.h")})

    def test_the_repository_graph_file_parses(self):
        graph = layering.Graph((layering.HERE / "allowed.txt").read_text(encoding="utf-8"))
        self.assertNotIn("index", graph.allowed["search"])
        self.assertEqual(graph.allowed["stemming"], set())
        self.assertEqual(graph.library_of("indexer/schema/src/x.cpp"), "schema")
        self.assertEqual(graph.library_of("indexer/src/x.cpp"), "index")


if __name__ == "__main__":
    unittest.main()
