// Run Lighthouse on many pages with one chromium: launching a browser per page would cost more
// than the audits. Used by tests/test_lighthouse.py (accessibility) and benchmarks/page_budget.py
// (performance, which is measured, never asserted in a test).
//
//   node audit.mjs JOB.json
//
// JOB.json: {"chrome": "/usr/bin/chromium", "flags": [...], "categories": ["accessibility"],
//            "pages": [{"name": "start", "url": "http://127.0.0.1:8000/", "width": 390,
//                       "report": "/path/start-390.json"}]}
// Prints one line of JSON: [{"name", "width", "scores": {category: score}, "failing": [audit ids]}].
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

// A phone (Lighthouse's default mobile emulation, at the page's width) or a desktop screen.
function settingsFor(width) {
  const phone = width < 800;
  return {
    config: phone ? undefined : desktopConfig,
    flags: {
      formFactor: phone ? "mobile" : "desktop",
      screenEmulation: {
        mobile: phone,
        width,
        height: phone ? 844 : 800,
        deviceScaleFactor: phone ? 2 : 1,
        disabled: false,
      },
    },
  };
}

const chrome = await chromeLauncher.launch({ chromePath: job.chrome, chromeFlags: job.flags });
const summary = [];
try {
  for (const page of job.pages) {
    const { config, flags } = settingsFor(page.width);
    const result = await lighthouse(
      page.url,
      {
        ...flags,
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: job.categories,
        disableFullPageScreenshot: true,
      },
      config,
    );
    fs.writeFileSync(page.report, result.report);
    const lhr = result.lhr;
    const scores = Object.fromEntries(
      Object.entries(lhr.categories).map(([key, category]) => [key, category.score]),
    );
    const failing = Object.values(lhr.categories)
      .flatMap((category) => category.auditRefs.map((ref) => ref.id))
      .filter((id) => lhr.audits[id].score !== null && lhr.audits[id].score < 1);
    summary.push({ name: page.name, width: page.width, scores, failing: [...new Set(failing)].sort() });
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(summary) + "\n");
