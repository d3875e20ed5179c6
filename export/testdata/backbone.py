"""Disparity-filter backbone (Serrano, Boguna and Vespignani, PNAS 2009)
of the shares edges of a GraphML file, computed independently of the
writer: networkx reads the file and this script applies the formula.

usage: backbone.py FILE ALPHA
prints the kept shares edges as JSON pairs [source, target], sorted.
"""
import json
import sys

import networkx as nx

g = nx.read_graphml(sys.argv[1])
alpha = float(sys.argv[2])
shares = [(u, v, d["weight"]) for u, v, d in g.edges(data=True) if d.get("relation") == "shares"]
k, s = {}, {}
for u, v, w in shares:
    for x in (u, v):
        k[x] = k.get(x, 0) + 1
        s[x] = s.get(x, 0.0) + w


def pvalue(x, w):
    if k[x] < 2:
        return 1.0
    return (1 - w / s[x]) ** (k[x] - 1)


kept = []
for u, v, w in shares:
    lone = k[u] == 1 and k[v] == 1
    if lone or pvalue(u, w) < alpha or pvalue(v, w) < alpha:
        kept.append(sorted([g.nodes[u]["nid"], g.nodes[v]["nid"]]))
kept.sort()
json.dump(kept, sys.stdout)
