//! What every browser walk shares: `test` with a server of its own per
//! project, the demo users, signing in and out by what a person sees, the
//! accessibility check, screenshots (which also check that a 360 px page
//! does not scroll sideways) and the small helpers the walks read pages with.
//!
//! A spec starts with
//!   const { test, expect, signIn, checkA11y } = require('./lib');
//! and its `page.goto('/…')` goes to this project's server.
// @ts-check
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const crypto = require('node:crypto');
const { test: base, expect } = require('@playwright/test');
const { AxeBuilder } = require('@axe-core/playwright');

const REPO = path.resolve(__dirname, '../..');
const TARGET = path.join(REPO, 'target/browser');

// --- the demo ------------------------------------------------------------

/** The password of every demo user (src/demo.rs: DEMO_PASSWORD). */
const DEMO_PASSWORD = 'visitdesk-demo';

/** One demo user per role (src/demo.rs: USERS), by username. */
const DEMO_USERS = {
  admin: { role: 'admin', unit: null },
  ngoaivu: { role: 'foreign_affairs', unit: 'Sở Ngoại vụ' },
  vanphong: { role: 'provincial_office', unit: 'Văn phòng UBND tỉnh' },
  congan: { role: 'police', unit: 'Công an tỉnh' },
  donvi: { role: 'host_unit', unit: 'Sở Kế hoạch và Đầu tư' },
  xemtin: { role: 'viewer', unit: 'Sở Thông tin và Truyền thông' },
};

/** The console's words the helpers look for; Vietnamese is the default. */
const WORDS = {
  vi: { username: 'Tên đăng nhập', password: 'Mật khẩu', signIn: 'Đăng nhập', signOut: 'Đăng xuất' },
  en: { username: 'Username', password: 'Password', signIn: 'Sign in', signOut: 'Sign out' },
};

// --- the server ----------------------------------------------------------

/** A TCP port nothing listens on now, on the loopback. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `visitdesk serve --demo` on a fresh SQLite database in
 * target/browser/servers/<name>/ (its log: server.log beside the data) and
 * waits for GET /readyz to answer 200.
 * @param {string} name
 */
async function startServer(name) {
  const bin = process.env.VISITDESK_BIN || path.join(REPO, 'target/release/visitdesk');
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} is missing: build it with \`cargo build --release --locked\` (or set VISITDESK_BIN)`);
  }
  const dir = path.join(TARGET, 'servers', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const logPath = path.join(dir, 'server.log');
  const log = fs.openSync(logPath, 'w');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  // The server reads DATABASE_URL and VISITDESK_* as defaults for its flags:
  // none from the caller's shell may point it at another database or address.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && !k.startsWith('VISITDESK_')),
  );
  // A throw-away signing key: the sessions die with the server.
  env.VISITDESK_JWT_SECRET = crypto.randomBytes(32).toString('hex');
  env.RUST_LOG = process.env.RUST_LOG || 'info';

  const child = spawn(
    bin,
    ['serve', '--demo', '--data-dir', path.join(dir, 'data'), '--bind', `127.0.0.1:${port}`],
    { env, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  // Should the worker die without its teardown, the server goes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (exited) return;
    child.kill('SIGTERM'); // graceful: idle, it stops at once
    if ((await Promise.race([exit, sleep(10_000)])) === undefined) {
      child.kill('SIGKILL');
      await exit;
    }
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      throw new Error(`visitdesk serve stopped at start (${JSON.stringify(exited)}):\n${fs.readFileSync(logPath, 'utf8')}`);
    }
    try {
      const answer = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (answer.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`visitdesk serve did not answer /readyz with 200 in 60 s (log: ${logPath})`);
    }
    await sleep(200);
  }
  return { url, logPath, stop };
}

/** Contexts made without JavaScript (see checkA11y). */
const scriptless = new WeakSet();

