// Load a graph.html in the system's headless Chromium and report what a
// person would see and do.
//
// Usage: node viewer.mjs CHROMIUM HTML SCREENSHOT.png QUERY [FRAMES]
//
// Opens HTML from disk with puppeteer-core (no browser download: CHROMIUM
// is the Debian binary) in a fresh profile, then:
//   - waits for the first render and reads the page's timings;
//   - records console errors, page errors, dialogs (alert, confirm) and
//     every request that is not the file itself;
//   - saves a screenshot of the graph area to SCREENSHOT.png;
//   - types QUERY into the search box and reads the results;
//   - picks the first result (Enter), which centres the camera on it;
//     reads the PageRank in its panel's centrality table; closes the
//     panel, clicks the node on the canvas and reads the panel;
//   - opens the Report, reads it and clicks its most central paper;
//   - with PAPERGRAPH_VIEWER_SHOT set, saves a screenshot of the whole
//     page with the node chosen there (the README's docs/viewer.png);
//   - counts the edges drawn, and with "Draw all edges" ticked when the
//     page offers it;
//   - ticks "Colour by community" and checks each node's colour;
//   - looks for elements a hostile title could have injected;
//   - with FRAMES set (milliseconds), measures frame times from
//     requestAnimationFrame while the camera zooms (animated), while the
//     mouse drags the graph (pan) and while the wheel turns, each for
//     about FRAMES ms, and the time a hover highlight takes.
// Prints one JSON object on stdout.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const [chromium, html, shot, query, frames] = process.argv.slice(2);
const out = {
  consoleErrors: [], pageErrors: [], dialogs: [], requests: [],
  timing: null, results: [], searchPanelTitle: null, searchPanelText: null, panelPageRank: null, clickPanelTitle: null,
  reportText: null, reportPaperTitle: null,
  injected: null, perf: null, error: null, edgesDrawn: null, edgesDrawnAll: null, byCommunity: null,
};
const profile = mkdtempSync(join(tmpdir(), "papergraph-chromium-"));
const url = pathToFileURL(html).href;
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  userDataDir: profile,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-unsafe-swiftshader",
  ],
  defaultViewport: { width: 1400, height: 900 },
});
try {
  const page = await browser.newPage();
  page.on("console", (m) => { if (m.type() === "error") out.consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => out.pageErrors.push(String(e)));
  page.on("dialog", async (d) => { out.dialogs.push(d.message()); await d.dismiss(); });
  page.on("request", (r) => { if (r.url() !== url) out.requests.push(r.url()); });

  const start = Date.now();
  await page.goto(url, { waitUntil: "load", timeout: 120000 });
  await page.waitForFunction(() => window.papergraph && window.papergraph.ready, { timeout: 120000 });
  out.timing = await page.evaluate(() => ({
    ...window.papergraph.timing,
    domContentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
  }));
  out.timing.wallToReady = Date.now() - start;

  const graphArea = await page.$("#graph");
  await graphArea.screenshot({ path: shot });

  if (query) {
    await page.type("#search", query);
    await page.waitForFunction(() => !document.getElementById("results").hidden, { timeout: 10000 });
    out.results = await page.$$eval("#results li", (lis) => lis.map((li) => li.firstChild ? li.firstChild.textContent : ""));
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !document.getElementById("panel").hidden, { timeout: 10000 });
    out.searchPanelTitle = await page.$eval("#panel h1", (h) => h.textContent);
    out.searchPanelText = await page.$eval("#panel", (p) => p.innerText);
    out.panelPageRank = await page.$$eval("#panel .measures tr", (trs) => {
      const tr = trs.find((r) => r.cells[0].textContent === "PageRank");
      return tr ? tr.cells[1].textContent : null;
    });
    const key = await page.evaluate(() => window.papergraph.selected());
    await new Promise((r) => setTimeout(r, 700)); // the camera move takes 400 ms
    await page.click("#close");
    const at = await page.evaluate((k) => {
      const s = window.papergraph.sigma;
      const p = s.graphToViewport(s.getGraph().getNodeAttributes(k));
      const r = s.getContainer().getBoundingClientRect();
      return { x: p.x + r.left, y: p.y + r.top };
    }, key);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => !document.getElementById("panel").hidden, { timeout: 10000 }).catch(() => {});
    out.clickPanelTitle = await page.$eval("#panel", (p) => (p.hidden ? null : p.querySelector("h1").textContent));
    if (process.env.PAPERGRAPH_VIEWER_SHOT) {
      // The README's picture: the whole page, zoomed out again, the node
      // chosen (panel open, neighbours highlighted).
      await page.evaluate(() => window.papergraph.sigma.getCamera().animatedReset({ duration: 0 }));
      await page.mouse.move(5, 5);
      await new Promise((r) => setTimeout(r, 500));
      await page.screenshot({ path: process.env.PAPERGRAPH_VIEWER_SHOT });
    }
  }

  // The Report: its text, and the panel its first central paper opens.
  if (await page.$("#report-button")) {
    await page.click("#report-button");
    out.reportText = await page.$eval("#report", (r) => (r.hidden ? null : r.innerText));
    const first = await page.$("#report ol:nth-of-type(2) .nb");
    if (first) {
      await first.click();
      await page.waitForFunction(() => !document.getElementById("panel").hidden, { timeout: 10000 }).catch(() => {});
      out.reportPaperTitle = await page.$eval("#panel", (p) => (p.hidden ? null : p.querySelector("h1").textContent));
    }
    await page.click("#report-button");
  }

  // Edges drawn (not hidden) with nothing chosen, before and after
  // "Draw all edges" when the page offers it.
  const drawn = () => page.evaluate(() => {
    const s = window.papergraph.sigma;
    let n = 0;
    s.getGraph().forEachEdge((k) => { const d = s.getEdgeDisplayData(k); if (d && !d.hidden) n++; });
    return n;
  });
  await page.click("#close").catch(() => {});
  await page.mouse.move(5, 5);
  out.edgesDrawn = await drawn();
  if (await page.$("#all-edges")) {
    await page.click("#all-edges");
    out.edgesDrawnAll = await drawn();
    await page.click("#all-edges");
  }

  // "Colour by community": every node in its community's colour (grey
  // past the palette), a legend row per coloured community.
  if (await page.$("#by-community")) {
    await page.click("#by-community");
    out.byCommunity = await page.evaluate(() => {
      const s = window.papergraph.sigma;
      const d = JSON.parse(document.getElementById("graph-data").textContent);
      let nodes = 0, agree = 0;
      s.getGraph().forEachNode((k, a) => {
        const n = d.nodes[a.i], c = n[9];
        const want = c >= 0 && c < d.communityColors.length && !n[10] ? d.communityColors[c] : d.otherCommunityColor;
        nodes++;
        if (s.getNodeDisplayData(k).color === want) agree++;
      });
      return { nodes, agree, legendRows: document.querySelectorAll("#community-legend .legend-row").length };
    });
    if (process.env.PAPERGRAPH_VIEWER_COMMUNITY_SHOT) {
      await new Promise((r) => setTimeout(r, 500));
      await page.screenshot({ path: process.env.PAPERGRAPH_VIEWER_COMMUNITY_SHOT });
    }
    await page.click("#by-community");
  }

  out.injected = await page.evaluate(() => ({
    images: document.querySelectorAll("img").length,
    scripts: document.querySelectorAll("script").length,
    handlers: Array.from(document.querySelectorAll("*")).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith("on"))).length,
    pwned: typeof window.pwned !== "undefined",
  }));

  if (frames) {
    // Frame times while the camera moves, from requestAnimationFrame: each
    // gap between two frames is what one frame took (sigma draws in
    // requestAnimationFrame, so a slow draw delays the next frame).
    const ms = Number(frames);
    await page.evaluate(() => {
      const s = window.papergraph.sigma;
      s.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      window.__rec = { times: [], renders: 0, going: false };
      s.on("afterRender", () => { if (window.__rec.going) window.__rec.renders++; });
    });
    const start = () => page.evaluate(() => new Promise((resolve) => {
      const r = window.__rec;
      r.times = []; r.renders = 0; r.going = true;
      const gen = r.gen = (r.gen || 0) + 1; // an earlier chain stops
      const tick = (t) => { if (gen !== r.gen) return; r.times.push(t); if (r.going) requestAnimationFrame(tick); };
      requestAnimationFrame((t) => { tick(t); resolve(); });
    }));
    const stop = () => page.evaluate(() => {
      const r = window.__rec;
      r.going = false;
      const gaps = r.times.slice(1).map((t, i) => t - r.times[i]).sort((a, b) => a - b);
      const q = (f) => gaps[Math.min(gaps.length - 1, Math.floor(f * gaps.length))];
      return {
        frames: r.times.length, renders: r.renders,
        fps: (r.times.length - 1) / ((r.times[r.times.length - 1] - r.times[0]) / 1000),
        medianFrameMs: q(0.5), p90FrameMs: q(0.9), worstFrameMs: gaps[gaps.length - 1],
      };
    });
    const box = await (await page.$("#graph")).boundingBox();
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    out.perf = {};
    // Zoom: the camera animates in and out, as a double click or the
    // zoom-to-fit button do.
    await start();
    await page.evaluate(async (ms) => {
      const cam = window.papergraph.sigma.getCamera();
      await cam.animate({ ratio: 0.2 }, { duration: ms / 2 });
      await cam.animate({ ratio: 1 }, { duration: ms / 2 });
    }, ms);
    out.perf.zoom = await stop();
    // Pan: a mouse drag across the graph.
    await start();
    await page.mouse.down();
    const steps = 40;
    const t0 = Date.now();
    for (let i = 1; i <= steps; i++) {
      await page.mouse.move(cx + (i * 300) / steps, cy + (i * 120) / steps);
      const wait = t0 + (i * ms) / steps - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await page.mouse.up();
    out.perf.pan = await stop();
    // Wheel: scroll steps, as a mouse wheel or a touchpad send.
    await start();
    const t1 = Date.now();
    for (let i = 1; i <= 20; i++) {
      await page.mouse.wheel({ deltaY: i <= 10 ? -120 : 120 });
      const wait = t1 + (i * ms) / 20 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await new Promise((r) => setTimeout(r, 300));
    out.perf.wheel = await stop();
    // Hover: from setting the hovered node to the end of its repaint.
    out.perf.hover = await page.evaluate(() => {
      const s = window.papergraph.sigma;
      const keys = s.getGraph().nodes();
      const hover = [];
      for (let i = 0; i < 20; i++) {
        const k = keys[(i * 7919) % keys.length];
        const t0 = performance.now();
        s.emit("enterNode", { node: k }); // the viewer's handler refreshes
        const t1 = performance.now();
        s.emit("leaveNode", { node: k });
        hover.push(t1 - t0);
      }
      hover.sort((a, b) => a - b);
      return { medianMs: hover[Math.floor(hover.length / 2)], worstMs: hover[hover.length - 1] };
    });
  }
} catch (e) {
  out.error = String(e && e.stack || e);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(out) + "\n");
