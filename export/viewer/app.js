// graph.html's viewer: reads the graph JSON from the page, draws it with
// sigma.js (WebGL) and wires search, filters, hover and the side panel.
//
// Every text that comes from the graph (titles, names, authors, evidence,
// IDs) reaches the page through textContent, canvas text or <option>
// text, never through innerHTML; links are set only when they parse as
// http: or https: URLs.
(function () {
  "use strict";
  var vendor = window.papergraphVendor;
  var Graph = vendor.Graph;
  var Sigma = vendor.Sigma;
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var $ = function (id) { return document.getElementById(id); };

  // el makes an element with a class and a text, as text.
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // safeURL returns u as an absolute http(s) URL, or null.
  function safeURL(u) {
    if (typeof u !== "string" || u === "") return null;
    try {
      var x = new URL(u);
      return x.protocol === "http:" || x.protocol === "https:" ? x.href : null;
    } catch (err) {
      return null;
    }
  }

  // Node fields (see export.HTML).
  var ID = 0, LABEL = 1, KIND = 2, TITLE = 3, URLF = 4, ARXIV = 5, DOI = 6, AUTHORS = 7,
    YEAR = 8, COMMUNITY = 9, EXTERNAL = 10, PAPERS = 11, X = 12, Y = 13, SIZE = 14, COLOR = 15,
    DEGREE = 16, STRENGTH = 17, PAGERANK = 18, BETWEENNESS = 19, CITED_BY = 20;
  // Edge fields.
  var SRC = 0, TGT = 1, REL = 2, WEIGHT = 3, WIDTH = 4, EVIDENCE = 5, SHARED = 6;

  var nodes = data.nodes, edges = data.edges;
  var N = nodes.length, E = edges.length;
  // A big graph is drawn with the cheapest WebGL programs (square points,
  // one-pixel lines without arrowheads), hides edges and labels while the
  // camera moves, and draws only the EDGE_BUDGET strongest edges unless
  // asked for all: with software WebGL (no GPU) a frame of 10,000 circles
  // and 100,000 arrows takes seconds, one of points and 30,000 lines a
  // tenth of a second.
  var big = N > 2000 || E > 20000;
  var EDGE_BUDGET = 30000;
  var strong = new Uint8Array(E), allEdges = E <= EDGE_BUDGET;
  (function () {
    var order = new Array(E);
    for (var k = 0; k < E; k++) order[k] = k;
    order.sort(function (a, b) { return edges[b][WEIGHT] - edges[a][WEIGHT] || a - b; });
    for (var j = 0; j < Math.min(E, EDGE_BUDGET); j++) strong[order[j]] = 1;
  })();

  // Display sizes, in layout units (sigma's itemSizesReference
  // "positions", so that nodes keep their room as the camera zooms): the
  // graph's size (10 to 60, growing with the square root of the weighted
  // degree) mapped to 8% to 25% of the mean room per node.
  var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  nodes.forEach(function (n) {
    minX = Math.min(minX, n[X]); maxX = Math.max(maxX, n[X]);
    minY = Math.min(minY, n[Y]); maxY = Math.max(maxY, n[Y]);
  });
  var room = N > 1 ? Math.sqrt(Math.max(1, (maxX - minX) * (maxY - minY)) / N) : 10;
  var widthScale = big ? 0.6 : 1;
  var edgeAlpha = big ? 0.45 : 0.7;
  // rgba returns hex at opacity a; for a big graph the same colour mixed
  // with the white page, opaque: the line program draws translucent
  // colours invisibly faint.
  function rgba(hex, a) {
    var v = parseInt(hex.slice(1), 16);
    var c = [v >> 16 & 255, v >> 8 & 255, v & 255];
    if (big) return "rgb(" + c.map(function (x) { return Math.round(255 - (255 - x) * a); }).join(",") + ")";
    return "rgba(" + c.join(",") + "," + a + ")";
  }

  var graph = new Graph({ type: "mixed", multi: true, allowSelfLoops: true });
  var haystack = new Array(N);
  var byID = new Map();
  for (var i = 0; i < N; i++) byID.set(nodes[i][ID], i);

  // named returns what a reader calls a shared work: a node's name, a
  // family's name with "family" ("ImageNet family", from "family:dataset:
  // imagenet"), else the name after the ID's "kind:" prefix with the kind.
  function named(s) {
    if (typeof s === "number") return nodes[s][LABEL];
    var fam = s.indexOf("family:") === 0;
    var key = fam ? s.slice(7) : s;
    var at = byID.get(key);
    var colon = key.indexOf(":");
    var kind = colon > 0 ? key.slice(0, colon) : "";
    var name = at !== undefined ? nodes[at][LABEL] : colon > 0 ? key.slice(colon + 1) : key;
    if (fam) return name + " family" + (kind ? " (" + kind + ")" : "");
    return at !== undefined || !kind ? name : name + " (" + kind + ")";
  }
  for (i = 0; i < N; i++) {
    var n = nodes[i];
    graph.addNode(String(i), {
      x: n[X], y: n[Y], label: n[LABEL], color: n[COLOR],
      size: room * (0.08 + 0.17 * Math.min(1, (n[SIZE] - 10) / 50)), i: i,
    });
    haystack[i] = (n[LABEL] + "\n" + n[TITLE] + "\n" + n[ID]).toLowerCase();
  }
  var relColor = data.relationColors || {};
  for (var k = 0; k < E; k++) {
    var e = edges[k];
    var attrs = {
      size: e[WIDTH] * widthScale * room * 0.025, color: rgba(relColor[e[REL]] || "#8c8c8c", edgeAlpha),
      type: e[REL] === "shares" ? "line" : "arrow", k: k, s: e[SRC], t: e[TGT], rel: e[REL],
    };
    if (e[REL] === "shares") graph.addUndirectedEdgeWithKey(String(k), String(e[SRC]), String(e[TGT]), attrs);
    else graph.addDirectedEdgeWithKey(String(k), String(e[SRC]), String(e[TGT]), attrs);
  }

  // Filter state: which kinds and relations are shown, which community.
  var kindOn = {}, relOn = {}, community = "all";
  var visible = new Uint8Array(N);
  function recomputeVisible() {
    for (var i = 0; i < N; i++) {
      var n = nodes[i];
      visible[i] = kindOn[n[KIND]] !== false && (community === "all" || n[COMMUNITY] === community) ? 1 : 0;
    }
  }

  // Focus: the hovered node, else the chosen one, and its neighbours.
  var hovered = null, selected = null, focus = null, focusSet = null;
  function setFocus() {
    var f = hovered !== null ? hovered : selected;
    if (f === focus) return;
    focus = f;
    focusSet = null;
    if (f !== null) {
      focusSet = new Set(graph.neighbors(f));
      focusSet.add(f);
    }
  }

  // Large graphs highlight the focus and its edges without fading the
  // rest, so that a hover repaints only those (sigma's partial refresh)
  // instead of every node and edge.
  var partial = E > 20000 || N > 5000;
  var DIM = "#e4e4e4";
  // Nodes take their kind's colour, or their community's (the colours of
  // every other format: the largest communities in a colour-blind-safe
  // palette, the rest grey).
  var commColors = data.communityColors || [], otherColor = data.otherCommunityColor || "#c8c8c8";
  var byCommunity = false;
  function communityColor(i) {
    var c = nodes[i][COMMUNITY];
    return c >= 0 && c < commColors.length && !nodes[i][EXTERNAL] ? commColors[c] : otherColor;
  }
  function nodeReducer(key, a) {
    if (!visible[a.i]) return Object.assign({}, a, { hidden: true });
    if (byCommunity) a = Object.assign({}, a, { color: communityColor(a.i) });
    if (focusSet !== null) {
      if (!focusSet.has(key)) return partial ? a : Object.assign({}, a, { color: DIM, label: "", zIndex: 0 });
      return Object.assign({}, a, { zIndex: 1, forceLabel: true, highlighted: key === focus });
    }
    return a;
  }
  function edgeReducer(key, a) {
    if (relOn[a.rel] === false || !visible[a.s] || !visible[a.t]) return Object.assign({}, a, { hidden: true });
    if (focusSet !== null) {
      var f = Number(focus);
      if (a.s === f || a.t === f) return Object.assign({}, a, { color: relColor[a.rel] || "#8c8c8c", size: a.size * 1.6, zIndex: 1 });
      if (!partial) return Object.assign({}, a, { hidden: true });
    }
    if (!allEdges && !strong[a.k]) return Object.assign({}, a, { hidden: true });
    return a;
  }

  recomputeVisible();
  var container = $("graph");
  var settings = {
    nodeReducer: nodeReducer,
    edgeReducer: edgeReducer,
    zIndex: true,
    // The panel opening or the window narrowing can leave the graph no
    // width for a moment: sigma then waits instead of throwing.
    allowInvalidContainer: true,
    itemSizesReference: "positions",
    zoomToSizeRatioFunction: function (x) { return x; },
    minEdgeThickness: big ? 0.6 : 1,
    defaultEdgeType: "arrow",
    hideEdgesOnMove: false,
    labelRenderedSizeThreshold: big ? 7 : 5,
    labelDensity: big ? 0.5 : 1,
    labelFont: "system-ui, 'DejaVu Sans', sans-serif",
    labelSize: 12,
    minCameraRatio: 0.01,
    maxCameraRatio: 4,
  };
  if (big) {
    settings.nodeProgramClasses = { circle: vendor.NodePointProgram };
    settings.edgeProgramClasses = { arrow: vendor.EdgeLineProgram, line: vendor.EdgeLineProgram };
    settings.hideEdgesOnMove = true;
    settings.hideLabelsOnMove = true;
  }
  var renderer = new Sigma(graph, container, settings);
  var timing = { firstRender: performance.now(), nodes: N, edges: E };
  window.papergraph = { sigma: renderer, graph: graph, timing: timing, select: function (i) { choose(String(i), true); },
    selected: function () { return selected; } };

  function refresh() { renderer.refresh({ skipIndexation: true }); }

  // The bar: counts and layout note.
  var kindCount = {}, relCount = {}, commSize = {};
  for (i = 0; i < N; i++) {
    kindCount[nodes[i][KIND]] = (kindCount[nodes[i][KIND]] || 0) + 1;
    var c = nodes[i][COMMUNITY];
    if (c >= 0) commSize[c] = (commSize[c] || 0) + 1;
  }
  for (k = 0; k < E; k++) relCount[edges[k][REL]] = (relCount[edges[k][REL]] || 0) + 1;
  var papers = kindCount.paper || 0;
  $("counts").textContent = N.toLocaleString("en") + " nodes (" + papers.toLocaleString("en") + " papers), " +
    E.toLocaleString("en") + " edges";
  document.title = "papergraph: " + papers.toLocaleString("en") + " papers";
  $("layout-note").textContent = data.layout === "papergraph-discs"
    ? "Layout: one disc per community, strongest nodes at the centre (the graph is too large for Graphviz)."
    : "Layout: Graphviz " + data.layout + ", as in graph.svg.";

  // Filters.
  function checkbox(parent, text, count, swatch, onChange) {
    var l = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { onChange(box.checked); });
    l.appendChild(box);
    l.appendChild(swatch);
    l.appendChild(el("span", null, text));
    l.appendChild(el("span", "count", count.toLocaleString("en")));
    parent.appendChild(l);
  }
  var kindColor = {};
  for (i = 0; i < N; i++) if (!nodes[i][EXTERNAL] && !(nodes[i][KIND] in kindColor)) kindColor[nodes[i][KIND]] = nodes[i][COLOR];
  data.kinds.forEach(function (kind) {
    var s = el("span", "swatch");
    s.style.background = kindColor[kind] || "#999999";
    checkbox($("kinds"), kind, kindCount[kind] || 0, s, function (on) {
      kindOn[kind] = on;
      recomputeVisible();
      refresh();
    });
  });
  data.relations.forEach(function (rel) {
    var s = el("span", "line");
    s.style.background = relColor[rel] || "#8c8c8c";
    checkbox($("relations"), rel, relCount[rel] || 0, s, function (on) {
      relOn[rel] = on;
      refresh();
    });
  });
  if (E > EDGE_BUDGET) {
    var note = el("p", "note", "The " + EDGE_BUDGET.toLocaleString("en") + " strongest of " + E.toLocaleString("en") +
      " edges are drawn, and every edge of the node you point at.");
    var l = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.id = "all-edges";
    box.addEventListener("change", function () { allEdges = box.checked; refresh(); });
    l.appendChild(box);
    l.appendChild(el("span", null, "Draw all edges (slower)"));
    $("relations").appendChild(note);
    $("relations").appendChild(l);
  }
  // Communities, named by their two strongest artifacts (else nodes).
  var commTop = {};
  var order = [];
  for (i = 0; i < N; i++) order.push(i);
  order.sort(function (a, b) {
    var pa = nodes[a][KIND] === "paper" ? 1 : 0, pb = nodes[b][KIND] === "paper" ? 1 : 0;
    return pa - pb || nodes[b][SIZE] - nodes[a][SIZE] || a - b;
  });
  order.forEach(function (i) {
    var c = nodes[i][COMMUNITY];
    if (c < 0) return;
    var t = commTop[c] || (commTop[c] = []);
    if (t.length < 2) t.push(nodes[i][LABEL]);
  });
  var sel = $("community");
  var all = el("option", null, "All communities");
  all.value = "all";
  sel.appendChild(all);
  Object.keys(commSize).map(Number).sort(function (a, b) { return a - b; }).forEach(function (c) {
    var o = el("option", null, "#" + c + " (" + commSize[c] + "): " + commTop[c].join(", "));
    o.value = String(c);
    sel.appendChild(o);
  });
  sel.addEventListener("change", function () {
    community = sel.value === "all" ? "all" : Number(sel.value);
    recomputeVisible();
    refresh();
  });
  // Colour by community: a legend row per coloured community.
  var byBox = $("by-community"), legend = $("community-legend");
  byBox.addEventListener("change", function () {
    byCommunity = byBox.checked;
    legend.hidden = !byCommunity;
    refresh();
  });
  var coloured = Object.keys(commSize).map(Number).filter(function (c) { return c < commColors.length; })
    .sort(function (a, b) { return a - b; });
  coloured.forEach(function (c) {
    var row = el("div", "legend-row");
    var s = el("span", "swatch");
    s.style.background = commColors[c];
    row.appendChild(s);
    row.appendChild(el("span", null, "#" + c + " " + commTop[c].join(", ")));
    legend.appendChild(row);
  });
  var rest = Object.keys(commSize).length - coloured.length;
  var row = el("div", "legend-row");
  var grey = el("span", "swatch");
  grey.style.background = otherColor;
  row.appendChild(grey);
  row.appendChild(el("span", null, (rest > 0 ? rest.toLocaleString("en") + " other communities and " : "") + "nodes in none"));
  legend.appendChild(row);

  // Hover and click.
  // hover sets the hovered node and repaints what changed: everything in
  // a small graph, the old and new focus and their edges in a large one.
  function hover(key) {
    var before = [focus, focusSet];
    hovered = key;
    setFocus();
    if (!partial) { refresh(); return; }
    var ns = new Set(), es = new Set();
    [before, [focus, focusSet]].forEach(function (p) {
      if (p[0] === null) return;
      p[1].forEach(function (n) { ns.add(n); });
      graph.forEachEdge(p[0], function (e) { es.add(e); });
    });
    renderer.refresh({ partialGraph: { nodes: Array.from(ns), edges: Array.from(es) }, skipIndexation: true });
  }
  renderer.on("enterNode", function (ev) { hover(ev.node); });
  renderer.on("leaveNode", function () { hover(null); });
  renderer.on("clickNode", function (ev) { choose(ev.node, false); });
  renderer.on("clickStage", function () { unchoose(); });
  $("close").addEventListener("click", unchoose);
  $("fit").addEventListener("click", function () { renderer.getCamera().animatedReset({ duration: 400 }); });

  function unchoose() {
    selected = null;
    $("panel").hidden = true;
    setFocus();
    refresh();
  }

  // choose selects node key, shows its panel and, when move is set,
  // centres the camera on it.
  function choose(key, move) {
    selected = key;
    setFocus();
    showPanel(Number(key));
    refresh();
    if (move) {
      var d = renderer.getNodeDisplayData(key);
      if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(renderer.getCamera().ratio, big ? 0.08 : 0.4) }, { duration: 400 });
    }
  }

  function link(parent, text, href) {
    var u = safeURL(href);
    if (u === null) return;
    var a = el("a", null, text);
    a.href = u;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    parent.appendChild(a);
  }

  // measure formats a centrality value as the other formats write it
  // (six significant digits).
  function measure(v) { return v === null || v === undefined ? "—" : String(Number(v.toPrecision(6))); }

  // measures is the node's centrality table (the columns of every format).
  function measures(n) {
    var t = el("table", "measures");
    var rows = [["degree", String(n[DEGREE])], ["weighted degree", measure(n[STRENGTH])],
      ["PageRank", measure(n[PAGERANK])], ["betweenness", measure(n[BETWEENNESS])]];
    if (n[KIND] === "paper" && !n[EXTERNAL] && n[CITED_BY] >= 0) rows.push(["cited by", n[CITED_BY] + (n[CITED_BY] === 1 ? " batch paper" : " batch papers")]);
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("th", null, r[0]));
      tr.appendChild(el("td", null, r[1]));
      t.appendChild(tr);
    });
    return t;
  }

  var MAX_ROWS = 300;
  function showPanel(i) {
    var n = nodes[i];
    var body = $("panel-body");
    body.replaceChildren();
    var h1 = el("h1", null, n[TITLE] || n[LABEL]);
    h1.title = "ID: " + n[ID]; // for papergraph neighbours and path
    body.appendChild(h1);
    var facts = [n[EXTERNAL] ? "paper outside the batch" : n[KIND]];
    if (n[YEAR]) facts.push(String(n[YEAR]));
    if (n[COMMUNITY] >= 0) facts.push("community #" + n[COMMUNITY]);
    if (n[PAPERS]) facts.push(n[KIND] === "paper" ? "cited by " + n[PAPERS] + " papers" : "named by " + n[PAPERS] + " papers");
    body.appendChild(el("p", "meta", facts.join(" · ")));
    // The name, unless it is only the title cut short.
    var cut = n[LABEL].replace(/…$/, "");
    if (n[TITLE] && n[LABEL] !== n[TITLE] && !(cut !== n[LABEL] && n[TITLE].indexOf(cut) === 0)) body.appendChild(el("p", "meta", "Known as " + n[LABEL]));
    if (n[AUTHORS].length) {
      var names = n[AUTHORS].slice(0, 40).join(", ");
      if (n[AUTHORS].length > 40) names += " … " + (n[AUTHORS].length - 40) + " more";
      body.appendChild(el("p", "meta authors", names));
    }
    var links = el("p", "meta links");
    link(links, "link", n[URLF]);
    if (n[ARXIV]) link(links, "arXiv " + n[ARXIV], "https://arxiv.org/abs/" + encodeURIComponent(n[ARXIV]).replace(/%2F/g, "/"));
    if (n[DOI]) link(links, "DOI", "https://doi.org/" + encodeURI(n[DOI]));
    if (links.childNodes.length) body.appendChild(links);
    body.appendChild(measures(n));

    var rows = [];
    graph.forEachEdge(String(i), function (key, a) {
      rows.push(edges[a.k]);
    });
    rows.sort(function (a, b) {
      return (a[REL] < b[REL] ? -1 : a[REL] > b[REL] ? 1 : 0) || b[WEIGHT] - a[WEIGHT] || a[SRC] + a[TGT] - b[SRC] - b[TGT];
    });
    body.appendChild(el("h2", null, rows.length + (rows.length === 1 ? " connection" : " connections")));
    var ul = el("ul");
    rows.slice(0, MAX_ROWS).forEach(function (e) {
      var other = e[SRC] === i ? e[TGT] : e[SRC];
      var li = el("li");
      var badge = el("span", "rel", e[REL]);
      badge.style.background = relColor[e[REL]] || "#8c8c8c";
      li.appendChild(badge);
      li.appendChild(document.createTextNode(e[REL] === "shares" ? "— " : e[SRC] === i ? "→ " : "← "));
      var b = el("button", "nb", nodes[other][LABEL]);
      b.type = "button";
      b.title = nodes[other][TITLE] || nodes[other][LABEL];
      b.addEventListener("click", function () { choose(String(other), true); });
      li.appendChild(b);
      li.appendChild(el("span", "kind", nodes[other][EXTERNAL] ? "paper outside the batch" : nodes[other][KIND]));
      if (e[REL] === "shares") li.appendChild(el("span", "count", " · weight " + (Math.round(e[WEIGHT] * 100) / 100)));
      if (e[SHARED].length) {
        var shared = e[SHARED].map(named);
        li.appendChild(el("div", "shared", "shared: " + shared.join(", ")));
      }
      if (e[EVIDENCE]) li.appendChild(el("div", "ev", e[EVIDENCE]));
      ul.appendChild(li);
    });
    body.appendChild(ul);
    if (rows.length > MAX_ROWS) body.appendChild(el("p", "more", "… and " + (rows.length - MAX_ROWS) + " more"));
    $("panel").hidden = false;
  }

  // Search: titles, names and IDs, case-insensitive; exact and prefix
  // matches of the name first, then larger nodes.
  var search = $("search"), results = $("results"), found = [], active = 0, timer = 0;
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    results.replaceChildren();
    found = [];
    if (q === "") { results.hidden = true; return; }
    for (var i = 0; i < N; i++) {
      var at = haystack[i].indexOf(q);
      if (at < 0) continue;
      var label = nodes[i][LABEL].toLowerCase();
      var rank = label === q ? 0 : label.indexOf(q) === 0 ? 1 : at === 0 ? 2 : 3;
      found.push([rank, i]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || nodes[b[1]][SIZE] - nodes[a[1]][SIZE] || a[1] - b[1]; });
    var total = found.length;
    found = found.slice(0, 20);
    active = 0;
    found.forEach(function (f, j) {
      var n = nodes[f[1]];
      var li = el("li", j === 0 ? "active" : null, n[TITLE] || n[LABEL]);
      li.appendChild(el("span", "kind", n[KIND]));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(j); });
      results.appendChild(li);
    });
    if (total === 0) results.appendChild(el("li", "none", "No match"));
    else if (total > found.length) results.appendChild(el("li", "none", "… " + (total - found.length) + " more"));
    results.hidden = false;
  }
  function pick(j) {
    if (!found[j]) return;
    results.hidden = true;
    choose(String(found[j][1]), true);
  }
  search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, N > 2000 ? 120 : 30); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(timer); runSearch(); pick(active); }
    else if (ev.key === "Escape") { results.hidden = true; }
    else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!found.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      Array.prototype.forEach.call(results.children, function (li, j) { li.className = j === active ? "active" : li.className === "none" ? "none" : ""; });
    }
  });
  search.addEventListener("blur", function () { results.hidden = true; });
  search.addEventListener("focus", function () { if (search.value.trim() !== "") runSearch(); });

  // Report: the top of report.md, computed by papergraph (export.Report).
  var report = $("report"), reportButton = $("report-button"), rep = data.report || { artifacts: [], papers: [], communities: [] };
  function nodeButton(i) {
    var b = el("button", "nb", nodes[i][KIND] === "paper" && nodes[i][TITLE] || nodes[i][LABEL]);
    b.type = "button";
    b.addEventListener("click", function () { choose(String(i), true); });
    return b;
  }
  function reportList(title, items, row) {
    report.appendChild(el("h2", null, title));
    if (!items.length) { report.appendChild(el("p", "note", "None.")); return; }
    var ol = el("ol");
    items.forEach(function (x) { var li = el("li"); row(li, x); ol.appendChild(li); });
    report.appendChild(ol);
  }
  reportList("Artifacts named by the most papers", rep.artifacts, function (li, i) {
    li.appendChild(nodeButton(i));
    li.appendChild(el("span", "count", nodes[i][KIND] + " · " + nodes[i][PAPERS] + " papers"));
  });
  reportList("Most central papers", rep.papers, function (li, i) {
    li.appendChild(nodeButton(i));
    li.appendChild(el("span", "count", "PageRank " + measure(nodes[i][PAGERANK])));
  });
  reportList("Communities", rep.communities, function (li, c) {
    li.appendChild(el("span", null, "#" + c[0] + " " + c[1]));
    li.appendChild(el("span", "count", c[2] + " papers, " + c[3] + " nodes"));
  });
  // paperList lists a report section's papers under "N papers <what>",
  // what as one paper (said[0]) or several (said[1]) say it.
  function paperList(title, items, count, said) {
    reportList(title, items || [], function (li, i) { li.appendChild(nodeButton(i)); });
    if (count) report.lastChild.before(el("p", "note", count + (count === 1 ? " paper " + said[0] : " papers " + said[1]) + (count > items.length ? "; the first " + items.length + ":" : ":")));
  }
  paperList("Papers that promise code but link none", rep.promised, rep.promisedCount, [
    "says its code (or models, weights, data) will be released or is available, and names no repository or link",
    "say their code (or models, weights, data) will be released or is available, and name no repository or link"]);
  paperList("Papers that name no artifact", rep.bare, rep.bareCount, [
    "names no repository, dataset, benchmark, model or link", "name no repository, dataset, benchmark, model or link"]);
  reportList("Introduced artifacts other batch papers use", rep.used || [], function (li, u) {
    li.appendChild(nodeButton(u[0]));
    li.appendChild(el("span", "count", u[1].join(", ") + " · cited by " + nodes[u[0]][CITED_BY]));
  });
  reportButton.addEventListener("click", function () {
    report.hidden = !report.hidden;
    reportButton.setAttribute("aria-expanded", String(!report.hidden));
  });

  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      timing.painted = performance.now();
      window.papergraph.ready = true;
    });
  });
})();
