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
      "afford to lose and run `npx next build` first.",
  );
}

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
  webServer: {
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // next start exits 143 on SIGTERM; that is its normal stop.
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "test-secret-at-least-32-characters-long!!",
      BALLOT_SEAL_KEY: process.env.BALLOT_SEAL_KEY ?? "dGVzdC1iYWxsb3Qtc2VhbC1rZXktMzItYnl0ZXMhISE",
      NEXTAUTH_URL: baseURL,
      AUTH_TRUST_HOST: "true",
    },
  },
});
