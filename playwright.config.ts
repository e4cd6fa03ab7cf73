import { defineConfig, devices } from "@playwright/test";

// E2E runs against the production build (`next build` + `next start`), never `next dev`.
// scripts/test.sh builds the app, creates + seeds E2E_DATABASE_URL and picks a free E2E_PORT.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) {
  throw new Error(
    "E2E_DATABASE_URL is not set. Run the e2e tests through `npm test` (it starts PostgreSQL, " +
      "seeds a database and builds the app), or set E2E_DATABASE_URL to a seeded database you can " +
      "afford to lose and run `npm run build` first.",
  );
}

// The follow-up demo (DEMO_STAGE=followup) is served by a second server on its own database
// and its own copy of the build (two `next start` on one build folder would share its page
// cache, and a resident could be served the other database's pages). scripts/test.sh sets
// E2E_FOLLOWUP_DATABASE_URL, copies the build to E2E_FOLLOWUP_DIST_DIR; tests/e2e/demo-followup
// reads the address from E2E_FOLLOWUP_BASE_URL, set here for every worker.
const followupDatabaseUrl = process.env.E2E_FOLLOWUP_DATABASE_URL;
const followupPort = Number(process.env.E2E_FOLLOWUP_PORT ?? port + 1);
process.env.E2E_FOLLOWUP_BASE_URL = `http://127.0.0.1:${followupPort}`;

const serverEnv = (url: string, database: string) => ({
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: database,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "test-secret-at-least-32-characters-long!!",
  BALLOT_SEAL_KEY: process.env.BALLOT_SEAL_KEY ?? "dGVzdC1iYWxsb3Qtc2VhbC1rZXktMzItYnl0ZXMhISE",
  NEXTAUTH_URL: url,
  AUTH_TRUST_HOST: "true",
  // The specs play residents from many addresses through X-Forwarded-For, believed because
  // 127.0.0.1 is listed as our proxy.
  TRUSTED_PROXIES: "127.0.0.1",
});

// Files named *.desktop.spec.ts run only on desktop, *.phone.spec.ts only on the phone;
// every other *.spec.ts runs in both.
const PHONE_ONLY = /\.phone\.spec\.ts$/;
const DESKTOP_ONLY = /\.desktop\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: /\.spec\.ts$/,
  outputDir: "tests/artifacts/test-results",
  reporter: [["list"], ["html", { outputFolder: "tests/artifacts/playwright-report", open: "never" }]],
  forbidOnly: !!process.env.CI,
  // CI machines have 2 cores, and next start + Chromium + PostgreSQL share them.
  workers: process.env.CI ? 1 : undefined,
  retries: 0,
  timeout: 60_000,
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: no `npx playwright install` on these machines.
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    {
      name: "phone",
      testIgnore: DESKTOP_ONLY,
      // A Pixel 7, narrowed to the 360 px width the delegate pages promise to fit.
      use: { ...devices["Pixel 7"], viewport: { width: 360, height: 780 }, defaultBrowserType: "chromium" },
    },
    {
      name: "desktop",
      testIgnore: PHONE_ONLY,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, defaultBrowserType: "chromium" },
    },
  ],
  webServer: [
    {
      // As npm start serves it (scripts/serve-next.cjs stamps each request with the connection's address).
      command: `node scripts/serve-next.cjs start -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      // next start exits 143 on SIGTERM; that is its normal stop.
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: serverEnv(baseURL, databaseUrl),
    },
    ...(followupDatabaseUrl
      ? [
          {
            command: `node scripts/serve-next.cjs start -p ${followupPort} -H 127.0.0.1`,
            url: `${process.env.E2E_FOLLOWUP_BASE_URL}/api/health`,
            reuseExistingServer: false,
            timeout: 120_000,
            stdout: "pipe" as const,
            stderr: "pipe" as const,
            gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
            env: {
              ...serverEnv(process.env.E2E_FOLLOWUP_BASE_URL, followupDatabaseUrl),
              NEXT_DIST_DIR: process.env.E2E_FOLLOWUP_DIST_DIR ?? ".next-e2e-followup",
            },
          },
        ]
      : []),
  ],
});
