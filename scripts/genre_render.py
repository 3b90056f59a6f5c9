#!/usr/bin/env python3
"""Render a genre document (.txt) as the HTML a Word user's document would be: what the text lays
out as a table (tab-separated cells, Markdown pipe rows, cells joined by " | ", columns aligned by
runs of spaces, the side-by-side header) becomes a real <table>; every other line a paragraph in
Times New Roman 13 pt on A4 with office margins, and a page number at the top of every page.
LibreOffice (scripts/genre-formats.sh) turns that HTML into a DOCX and the DOCX into a PDF, as an
office prints one. Python's standard library only; no third-party text is involved.

Usage: genre_render.py IN.txt OUT.html"""
import html
import re
import sys

GAP = re.compile(r"\S( {2,})\S")


def md_row(line):
    t = line.strip()
    return t.startswith("|") and t.endswith("|") and t.count("|") >= 3


def md_rule(line):
    return md_row(line) and re.fullmatch(r"[|\s:\-]+", line.strip()) is not None


def bar_row(line):
    return " | " in line or line.rstrip().endswith(" |")


def aligned(line):
    return GAP.search(line.rstrip()) is not None


def column_cuts(block):
    """Start positions of the columns of a block laid out with spaces: a column begins where,
    after a run of two or more positions blank in every line, some line has text."""
    width = max(len(l) for l in block)
    blank = [all(i >= len(l) or l[i] == " " for l in block) for i in range(width)]
    starts = [0]
    i = 0
    while i < width:
        if blank[i]:
            j = i
            while j < width and blank[j]:
                j += 1
            if j - i >= 2 and i > 0 and j < width:
                starts.append(j)
            i = j
        else:
            i += 1
    return starts


def cells_by_cuts(line, cuts):
    bounds = cuts + [10 ** 6]
    return [line[a:b].strip() for a, b in zip(bounds, bounds[1:])]


def table(rows):
    out = ['<table border="1" cellspacing="0" cellpadding="3" width="100%">']
    n = max(len(r) for r in rows)
    for r in rows:
        r = r + [""] * (n - len(r))
        out.append("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in r) + "</tr>")
    out.append("</table>")
    return out


def cell(c):
    return f"<p>{html.escape(c)}</p>" if c else "<p></p>"


def render(lines):
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        for is_row, split in (
            (lambda l: "\t" in l, lambda l: l.rstrip("\n").split("\t")),
            (md_row, lambda l: [c.strip() for c in l.strip().strip("|").split("|")]),
            (bar_row, lambda l: [c.strip() for c in l.split(" |")] if not l.startswith("|") else None),
        ):
            if is_row(line):
                j = i
                while j < len(lines) and lines[j].strip() and is_row(lines[j]):
                    j += 1
                rows = [split(l.replace(" | ", " |")) for l in lines[i:j] if not md_rule(l)]
                if all(r is not None for r in rows):
                    out += table(rows)
                    i = j
                    break
        else:
            if aligned(line):
                # a block laid out in columns: consecutive lines, each with a gap (or indented
                # under a column: a header's second line)
                j = i
                while j < len(lines) and lines[j].strip() and (aligned(lines[j]) or lines[j].startswith("  ")):
                    j += 1
                block = [l.rstrip() for l in lines[i:j]]
                cuts = column_cuts(block)
                if len(cuts) >= 2:
                    out += table([cells_by_cuts(l, cuts) for l in block])
                    i = j
                    continue
            out.append(f"<p>{html.escape(line.strip())}</p>")
            i += 1
    return out


HEAD = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>
@page { size: 21cm 29.7cm; margin: 2cm 1.5cm 2cm 3cm }
body, p, td { font-family: "Times New Roman", serif; font-size: 13pt }
p { margin: 0 0 6pt 0; text-align: justify }
</style></head><body>
<div title="header"><p align="center"><sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield></p></div>
"""


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")
    body = render(lines)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(HEAD + "\n".join(body) + "\n</body></html>\n")


if __name__ == "__main__":
    main()