const test = base.extend({
  // One server per worker; a worker runs one project, so "js" and "nojs"
  // never see each other's records. Should a worker be replaced after a
  // failure, the next one starts from a fresh demo database.
  server: [
    async ({}, use, workerInfo) => {
      const server = await startServer(`${workerInfo.project.name}-w${workerInfo.workerIndex}`);
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  context: async ({ context, javaScriptEnabled }, use) => {
    if (javaScriptEnabled === false) scriptless.add(context);
    await use(context);
  },
});

// --- signing in and out -----------------------------------------------------

/**
 * Signs in through /sign-in as a person would: by the fields' labels and the
 * button's name; waits until the page offers to sign out.
 * @param {import('@playwright/test').Page} page
 * @param {string} username
 * @param {string} [password]
 * @param {{ lang?: 'vi' | 'en' }} [options]
 */
async function signIn(page, username, password = DEMO_PASSWORD, { lang = 'vi' } = {}) {
  const w = WORDS[lang];
  await page.goto('/sign-in');
  await page.getByLabel(w.username, { exact: true }).fill(username);
  await page.getByLabel(w.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: w.signIn, exact: true }).click();
  await expect(page.getByRole('button', { name: w.signOut, exact: true })).toBeVisible();
}

/**
 * @param {import('@playwright/test').Page} page
 * @param {{ lang?: 'vi' | 'en' }} [options]
 */
async function signOut(page, { lang = 'vi' } = {}) {
  const button = page.getByRole('button', { name: WORDS[lang].signOut, exact: true });
  await button.click();
  await expect(button).toHaveCount(0);
}

// --- what a person reads and picks ----------------------------------------

/** A day `days` from today in the province, as the date inputs take it. */
function isoDay(days) {
  // The province is UTC+7 all year; its today, not the machine's.
  const d = new Date(Date.now() + 7 * 3600_000);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** dd/mm/yyyy, as the Vietnamese pages write a day. */
function viDay(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "9 Dec 2026", as the English pages write a day. */
function enDay(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return `${d} ${month} ${y}`;
}

/** `text` as a regular expression matches it: its special characters escaped. */
function escaped(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Follows a link of the console's main navigation. */
async function nav(page, name) {
  await page.getByRole('navigation', { name: 'Các mục chính' }).getByRole('link', { name, exact: true }).click();
}

/** The notice a page shows after a change was made. */
function notice(page) {
  return page.getByRole('status');
}

/** Picks the option of a select whose text contains `text` (its label
 * carries more than the name a person looks for, e.g. the outlet). */
async function chooseOption(select, text) {
  const option = select.locator('option', { hasText: text });
  await expect(option).toHaveCount(1);
  await select.selectOption({ label: (await option.innerText()).trim() });
}

// --- accessibility ----------------------------------------------------------

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Without JavaScript a page's timers never fire, and axe-core waits on
// setTimeout (measured: analyze() hangs until the test times out). For those
// pages axe is injected behind a setTimeout that runs its callback as a
// promise reaction: those still run (plain V8), where queueMicrotask's do
// not (tried: it hangs the same). No page script ever ran there, so only axe
// sees the swap. axe's preloading of stylesheets (for css-orientation-lock)
// races a timeout, which would now fire at once: it is switched off there;
// the "js" walk still checks it on the same CSS.
const TIMERS_AS_MICROTASKS = `(() => {
  if (window.__visitdeskTimers) return;
  window.__visitdeskTimers = true;
  let next = 1;
  const cancelled = new Set();
  window.setTimeout = (fn, _ms, ...args) => {
    const id = next++;
    Promise.resolve().then(() => { if (!cancelled.delete(id)) fn(...args); });
    return id;
  };
  window.clearTimeout = (id) => { cancelled.add(id); };
})();
`;
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0 and 2.1, A and AA) on the page as it is now and
 * fails with every violation's rule, help and elements.
 * Note: axe counts <noscript> content as hidden, even with JavaScript off.
 * @param {import('@playwright/test').Page} page
 */
async function checkA11y(page) {
  const noJs = scriptless.has(page.context());
  let axe = new AxeBuilder({ page, ...(noJs ? { axeSource: TIMERS_AS_MICROTASKS + AXE_SOURCE } : {}) }).withTags(
    WCAG_21_AA,
  );
  if (noJs) axe = axe.options({ preload: false });
  const { violations } = await axe.analyze();
  const report = violations
    .map((v) =>
      [
        `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}`),
      ].join('\n'),
    )
    .join('\n');
  expect(violations.length, `axe-core violations on ${page.url()}:\n${report}\n`).toBe(0);
}

// --- screenshots --------------------------------------------------------------

/**
 * The page as it is laid out now scrolls only up and down: nothing makes
 * the document wider than the viewport (on a 360 px phone a wide table or
 * an unbroken address would make a person scroll sideways to read it).
 * Fails naming the elements that stick out past the right edge.
 * @param {import('@playwright/test').Page} page
 */
async function expectNoSideScroll(page) {
  const { width, scrollWidth, wide } = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 0.5 && wide.length < 8) {
        const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean) : [];
        const name = [el.tagName.toLowerCase(), ...cls].join('.');
        wide.push(`${name} (right edge ${Math.round(r.right)} px)`);
      }
    }
    return { width, scrollWidth: root.scrollWidth, wide };
  });
  expect(
    scrollWidth,
    `${page.url()} is ${scrollWidth} px wide in a ${width} px viewport; sticking out: ${wide.join(', ')}`,
  ).toBeLessThanOrEqual(width);
}

/**
 * Full-page PNGs at 1280 and 360 px wide into
 * target/browser/screenshots/<project>-<name>-<width>.png; the viewport is
 * put back as it was. At 360 px the page must not scroll sideways
 * (expectNoSideScroll).
 * @param {import('@playwright/test').Page} page
 * @param {string} name
 */
async function screenshots(page, name) {
  const project = test.info().project.name;
  const before = page.viewportSize();
  try {
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({
        path: path.join(TARGET, 'screenshots', `${project}-${name}-${width}.png`),
        fullPage: true,
      });
      if (width === 360) await expectNoSideScroll(page);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

module.exports = {
  test,
  expect,
  DEMO_PASSWORD,
  DEMO_USERS,
  WORDS,
  signIn,
  signOut,
  isoDay,
  viDay,
  enDay,
  escaped,
  nav,
  notice,
  chooseOption,
  checkA11y,
  expectNoSideScroll,
  screenshots,
};
