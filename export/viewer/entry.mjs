// What graph.html needs from npm, exposed as one global, papergraphVendor.
// build.sh bundles this file with esbuild into vendor.min.js.
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeLineProgram, NodePointProgram } from "sigma/rendering";

globalThis.papergraphVendor = { Graph, Sigma, EdgeLineProgram, NodePointProgram };
