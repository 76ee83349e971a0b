/**
 * The web interface's first page: `/` of the production build opened in Debian's
 * Chromium (playwright-core, headless, never a downloaded browser), each sample in a new
 * browser context — its own empty cache, cookies and connections, so every load is a
 * cold one — timed from navigation start to the login form being usable (its submit
 * button in the page and enabled), against the budget of 1.5 s; and the gzipped
 * size of the built JavaScript and CSS against 300 kB.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { percentile, round } from './util.mjs';

export const FIRST_PAGE_BUDGET_MS = 1500;
/** kB of 1,024 bytes, as the browser test counts them. */
export const BUNDLE_BUDGET_KB = 300;
export const CHROMIUM = '/usr/bin/chromium';
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** The flags of the browser tests (test/browser/support/browser.ts). */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Runs in the page before its own scripts (through the DevTools protocol, so the
 * application's CSP stays as it is): notes `performance.now()` — milliseconds since
 * navigation start — at the first DOM change after which the login button is there and
 * enabled, without the polling delay of waiting from outside.
 */
function watchLoginForm() {
  // The page's globals (this module's linting knows Node's only).
  const { document, MutationObserver } = globalThis;
  const usable = () => {
    const button = document.querySelector('form button[type="submit"]');
    return button !== null && !button.disabled && /Se connecter/.test(button.textContent ?? '');
  };
  const observer = new MutationObserver(() => {
    if (!usable()) return;
    globalThis.__loginUsableAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

/** Gzipped sizes (default level, as the browser test measures them) of dist/web's JS and CSS, in kB. */
export function webBundleSize(root = WEB_ROOT) {
  const files = readdirSync(join(root, 'assets')).filter((file) => ['.js', '.css'].includes(extname(file)));
  if (!files.length) throw new Error(`no JS or CSS under ${root}assets: npm run build`);
  const size = { js: 0, css: 0 };
  for (const file of files) {
    size[extname(file).slice(1)] += gzipSync(readFileSync(join(root, 'assets', file))).length;
  }
  const kb = (bytes) => round(bytes / 1024, 1);
  return {
    files: files.length,
    jsGzipKb: kb(size.js),
    cssGzipKb: kb(size.css),
    totalGzipKb: kb(size.js + size.css),
    budgetKb: BUNDLE_BUDGET_KB,
    jsToBudget: round(size.js / 1024 / BUNDLE_BUDGET_KB, 2),
    totalToBudget: round((size.js + size.css) / 1024 / BUNDLE_BUDGET_KB, 2),
  };
}

/**
 * Opens `${baseUrl}/` `samples` times after `warmup` loads, each in a fresh context.
 * Returns { skipped } when Chromium or playwright-core is not installed.
 */
export async function measureFirstPage(baseUrl, { samples = 10, warmup = 1, executablePath = CHROMIUM } = {}) {
  if (!existsSync(executablePath)) return { skipped: `${executablePath} not found (apt-get install chromium)` };
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return { skipped: 'playwright-core is not installed' };
  }
  // A launched (not persistent) browser runs on a temporary profile folder of its own, removed on close.
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  const loads = [];
  try {
    for (let i = 0; i < warmup + samples; i++) {
      const load = await openOnce(browser, baseUrl);
      if (i >= warmup) loads.push(load);
    }
  } finally {
    await browser.close();
  }
  const usable = loads.map((load) => load.usableMs);
  const median = round(percentile(usable, 50), 0);
  const p95 = round(percentile(usable, 95), 0);
  return {
    samples,
    warmup,
    medianMs: median,
    p95Ms: p95,
    maxMs: round(Math.max(...usable), 0),
    domInteractiveMedianMs: round(
      percentile(
        loads.map((load) => load.domInteractiveMs),
        50,
      ),
      0,
    ),
    responseEndMedianMs: round(
      percentile(
        loads.map((load) => load.responseEndMs),
        50,
      ),
      0,
    ),
    /** Bytes over the wire for the page and its files (the server does not compress them). */
    transferredKb: round(loads[0].transferredBytes / 1024, 1),
    budgetMs: FIRST_PAGE_BUDGET_MS,
    medianToBudget: round(median / FIRST_PAGE_BUDGET_MS, 2),
    p95ToBudget: round(p95 / FIRST_PAGE_BUDGET_MS, 2),
  };
}

async function openOnce(browser, baseUrl) {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
  });
  try {
    await context.addInitScript(watchLoginForm);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
    if (!response?.ok()) throw new Error(`GET /: ${response?.status()}`);
    await page.waitForFunction(() => globalThis.__loginUsableAt !== undefined, null, { timeout: 30_000 });
    if (errors.length) throw new Error(`the first page threw: ${errors.join('; ')}`);
    return await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation');
      const resources = performance.getEntriesByType('resource');
      return {
        usableMs: globalThis.__loginUsableAt,
        domInteractiveMs: navigation.domInteractive,
        responseEndMs: navigation.responseEnd,
        transferredBytes: [navigation, ...resources].reduce((total, entry) => total + entry.transferSize, 0),
      };
    });
  } finally {
    await context.close();
  }
}

/** One line for the log and the report. */
export function describeFirstPage(web) {
  const { firstPage: f, bundle: b } = web;
  const size =
    `JS ${b.jsGzipKb} kB + CSS ${b.cssGzipKb} kB gzipped = ${b.totalGzipKb} kB ` +
    `(${b.totalToBudget} of the ${b.budgetKb} kB budget; JS alone ${b.jsToBudget})`;
  if (f.skipped) return `first page in Chromium: skipped — ${f.skipped}; ${size}`;
  if (f.failed) return `first page in Chromium: FAILED — ${f.failed}; ${size}`;
  return (
    `first page (/ to the login form usable, cold cache, ${f.samples} loads): median ${f.medianMs} ms, ` +
    `p95 ${f.p95Ms} ms (${f.medianToBudget} / ${f.p95ToBudget} of the ${f.budgetMs} ms budget), ` +
    `DOM interactive ${f.domInteractiveMedianMs} ms, ${f.transferredKb} kB transferred; ${size}`
  );
}
