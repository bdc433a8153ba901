#!/usr/bin/env python3
"""Fails when an `#include "kb/<lib>/..."` crosses the allowed library graph.

Usage: layering.py [--root DIR] [--allowed FILE] [--known FILE]

Scans every source and header under stemming/, indexer/ and server/ of the
repository, maps each file to its library and each `kb/<lib>/` include to the
library it names, and checks the edge against allowed.txt. Edges listed in
known-violations.txt (`file:include`) are tolerated while they exist; a listed
edge that is gone is an error too, so that list only shrinks.
"""
import argparse
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
SCANNED = ("stemming", "indexer", "server")
SOURCE_SUFFIXES = {".h", ".hh", ".hpp", ".c", ".cc", ".cpp", ".cxx", ".ipp", ".inc"}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]kb/([A-Za-z0-9_]+)/([^">]+)[">]')
PUBLIC_HEADER = re.compile(r"(?:^|/)include/kb/([A-Za-z0-9_]+)/")


class Graph:
    """allowed.txt: `folder PATH LIB` and `allow LIB [LIB...]` lines."""

    def __init__(self, text, source="allowed.txt"):
        self.folders = {}
        self.allowed = {}
        for number, raw in enumerate(text.splitlines(), 1):
            words = raw.split("#", 1)[0].split()
            if not words:
                continue
            if words[0] == "folder" and len(words) == 3:
                self.folders[words[1].strip("/")] = words[2]
            elif words[0] == "allow" and len(words) >= 2:
                self.allowed[words[1]] = set(words[2:])
            else:
                raise ValueError(f"{source}:{number}: cannot read '{raw.strip()}'")
        for folder, lib in self.folders.items():
            if lib not in self.allowed:
                raise ValueError(f"{source}: folder {folder} maps to {lib}, which has no allow line")

    def library_of(self, relative):
        """The library a repository-relative path belongs to, or None."""
        header = PUBLIC_HEADER.search(relative)
        if header:
            return header.group(1)
        best = None
        for folder, lib in self.folders.items():
            if relative == folder or relative.startswith(folder + "/"):
                if best is None or len(folder) > len(best[0]):
                    best = (folder, lib)
        return best[1] if best else None


def read_known(text):
    """known-violations.txt: `file:include` lines; '#' starts a comment."""
    known = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            path, _, include = line.partition(":")
            known.add((path.strip(), include.strip()))
    return known


def scan(root, graph):
    """Yields (file, line, own library, included library, include path)."""
    for top in SCANNED:
        base = root / top
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
                continue
            relative = path.relative_to(root).as_posix()
            if relative.startswith("build/") or "/build/" in relative:
                continue
            own = graph.library_of(relative)
            with path.open(encoding="utf-8", errors="replace") as lines:
                for number, line in enumerate(lines, 1):
                    match = INCLUDE.match(line)
                    if match:
                        include = f"kb/{match.group(1)}/{match.group(2)}"
                        yield relative, number, own, match.group(1), include


def check(root, graph, known):
    """The list of error messages; empty when the tree keeps the graph."""
    errors = []
    seen_known = set()
    for relative, number, own, target, include in scan(root, graph):
        if own is None:
            errors.append(f"{relative}:{number}: file belongs to no library of allowed.txt (includes {include})")
            continue
        if target == own:
            continue
        if target not in graph.allowed:
            errors.append(f"{relative}:{number}: #include \"{include}\" names library '{target}', "
                          "which allowed.txt does not know")
            continue
        if target in graph.allowed[own]:
            continue
        if (relative, include) in known:
            seen_known.add((relative, include))
            continue
        errors.append(f"{relative}:{number}: #include \"{include}\" crosses the layering: "
                      f"{own} -> {target} is not allowed ({own} may include: "
                      f"{', '.join(sorted(graph.allowed[own])) or 'nothing'})")
    for relative, include in sorted(known - seen_known):
        errors.append(f"known-violations.txt: '{relative}:{include}' no longer crosses the layering "
                      "(fixed or moved); delete the line")
    return errors


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=pathlib.Path, default=HERE.parent.parent)
    parser.add_argument("--allowed", type=pathlib.Path, default=HERE / "allowed.txt")
    parser.add_argument("--known", type=pathlib.Path, default=HERE / "known-violations.txt")
    args = parser.parse_args(argv)
    graph = Graph(args.allowed.read_text(encoding="utf-8"), str(args.allowed))
    known = read_known(args.known.read_text(encoding="utf-8")) if args.known.exists() else set()
    errors = check(args.root.resolve(), graph, known)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"layering: {len(errors)} error(s)", file=sys.stderr)
        return 1
    print(f"layering: the includes keep the graph of {args.allowed.name}"
          + (f" ({len(known)} known violation(s) tolerated)" if known else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
