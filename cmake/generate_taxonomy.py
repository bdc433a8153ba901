#!/usr/bin/env python3
"""Writes the C++ taxonomy tables from corpus/themes.json.

Usage: generate_taxonomy.py THEMES_JSON OUT_HEADER

corpus/themes.json is the one source of the taxonomy ids and labels; the
header it becomes is included by kb/schema/taxonomy.h. A malformed file fails
the build here, with the reason, instead of compiling into wrong tables.
"""
import json
import re
import sys

ID_SHAPE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# (json key, C++ name of the id array, C++ name of the label array, extra fields)
LISTS = [
    ("themes", "kThemes", "kThemeLabels", ["description_nl", "description_en"]),
    ("maturities", "kMaturities", "kMaturityLabels", []),
    ("statuses", "kStatuses", "kStatusLabels", []),
    ("partner_kinds", "kPartnerKinds", "kPartnerKindLabels", []),
]


def fail(message):
    sys.exit(f"generate_taxonomy.py: {message}")


def literal(text):
    """A C++ string literal; UTF-8 stays as it is (the sources are UTF-8)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f'\\{ord(ch):03o}')
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def checked_items(data, key, extra):
    items = data.get(key)
    if not isinstance(items, list) or not items:
        fail(f"'{key}' must be a non-empty list")
    seen = set()
    for n, item in enumerate(items):
        for field in ["id", "nl", "en", *extra]:
            if not isinstance(item.get(field), str) or not item[field]:
                fail(f"{key}[{n}].{field} must be a non-empty string")
        if not ID_SHAPE.match(item["id"]):
            fail(f"{key}[{n}].id '{item['id']}' is not kebab-case")
        if item["id"] in seen:
            fail(f"{key}[{n}].id '{item['id']}' appears twice")
        seen.add(item["id"])
    return items


def main():
    if len(sys.argv) != 3:
        fail("usage: generate_taxonomy.py THEMES_JSON OUT_HEADER")
    source, out = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        data = json.load(f)
    lines = [
        "#pragma once",
        "// Generated from corpus/themes.json by cmake/generate_taxonomy.py; edit that file instead.",
        "#include <array>",
        "#include <string_view>",
        "",
        "namespace kb::schema {",
        "",
        "// One taxonomy entry: its id (as stored in case records) and its labels.",
        "struct TaxonomyLabel {",
        "  std::string_view id;",
        "  std::string_view nl;",
        "  std::string_view en;",
        "};",
        "",
    ]
    for key, ids_name, labels_name, extra in LISTS:
        items = checked_items(data, key, extra)
        n = len(items)
        ids = ", ".join(literal(i["id"]) for i in items)
        lines.append(f"inline constexpr std::array<std::string_view, {n}> {ids_name} = {{{ids}}};")
        lines.append(f"inline constexpr std::array<TaxonomyLabel, {n}> {labels_name} = {{{{")
        for i in items:
            lines.append(f"    {{{literal(i['id'])}, {literal(i['nl'])}, {literal(i['en'])}}},")
        lines.append("}};")
        if extra:
            lines.append("// The themes' descriptions: nl holds description_nl, en description_en.")
            lines.append(f"inline constexpr std::array<TaxonomyLabel, {n}> kThemeDescriptions = {{{{")
            for i in items:
                lines.append(f"    {{{literal(i['id'])}, {literal(i['description_nl'])}, {literal(i['description_en'])}}},")
            lines.append("}};")
        lines.append("")
    for key in ("themes", "maturities"):
        if len(data[key]) > 8:
            fail(f"at most 8 {key}: FacetKey and the facet filters keep them as bits of one byte")
    lines.append("}  // namespace kb::schema")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
