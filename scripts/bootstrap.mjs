#!/usr/bin/env node
// `npm start` and `npm test` on a machine that has only Node 20 and npm: install what is
// missing (pnpm; for tests Debian's Chromium), install dependencies, then build and serve,
// or run every check. Each step is printed so a failure says where it happened.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.21.0';
const CHROMIUM = '/usr/bin/chromium';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];

function run(cmd, args, opts = {}) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
}

function has(cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

function ensurePnpm() {
  if (has('pnpm')) return;
  run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`]);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.platform !== 'linux' || !has('apt-get')) {
    console.error(`✖ Browser tests need Chromium at ${CHROMIUM}; install it with your package manager.`);
    process.exit(1);
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium');
}

ensurePnpm();
run('pnpm', ['install', '--frozen-lockfile']);

if (mode === 'start') {
  run('pnpm', ['build']);
  run('node', ['apps/server/dist/main.js']);
} else if (mode === 'test') {
  ensureChromium();
  // Both runners also write JSON reports, so the run ends with one line that counts every test.
  const reports = mkdtempSync(join(tmpdir(), 'inkwell-test-'));
  const vitestReport = join(reports, 'vitest.json');
  const e2eReport = join(reports, 'playwright.json');
  run('pnpm', ['typecheck']);
  run('pnpm', ['lint']);
  // Unused files, exports and dependencies (the linter sees unused code within a file only).
  run('pnpm', ['knip']);
  run('pnpm', ['test:unit', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
  run('pnpm', ['build']);
  run('pnpm', ['test:e2e'], { env: { ...process.env, INKWELL_E2E_JSON: e2eReport } });
  const unit = JSON.parse(readFileSync(vitestReport, 'utf8'));
  const e2e = JSON.parse(readFileSync(e2eReport, 'utf8')).stats;
  const passed = unit.numPassedTests + e2e.expected + e2e.flaky;
  const failed = unit.numFailedTests + e2e.unexpected;
  const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped;
  console.log('\n✔ typecheck, lint, knip, unit, integration and browser tests passed');
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
} else {
  console.error('usage: node scripts/bootstrap.mjs start|test');
  process.exit(2);
}
