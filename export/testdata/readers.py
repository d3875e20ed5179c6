"""Load papergraph exports with real, independent readers and summarise them.

Usage: python3 readers.py READER FILE [READER FILE ...]

READER is one of:
  networkx-graphml   networkx.read_graphml
  igraph-graphml     igraph.Graph.Read_GraphML
  networkx-gexf      networkx.read_gexf (GEXF 1.3 namespace registered, see README)
  networkx-nodelink  networkx.readwrite.json_graph.node_link_graph

Prints a JSON list with, for each pair, {"ok": summary} or {"error":
message} when the reader refuses the file. A summary gives the graph class,
whether it is directed, and every node's and edge's attributes as [python
type, value], so the Go test can check names, types and values. Edges are
keyed by "source|target|relation". One process reads every file, so python
and its modules start once.
"""

import json
import math
import sys


def typed(v):
    if isinstance(v, float) and math.isnan(v):
        return ["nan", None]
    return [type(v).__name__, v]


def summary(kind, directed, nodes, edges):
    return {
        "class": kind,
        "directed": directed,
        "nodes": {str(k): {a: typed(v) for a, v in d.items()} for k, d in nodes},
        "edges": {k: {a: typed(v) for a, v in d.items()} for k, d in edges},
    }


def from_networkx(G):
    def edges():
        for u, v, d in G.edges(data=True):
            yield "%s|%s|%s" % (u, v, d.get("relation")), d

    nodes = []
    for n, d in G.nodes(data=True):
        d = dict(d)
        viz = d.pop("viz", None)
        if viz is not None:  # GEXF: flatten viz into the Gephi names
            c = viz.get("color", {})
            d.update({"r": c.get("r"), "g": c.get("g"), "b": c.get("b"), "size": viz.get("size")})
            if "position" in viz:
                d.update({"x": viz["position"]["x"], "y": viz["position"]["y"]})
        nodes.append((n, d))
    return summary(type(G).__name__, G.is_directed(), nodes, list(edges()))


def read(reader, path):
    if reader == "networkx-graphml":
        import networkx as nx

        return from_networkx(nx.read_graphml(path))
    if reader == "networkx-gexf":
        import networkx as nx
        from networkx.readwrite import gexf

        # networkx knows GEXF 1.1draft and 1.2draft only; 1.3 differs in
        # namespaces for everything papergraph writes.
        gexf.GEXF.versions["1.3"] = dict(
            gexf.GEXF.versions["1.2draft"],
            NS_GEXF="http://gexf.net/1.3",
            NS_VIZ="http://gexf.net/1.3/viz",
            SCHEMALOCATION="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            VERSION="1.3",
        )
        return from_networkx(nx.read_gexf(path))
    if reader == "networkx-nodelink":
        from networkx.readwrite import json_graph

        with open(path, encoding="utf-8") as f:
            return from_networkx(json_graph.node_link_graph(json.load(f)))
    if reader == "igraph-graphml":
        import igraph

        g = igraph.Graph.Read_GraphML(path)
        # Vertices are named by the nid column, not igraph's "id": igraph
        # 0.10 gives back "&" in an id attribute as "&#38;".
        names = g.vs["nid"]
        nodes = [(v["nid"], v.attributes()) for v in g.vs]
        edges = [
            ("%s|%s|%s" % (names[e.source], names[e.target], e["relation"]), e.attributes())
            for e in g.es
        ]
        return summary("igraph.Graph", g.is_directed(), nodes, edges)
    raise ValueError("unknown reader " + reader)


def main():
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    out = []
    for reader, path in zip(args[::2], args[1::2]):
        try:
            out.append({"ok": read(reader, path)})
        except Exception as e:  # a refusal is a result, reported per file
            out.append({"error": "%s: %s" % (type(e).__name__, e)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
