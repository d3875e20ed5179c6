#!/usr/bin/env python3
"""Run one command and print its wall time, CPU time and peak RSS as JSON.

usage: measure.py LABEL [--tag KEY=VALUE ...] [--log FILE] [--out DIR] -- COMMAND [ARG ...]

Peak RSS is the child's ru_maxrss (Linux: KiB; the largest single process of
its tree, as the peers report it); CPU time is user + system time of the
child and its descendants. --tag adds KEY: VALUE to the JSON (a number when
VALUE is one); --log keeps the command's standard error in FILE; --out adds
out_bytes, the total size of the regular files under DIR after the run.
Standard library only.
"""
import json, os, resource, subprocess, sys, time


def tree_bytes(d):
    n = 0
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            if os.path.isfile(p) and not os.path.islink(p):
                n += os.path.getsize(p)
    return n


def value(v):
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def main():
    i = sys.argv.index("--")
    label, opts, cmd = sys.argv[1], sys.argv[2:i], sys.argv[i + 1:]
    rec = {"label": label}
    log = out = None
    it = iter(opts)
    for o in it:
        if o == "--tag":
            k, _, v = next(it).partition("=")
            rec[k] = value(v)
        elif o == "--log":
            log = next(it)
        elif o == "--out":
            out = next(it)
        else:
            sys.exit(f"measure: unknown option {o}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    if log:
        with open(log, "w", encoding="utf-8") as f:
            f.write(p.stderr)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        sys.exit(f"measure: {label}: exit {p.returncode}")
    cpu = (ru.ru_utime - before.ru_utime) + (ru.ru_stime - before.ru_stime)
    rec.update(wall_s=round(wall, 2), cpu_s=round(cpu, 2), peak_rss_mb=round(ru.ru_maxrss / 1024))
    if out:
        rec["out_bytes"] = tree_bytes(out)
    print(json.dumps(rec))


if __name__ == "__main__":
    main()
