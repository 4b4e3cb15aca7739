import { defineConfig } from '@playwright/test';

// Chromium comes from Debian (`npm test` installs it); Playwright's own browser download
// cannot work on this network. The flags keep Chromium off the network and quiet.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  // Each worker starts its own server on a free port; on 2 cores one worker is fastest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ...(process.env.CI ? [] : ([['html', { open: 'never' }]] as const)),
    // `npm test` asks for a JSON report to print one closing count of every test.
    ...(process.env.INKWELL_E2E_JSON ? ([['json', { outputFile: process.env.INKWELL_E2E_JSON }]] as const) : []),
  ],
  outputDir: './test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1200, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    },
  },
});
