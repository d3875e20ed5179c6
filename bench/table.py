#!/usr/bin/env python3
"""Print bench/run.sh's tables from its results (JSON Lines from measure.py).

usage: table.py RESULTS.jsonl

Each record has the tags n, job, tool and run. Rows of one (n, job) were run
alternating, tool after tool, run after run, so their ratios compare like
with like on a machine whose load changes; the ratio of the medians is
printed with the range of the per-run ratios. Tables:

  side by side   per (n, job, tool): wall s median (min-max), CPU s median,
                 peak RSS median; for a peer, papergraph's speed-up
                 (peer wall / papergraph wall), CPU ratio (peer CPU /
                 papergraph CPU) and memory ratio (papergraph / peer)
  write floor    papergraph's output bytes, the time dd takes to write as
                 many bytes to the same directory (fsync'd, as papergraph
                 syncs its files), and papergraph's wall over it
  phases         from the -v log of papergraph's median run: each phase's
                 wall and CPU seconds and their shares of the run's (CPU
                 time does not depend on the machine's load), the graph's
                 steps and each file written (bytes, MB/s) below their phase
Standard library only.
"""
import json, re, statistics, sys
from collections import defaultdict

JOBS = {
    "exact": "exact projection, GraphML",
    "default": "default pruning, GraphML",
    "formats4": "default, GraphML+GEXF+CSV+JSON",
    "sample": "sample page, SVG+PNG (warm)",
}
TOOLS = ["papergraph", "scipy", "networkx"]
TOOL_NAMES = {"papergraph": "papergraph", "scipy": "scipy peer", "networkx": "networkx peer"}


def med(xs):
    return statistics.median(xs)


def spread(xs):
    return f"{med(xs):.2f} ({min(xs):.2f}–{max(xs):.2f})" if len(xs) > 1 else f"{xs[0]:.2f}"


def main():
    recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    groups = defaultdict(lambda: defaultdict(list))
    for r in recs:
        groups[(r["n"], r["job"])][r["tool"]].append(r)
    keys = sorted(groups, key=lambda k: (k[0], list(JOBS).index(k[1])))

    print("| records | job | tool | wall s, median (min–max) | CPU s | peak RSS MB | papergraph speed-up (per run) | CPU ratio | papergraph memory |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|")
    for k in keys:
        g = groups[k]
        pg = g.get("papergraph", [])
        for tool in TOOLS:
            rs = g.get(tool)
            if not rs:
                continue
            walls = [r["wall_s"] for r in rs]
            row = f"| {k[0]:,} | {JOBS[k[1]]} | {TOOL_NAMES[tool]} | {spread(walls)} | {med([r['cpu_s'] for r in rs]):.2f} | {med([r['peak_rss_mb'] for r in rs]):.0f} |"
            if tool != "papergraph" and pg:
                per = {r["run"]: r["wall_s"] for r in rs}
                ratios = [per[p["run"]] / p["wall_s"] for p in pg if p["run"] in per and p["wall_s"] > 0]
                s = f"{med(walls) / med([p['wall_s'] for p in pg]):.1f}×"
                if len(ratios) > 1:
                    s += f" ({min(ratios):.1f}–{max(ratios):.1f})"
                m = med([p["peak_rss_mb"] for p in pg]) / med([r["peak_rss_mb"] for r in rs])
                c = med([r["cpu_s"] for r in rs]) / max(med([p["cpu_s"] for p in pg]), 1e-9)
                row += f" {s} | {c:.1f}× | {m:.2f}× |"
            else:
                row += " | | |"
            print(row)

    floors = [k for k in keys if groups[k].get("floor")]
    if floors:
        print()
        print("| records | job | output MB | write floor s, median (min–max) | floor MB/s | papergraph wall / floor |")
        print("|---:|---|---:|---:|---:|---:|")
        for k in floors:
            g = groups[k]
            fl = [r["wall_s"] for r in g["floor"]]
            mb = med([r["out_bytes"] for r in g["floor"]]) / 1e6
            pw = med([r["wall_s"] for r in g["papergraph"]])
            print(f"| {k[0]:,} | {JOBS[k[1]]} | {mb:.0f} | {spread(fl)} | {mb / max(med(fl), 1e-9):.0f} | {pw / max(med(fl), 1e-9):.1f}× |")

    for k in keys:
        pg = sorted(groups[k].get("papergraph", []), key=lambda r: r["wall_s"])
        if not pg or not pg[len(pg) // 2].get("log"):
            continue
        r = pg[len(pg) // 2]
        rows = phases(r["log"])
        if not rows:
            continue
        print()
        print(f"Phases, {k[0]:,} records, {JOBS[k[1]]} (papergraph's median run, {r['wall_s']:.2f} s wall, {r['cpu_s']:.2f} s CPU):")
        print()
        print("| phase | wall s | share of wall | CPU s | share of CPU |")
        print("|---|---:|---:|---:|---:|")
        for name, s, c in rows:
            cs = f"{c:.2f} | {100 * c / max(r['cpu_s'], 1e-9):.0f}%" if c is not None else " | "
            print(f"| {name} | {s:.2f} | {100 * s / max(r['wall_s'], 1e-9):.0f}% | {cs} |")


PHASE = re.compile(r'msg="build: phase done" phase=("[^"]*"|\S+) seconds=([0-9.e+-]+)(?: cpu_seconds=([0-9.e+-]+))?')
STEP = re.compile(r'msg="graph: build" phase=("[^"]*"|\S+) seconds=([0-9.e+-]+)(?: cpu_seconds=([0-9.e+-]+))?')
LOAD = re.compile(r'msg="load: step done" step=("[^"]*"|\S+) seconds=([0-9.e+-]+)(?: cpu_seconds=([0-9.e+-]+))?')
FILE = re.compile(r'msg="build: wrote" file=("[^"]*"|\S+) bytes=(\d+) seconds=([0-9.e+-]+)')


def num(x):
    return float(x) if x else None


def phases(path):
    """[(name, wall s, CPU s or None)] from a -v log: top-level phases, with
    the steps of reading and extracting, the graph's steps and the files
    written listed under theirs (a file's wall time overlaps the others':
    they are written in parallel)."""
    loads, steps, files, out = [], [], [], []
    for line in open(path, encoding="utf-8"):
        m = LOAD.search(line)
        if m:
            loads.append((m[1].strip('"'), float(m[2]), num(m[3])))
            continue
        m = STEP.search(line)
        if m:
            steps.append((m[1].strip('"'), float(m[2]), num(m[3])))
            continue
        m = FILE.search(line)
        if m:
            f = m[1].strip('"').rsplit("/", 1)[-1]
            mb, s = int(m[2]) / 1e6, float(m[3])
            files.append((f"{f}: {mb:.0f} MB at {mb / max(s, 1e-9):.0f} MB/s", s, None))
            continue
        m = PHASE.search(line)
        if m:
            name = m[1].strip('"')
            out.append((name, float(m[2]), num(m[3])))
            if name == "read and extract":
                out += [("&nbsp;&nbsp;" + n, s, c) for n, s, c in loads]
            if name == "graph":
                out += [("&nbsp;&nbsp;" + n, s, c) for n, s, c in steps]
            if name == "write":
                out += [("&nbsp;&nbsp;" + n, s, c) for n, s, c in files]
    return out


if __name__ == "__main__":
    main()
