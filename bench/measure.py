#!/usr/bin/env python3
"""Run one command and print its wall time and peak RSS as JSON.

usage: measure.py LABEL -- COMMAND [ARG ...]

Peak RSS is the child's ru_maxrss (Linux: KiB). Standard library only.
"""
import json, resource, subprocess, sys, time

def main():
    i = sys.argv.index("--")
    label, cmd = sys.argv[1], sys.argv[i + 1:]
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        sys.exit(f"measure: {label}: exit {p.returncode}")
    print(json.dumps({"label": label, "wall_s": round(wall, 2), "peak_rss_mb": round(rss)}))

if __name__ == "__main__":
    main()
