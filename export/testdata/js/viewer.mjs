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
//     closes the panel, clicks the node on the canvas and reads the panel;
//   - with PAPERGRAPH_VIEWER_SHOT set, saves a screenshot of the whole
//     page with the node chosen there (the README's docs/viewer.png);
//   - looks for elements a hostile title could have injected;
//   - with FRAMES set, measures frames while the camera zooms and the
//     time from a mouse move over a node to the next render (hover).
// Prints one JSON object on stdout.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const [chromium, html, shot, query, frames] = process.argv.slice(2);
const out = {
  consoleErrors: [], pageErrors: [], dialogs: [], requests: [],
  timing: null, results: [], searchPanelTitle: null, clickPanelTitle: null,
  injected: null, perf: null, error: null,
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

  out.injected = await page.evaluate(() => ({
    images: document.querySelectorAll("img").length,
    scripts: document.querySelectorAll("script").length,
    handlers: Array.from(document.querySelectorAll("*")).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith("on"))).length,
    pwned: typeof window.pwned !== "undefined",
  }));

  if (frames) {
    out.perf = await page.evaluate(async (ms) => {
      const s = window.papergraph.sigma;
      const cam = s.getCamera();
      cam.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      // Frames while the camera zooms in and out (what a wheel or pinch does).
      const times = [];
      let going = true;
      const tick = (t) => { times.push(t); if (going) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      await cam.animate({ ratio: 0.2 }, { duration: ms / 2 });
      await cam.animate({ ratio: 1 }, { duration: ms / 2 });
      going = false;
      const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
      // Hover: from setting the hovered node to the end of the render.
      const g = s.getGraph();
      const keys = g.nodes();
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
      const mid = (a) => a[Math.floor(a.length / 2)];
      return {
        frames: times.length,
        fps: (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000),
        medianFrameMs: mid(gaps),
        worstFrameMs: gaps[gaps.length - 1],
        hoverMedianMs: mid(hover),
        hoverWorstMs: hover[hover.length - 1],
      };
    }, Number(frames));
  }
} catch (e) {
  out.error = String(e && e.stack || e);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(out) + "\n");
