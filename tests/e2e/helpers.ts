import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

/**
 * Waits until React has hydrated the page's <main>: its fiber hangs off the node only once
 * main and everything in it were matched to the server's HTML. page.goto returns at the load
 * event, which on a slow machine comes while hydration is still under way; a node a test adds
 * before then is an unexpected child, and React's recovery renders main afresh without it.
 */
export const hydrated = (page: Page) =>
  page.waitForFunction(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__reactFiber")));

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"];
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

/**
 * Runs axe (WCAG 2.0 A/AA + 2.1 AA) on the current page and fails on any serious or
 * critical violation, listing each rule and the offending elements so the failure can
 * be fixed from the log alone. Minor/moderate findings are printed but do not fail.
 */
export async function expectNoSeriousAxeViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const blocking = results.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ""));
  const other = results.violations.filter((v) => !BLOCKING_IMPACTS.has(v.impact ?? ""));

  const describe = (violations: typeof results.violations) =>
    violations
      .map((v) => {
        const nodes = v.nodes
          .slice(0, 10)
          .map((n) => `      - ${n.target.join(" ")}\n        ${n.failureSummary?.replaceAll("\n", "\n        ") ?? ""}`)
          .join("\n");
        const more = v.nodes.length > 10 ? `\n      … and ${v.nodes.length - 10} more` : "";
        return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
      })
      .join("\n");

  if (other.length > 0) {
    console.log(`axe (${name}): ${other.length} minor/moderate violation(s), not failing:\n${describe(other)}`);
  }
  // Compare the count, not the objects: the message already lists them readably.
  expect(blocking.length, `axe (${name}) at ${page.url()}: ${blocking.length} serious/critical violation(s):\n${describe(blocking)}`).toBe(
    0,
  );
}

/**
 * Saves a full-page screenshot as `<name>.png` in the test's output folder and attaches
 * it to the report. Screenshots are how reviewers see what a delegate sees.
 */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const path = testInfo.outputPath(`${name.replace(/[^\p{L}\p{N}._-]+/gu, "-")}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
  return path;
}
