// Load papergraph exports with real JavaScript readers and summarise them.
//
// Usage: node readers.mjs READER FILE
//
// READER is one of:
//   cytoscape           cytoscape({headless: true, layout: {name: "preset"}, elements}) on the Cytoscape.js JSON
//   d3-force            d3.forceSimulation(nodes).force("link", forceLink(links).id(d => d.id))
//   graphology          Graph.from on the graphology JSON (what sigma.js draws)
//   graphology-gexf     graphology-gexf's parse (how sigma.js loads GEXF)
//   graphology-graphml  graphology-graphml's parse
//
// Prints one JSON object like readers.py: directed, nodes and edges with
// every attribute as [JavaScript type, value]; edges keyed by
// "source|target|relation". Readers that drop or reject what they cannot
// use make the counts differ or the script fail.

import { readFileSync } from "node:fs";

const [reader, path] = process.argv.slice(2);
const text = readFileSync(path, "utf8");

const typed = (attrs) => Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, [typeof v, v]]));
const out = { class: reader, directed: true, nodes: {}, edges: {}, warnings: [] };

function fromGraphology(g) {
  out.class = `graphology ${g.type}${g.multi ? " multi" : ""}`;
  out.directed = g.type !== "undirected";
  g.forEachNode((key, attrs) => {
    out.nodes[key] = typed(attrs);
  });
  g.forEachEdge((key, attrs, source, target, _sa, _ta, undirected) => {
    const rel = attrs.relation ?? attrs.kind;
    out.edges[`${source}|${target}|${rel}`] = typed({ ...attrs, undirected });
  });
}

switch (reader) {
  case "cytoscape": {
    const { default: cytoscape } = await import("cytoscape");
    const doc = JSON.parse(text);
    // Cytoscape.js only warns (console.warn) and skips a bad element: count them.
    console.warn = (...args) => out.warnings.push(args.join(" "));
    // layout "preset" keeps the positions in the file (without it Cytoscape.js
    // runs its default layout and moves every node), as the README says.
    const cy = cytoscape({ headless: true, styleEnabled: false, layout: { name: "preset" }, elements: doc.elements });
    cy.nodes().forEach((n) => {
      out.nodes[n.id()] = typed({ ...n.data(), x: n.position("x"), y: n.position("y") });
    });
    cy.edges().forEach((e) => {
      const d = e.data();
      out.edges[`${d.source}|${d.target}|${d.relation}`] = typed(d);
    });
    break;
  }
  case "d3-force": {
    const { forceSimulation, forceLink } = await import("d3-force");
    const doc = JSON.parse(text);
    // forceLink resolves source/target IDs to node objects and throws
    // "node not found" on a dangling link; no tick runs, so x/y stay as read.
    forceSimulation(doc.nodes).force("link", forceLink(doc.links).id((d) => d.id)).stop();
    for (const n of doc.nodes) {
      const { index, vx, vy, ...attrs } = n;
      out.nodes[n.id] = typed(attrs);
    }
    for (const l of doc.links) {
      const { source, target, index, ...attrs } = l;
      out.edges[`${source.id}|${target.id}|${l.relation}`] = typed(attrs);
    }
    break;
  }
  case "graphology": {
    const { default: Graph } = await import("graphology");
    fromGraphology(Graph.from(JSON.parse(text)));
    break;
  }
  case "graphology-gexf": {
    const { default: Graph } = await import("graphology");
    const { parse } = (await import("graphology-gexf")).default;
    fromGraphology(parse(Graph, text));
    break;
  }
  case "graphology-graphml": {
    const { default: Graph } = await import("graphology");
    const { parse } = (await import("graphology-graphml")).default;
    fromGraphology(parse(Graph, text));
    break;
  }
  default:
    console.error(`unknown reader ${reader}`);
    process.exit(2);
}
process.stdout.write(JSON.stringify(out));
