"""Compute PageRank and betweenness of papergraph GraphML files with networkx and igraph.

Usage: python3 centrality.py FILE [FILE ...]

Each file is read with networkx.read_graphml and with igraph's Read_GraphML
and taken as papergraph defines its centrality: undirected, parallel and
reciprocal edges merged into one whose weight is their sum, self-loops
dropped. PageRank is weighted (damping 0.85); betweenness is unweighted and
normalised by (n-1)(n-2), networkx's normalisation for undirected graphs.
Prints a JSON list with, per file, {node id: {"nx_pagerank", "nx_betweenness",
"ig_pagerank", "ig_betweenness", "pagerank", "betweenness"}}, the last two
being the values papergraph wrote in the file.
"""

import json
import sys

import igraph
import networkx as nx


def with_networkx(path):
    G = nx.read_graphml(path)
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = float(d.get("weight", 1))
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    pr = nx.pagerank(U, alpha=0.85, weight="weight", tol=1e-13, max_iter=10000)
    bc = nx.betweenness_centrality(U, normalized=True, weight=None)
    return G, pr, bc


def with_igraph(path):
    g = igraph.Graph.Read_GraphML(path)
    g.to_undirected(mode="collapse", combine_edges={"weight": "sum"})
    g.simplify(multiple=True, loops=True, combine_edges={"weight": "sum"})
    n = g.vcount()
    pr = g.pagerank(weights="weight", damping=0.85, directed=False)
    bc = g.betweenness(directed=False)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    ids = g.vs["id"]
    return {ids[i]: pr[i] for i in range(n)}, {ids[i]: bc[i] * scale for i in range(n)}


def main(paths):
    out = []
    for path in paths:
        G, nxpr, nxbc = with_networkx(path)
        igpr, igbc = with_igraph(path)
        res = {}
        for n, d in G.nodes(data=True):
            res[n] = {
                "nx_pagerank": nxpr[n],
                "nx_betweenness": nxbc[n],
                "ig_pagerank": igpr[n],
                "ig_betweenness": igbc[n],
                "pagerank": d.get("pagerank"),
                "betweenness": d.get("betweenness"),
            }
        out.append(res)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
