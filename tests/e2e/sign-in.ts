import { expect, type Page } from "@playwright/test";

export const DEMO_PIN = "202101";
export const DEMO_PASSWORD = "Linzi-2021";

export async function signInDelegate(page: Page, cardCode: string, pin = DEMO_PIN) {
  await page.goto("/sign-in");
  await page.getByLabel("代表证号").fill(cardCode);
  await page.getByLabel("密码（PIN）").fill(pin);
  await page.getByRole("form", { name: "代表登录" }).getByRole("button", { name: "登录" }).click();
}

export async function signInStaff(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("form", { name: "工作人员登录" }).getByRole("button", { name: "登录" }).click();
}

export async function expectSignedInAsDelegate(page: Page) {
  // Several browsers share a busy test machine: a sign-in and the page after it can take longer than one expect timeout.
  await page.waitForURL(/\/delegate$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("代表，您好");
}

/**
 * A tRPC call as the staff member signed in on `page` — what the cockpit's buttons send —
 * for tests whose subject is the delegate's phone, not the cockpit.
 */
export async function staffCall<T = unknown>(
  page: Page,
  procedure: string,
  input: unknown,
  kind: "mutation" | "query" = "mutation",
): Promise<T> {
  const origin = new URL(page.url()).origin;
  const res =
    kind === "mutation"
      ? await page.request.post(`/api/trpc/${procedure}`, { data: { json: input }, headers: { origin } })
      : await page.request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  expect(res.ok(), `${procedure}: ${JSON.stringify(body.error ?? body).slice(0, 300)}`).toBe(true);
  return body.result!.data!.json as T;
}
