import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadOrgConfig } from '../../infra/org-config';
import { metaSignature } from '../../local/meta-signature';
import { PATHS } from '../../local/paths';
import { readSecretsFile } from '../../local/secrets-manager';
import type { LocalSystem } from '../../local/start';
import { corpusBytes } from '../integration/support';
import { demoDeliveries as sharedDemoDeliveries, type DemoDelivery } from '../../local/demo-deliveries';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with a fresh profile. Missing Chromium fails the run (never a skip):
 * CI's .ci/run installs it; locally `apt-get install -y chromium` as root.
 */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the console's end-to-end tests need it. Install it with \`apt-get update && apt-get install -y chromium\` (as root), then run the tests again.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'console-e2e-profile-'));
  // launchPersistentContext is how playwright takes a --user-data-dir: a new, empty one per run.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    // axe-core goes in as an inline script tag, which the console's CSP (rightly) refuses.
    bypassCSP: true,
  });
  // Only the local system: the NHS fonts' host (assets.nhs.uk) is not reachable here; Arial stands in.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/u, (route) => route.abort());
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const AXE = resolve(__dirname, '../../node_modules/axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe-core on the page as it is (WCAG 2.0, 2.1 and 2.2 A and AA rules): the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The deliveries `npm run demo` sends (local/demo-deliveries.ts), in the order it sends them. */
export function demoDeliveries(runId: string): DemoDelivery[] {
  const { asIs, derived } = sharedDemoDeliveries(runId, corpusBytes);
  return [...asIs, ...derived];
}

/** Posts signed Facebook deliveries to the running system's webhook and waits until they are handled. */
export async function postSigned(system: LocalSystem, deliveries: Array<{ body: Buffer }>): Promise<void> {
  const org = loadOrgConfig(PATHS.orgConfig);
  const { appSecret } = readSecretsFile(system.secretsFile).secrets[org.secrets.meta] as { appSecret: string };
  for (const delivery of deliveries) {
    const response = await fetch(system.urls.webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(appSecret, delivery.body) },
      body: delivery.body,
    });
    if (response.status !== 200) throw new Error(`the webhook answered ${response.status}: ${await response.text()}`);
  }
  await system.bus.idle();
}
