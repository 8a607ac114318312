//! Before a run: the previous run's servers (data + logs) and screenshots go,
//! so what is under target/browser/ is this run's only. (Playwright empties
//! its own outputDir, target/browser/results, itself.)
const fs = require('node:fs');
const path = require('node:path');

module.exports = async function globalSetup() {
  const target = path.resolve(__dirname, '../../target/browser');
  for (const dir of ['servers', 'screenshots']) {
    fs.rmSync(path.join(target, dir), { recursive: true, force: true });
  }
};
