// What graph.html needs from npm, exposed as one global, papergraphVendor.
// build.sh bundles this file with esbuild into vendor.min.js.
import Graph from "graphology";
import Sigma from "sigma";

globalThis.papergraphVendor = { Graph, Sigma };
