#!/usr/bin/env python3
"""Draw the 50 abstracts of this held-out set, reproducibly.

usage: sample.py [PAPERS.jsonl] > abstracts.jsonl

PAPERS.jsonl defaults to ../shared/corpus/arxiv-2026-07/papers.jsonl (relative to the
repository root), 3,000 arXiv papers first listed in July 2026. Python 3 standard library only.

Rule (see README.md):
- stratum = primary category (the first of `categories`), with every category outside the
  six largest listings pooled as "other"; each stratum gets the fixed quota QUOTA below
  (roughly proportional to the month's mix, at least four per stratum);
- within a stratum, papers are ranked by sha256("heldout-2026:" + id), a fixed seed;
- a quarter of each quota (rounded down) is the first papers of the stratum whose title and
  abstract show no name-like token (NAMELIKE: a URL, a word mixing letters and digits, or a
  word with a capital letter after a lower-case one), taken whatever they name;
- to keep recall measurable, the rest of the quota is the first papers, in the same order, that
  show a name-like token AND that name at least one required artifact by reading: the verdicts
  of that reading are recorded, one line per paper read, in reading.tsv (`names` or `none`);
  a paper read as `none` is passed over. The script stops with the ids it still needs read.
Records are written unchanged, sorted by id.
"""
import hashlib, json, os, re, sys

SEED = "heldout-2026:"
QUOTA = {"cs.CV": 10, "cs.LG": 9, "cs.AI": 8, "cs.CL": 7, "cs.RO": 4, "cs.HC": 4, "other": 8}
NAMELIKE = re.compile(
    r"https?://"                                      # a link
    r"|\b(?=[\w.-]*[A-Za-z])(?=[\w.-]*\d)[A-Za-z][\w.-]*\w"  # letters and digits mixed, starting with a letter
    r"|\b\w*[a-z][A-Z]\w*"                             # a capital after a lower-case letter
)


def rank(p):
    return hashlib.sha256((SEED + p["id"]).encode()).hexdigest()


def verdicts(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            pid, v = line.rstrip("\n").split("\t")
            out[pid] = v
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/arxiv-2026-07/papers.jsonl"
    papers = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    strata = {}
    for p in papers:
        cat = p["categories"].split()[0]
        strata.setdefault(cat if cat in QUOTA else "other", []).append(p)
    read = verdicts(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reading.tsv"))
    out, unread = [], []
    for name, n in sorted(QUOTA.items()):
        pool = sorted(strata[name], key=rank)
        named = [p for p in pool if NAMELIKE.search(p["title"] + " " + p["abstract"])]
        plain = [p for p in pool if not NAMELIKE.search(p["title"] + " " + p["abstract"])]
        out += plain[: n // 4]
        want = n - n // 4
        for p in named:
            if want == 0:
                break
            if p["id"] not in read:
                unread.append(p["id"])
                break
            if read[p["id"]] == "names":
                out.append(p)
                want -= 1
    if unread:
        sys.exit("sample.py: read these abstracts and record a verdict in reading.tsv: " + " ".join(unread))
    for p in sorted(out, key=lambda p: p["id"]):
        sys.stdout.write(json.dumps(p, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
