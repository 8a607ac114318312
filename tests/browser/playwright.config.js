//! Playwright's configuration for the console's browser walks: every spec runs
//! twice, with JavaScript ("js") and without ("nojs"), each project against
//! its own `visitdesk serve --demo` (the worker-scoped `server` fixture in
//! lib.js). Run through ./run, which installs what is missing first.
// @ts-check
const path = require('node:path');
const { defineConfig } = require('@playwright/test');

const TARGET = path.resolve(__dirname, '../../target/browser');

// Debian's Chromium, not one Playwright downloads (the install runs with
// PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1). Chromium refuses to start as root
// without --no-sandbox, and CI runs as root.
const chromium = {
  browserName: /** @type {const} */ ('chromium'),
  launchOptions: {
    executablePath: process.env.VISITDESK_CHROMIUM || '/usr/bin/chromium',
    args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
  },
};

module.exports = defineConfig({
  testDir: __dirname,
  testMatch: '*.spec.js',
  outputDir: path.join(TARGET, 'results'),
  globalSetup: require.resolve('./global-setup.js'),
  // One worker: CI has 2 cores, and the server needs one of them. A worker
  // runs one project, so "js" and "nojs" run one after the other.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    ...chromium,
    // The console speaks Vietnamese first; the browser asks for it too.
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'nojs', use: { javaScriptEnabled: false } },
  ],
});
