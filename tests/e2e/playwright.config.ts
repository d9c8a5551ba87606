import { defineConfig } from '@playwright/test';

// The release build (dist/) served by a plain static server from a sub-folder, the way an intranet
// host serves it: scripts/test-e2e.sh links dist/ at target/e2e-root/tools/zrz/.
const port = Number(process.env.E2E_PORT ?? 4173);
export const appPath = '/tools/zrz/';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}${appPath}`,
    acceptDownloads: true,
    actionTimeout: 10_000,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // Without the background-networking flags Chromium keeps dialling Google, which this
      // machine's closed network refuses; none of that is the app's traffic.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ${process.env.E2E_ROOT ?? "../../target/e2e-root-4173"}`,
    url: `http://127.0.0.1:${port}${appPath}index.html`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'ignore',
  },
});
