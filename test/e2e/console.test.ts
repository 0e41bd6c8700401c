/**
 * The triage console end to end: Debian's Chromium (playwright-core) against the whole local system in
 * this process, seeded as `npm run demo` seeds it (signed Facebook deliveries). axe-core checks every
 * page for serious and critical WCAG 2.2 AA violations.
 * `npm run screenshots:console` also writes docs/console-*.png from this run.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../console/build';
import type { LocalSystem } from '../../local/start';
import { startTestSystem, tempDir, visitorPost } from '../integration/support';
import { corpusBytes } from '../support/shared-corpus';
import { demoDeliveries, launchBrowser, postSigned, seriousViolations } from './support';

jest.setTimeout(60_000);

const TOKEN = 'local-dev-token';
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS ? resolve(__dirname, '../..', process.env.CONSOLE_SCREENSHOTS) : null;

interface Summary {
  id: string;
  priority?: string;
  slaDueAt?: string;
  firstResponseAt?: string;
  category?: string;
}

describe('triage console in a browser', () => {
  const dir = tempDir('console-e2e');
  let system: LocalSystem;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  const runId = String(Date.now());
  const deliveries = demoDeliveries(runId);

  const api = async <T>(path: string, token: string | null = TOKEN): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${system.urls.api}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as T };
  };
  const consoleUrl = (hash = '') => `${system.urls.console}${hash}`;
  const screenshot = async (name: string) => {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `console-${name}.png`), fullPage: true });
  };
  const expectAccessible = async () => expect(await seriousViolations(page)).toEqual([]);

  beforeAll(async () => {
    ensureConsoleBuilt((line) => process.stdout.write(`${line}\n`));
    system = await startTestSystem(dir.path, { localConfigFile: join(dir.path, 'config.json') });
    await postSigned(system, deliveries);
    browser = await launchBrowser();
    // The queue refreshes every 20 s in use; every 2 s here, so a new P0 shows within the test.
    const served = (await (await fetch(`${system.urls.console}config.json`)).json()) as Record<string, unknown>;
    expect(served).toEqual({ apiUrl: system.urls.api, auth: { kind: 'dev' }, refreshSeconds: 20 });
    await browser.context.route(/\/console\/config\.json$/u, (route) => route.fulfill({ json: { ...served, refreshSeconds: 2 } }));
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10_000);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    dir.remove();
  });

  it('asks for the dev token, refuses a wrong one with an error summary, and signs in with the right one', async () => {
    await page.goto(consoleUrl());
    await page.locator('#dev-token').waitFor();
    await expect(page.title()).resolves.toBe('Sign in – Triage console – NHS');
    await expect(page.locator('h1').textContent()).resolves.toContain('Sign in');
    await expectAccessible();

    await page.getByLabel('Dev token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    await expect(summary.getByRole('link').getAttribute('href')).resolves.toBe('#dev-token');
    await expect(summary.textContent()).resolves.toContain('that token was not accepted');
    await expect(page.title()).resolves.toMatch(/^Error: Sign in/u);
    await expectAccessible();

    await page.getByLabel('Dev token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#queue-table').waitFor();
    await expect(page.title()).resolves.toMatch(/Queue – Triage console – NHS$/u);
  });

  it("shows the demo's interactions in the queue, P0 pinned first, then by SLA due time, with time left in words", async () => {
    const { body } = await api<{ items: Summary[]; countsByOwnerTeam?: Record<string, number> }>('/interactions?limit=100');
    const byId = new Map(body.items.map((item) => [item.id, item]));
    const rows = await page.locator('#queue-table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: Record<string, string> }).dataset['interactionId']!));
    // Every open demo interaction is there, and nothing else.
    expect(new Set(rows)).toEqual(new Set(body.items.map((item) => item.id)));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const delivery of deliveries) if (byId.has(delivery.interactionId)) expect(rows).toContain(delivery.interactionId);

    // The demo's safeguarding post is a P0: it is pinned at the top.
    const priorities = rows.map((id) => byId.get(id)!.priority);
    expect(priorities[0]).toBe('P0');
    const firstOther = priorities.findIndex((priority) => priority !== 'P0');
    expect(priorities.slice(firstOther).every((priority) => priority !== 'P0')).toBe(true);
    const due = rows.slice(firstOther).map((id) => byId.get(id)!.slaDueAt ?? '9999');
    expect(due).toEqual([...due].sort());

    // Time left on each clock in words (colour is not the only signal).
    const clocks = await page.locator('#queue-table tbody tr td[data-clock]').allTextContents();
    for (const clock of clocks) expect(clock).toMatch(/left|Overdue by|No reply clock|Clock stopped/u);
    // Counts per owner team, from the API, on one line.
    for (const [team, count] of Object.entries(body.countsByOwnerTeam ?? {})) {
      await expect(page.locator(`#owner-counts-list li[data-owner="${team}"] .app-count`).textContent()).resolves.toBe(String(count));
    }
    // A P0 cannot be missed: an alert banner and the page title.
    await expect(page.locator('#p0-alert[role=alert]').textContent()).resolves.toMatch(/P0: 1 interaction needs action now/u);
    await expect(page.title()).resolves.toMatch(/^\(1 P0\) Queue/u);
    await expectAccessible();
    await screenshot('queue');
  });

  it('shows the queue above the fold on a 1280 x 900 desktop, the filters in a details that remembers being closed', async () => {
    const firstRow = async () => page.locator('#queue-table tbody tr').first().evaluate((row) => {
      const w = globalThis as unknown as { innerHeight: number; scrollTo: (x: number, y: number) => void };
      w.scrollTo(0, 0);
      const { top, bottom } = (row as unknown as { getBoundingClientRect: () => { top: number; bottom: number } }).getBoundingClientRect();
      return { top, bottom, innerHeight: w.innerHeight };
    });
    const open = await firstRow();
    expect(open.innerHeight).toBe(900);
    expect(open.bottom).toBeLessThanOrEqual(open.innerHeight);
    expect(open.top).toBeGreaterThan(0);
    await expect(page.locator('#queue-filters-details').getAttribute('open')).resolves.toBe('');

    // Closed, it stays closed on the next visit (and the queue moves up); opened again, it stays open.
    await page.locator('#queue-filters-details summary').click();
    await page.reload();
    await page.locator('#queue-table').waitFor();
    await expect(page.locator('#queue-filters-details').getAttribute('open')).resolves.toBeNull();
    expect((await firstRow()).top).toBeLessThan(open.top);
    // Filters applied open it (to show them) without forgetting that the officer closed it.
    await page.goto(consoleUrl('#/queue?priority=P1'));
    await page.locator('#queue-table caption', { hasText: 'matching the filters' }).waitFor();
    await expect(page.locator('#queue-filters-details').getAttribute('open')).resolves.toBe('');
    await page.goto(consoleUrl('#/queue'));
    await page.locator('#queue-table caption', { hasText: 'in the queue' }).waitFor();
    await expect(page.locator('#queue-filters-details').getAttribute('open')).resolves.toBeNull();
    await page.locator('#queue-filters-details summary').press('Enter');
    await expect(page.locator('#queue-filters-details').getAttribute('open')).resolves.toBe('');
    await page.reload();
    await page.locator('#queue-table').waitFor();
    await expect(page.locator('#queue-filters-details').getAttribute('open')).resolves.toBe('');
    await expectAccessible();
  });

  it('filters the queue by owner team and priority', async () => {
    // Platforms by their proper names.
    const platforms = await page.locator('#filter-platform option').allTextContents();
    expect(platforms).toEqual(expect.arrayContaining(['Facebook', 'LinkedIn', 'TikTok', 'YouTube', 'Care Opinion', 'X']));
    // As an officer would: open the filters if an earlier visit left them closed.
    if ((await page.locator('#queue-filters-details').getAttribute('open')) === null) await page.locator('#queue-filters-details summary').click();
    await page.getByLabel('Priority').selectOption('P0');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/#\/queue\?priority=P0/u);
    await page.locator('#queue-table caption', { hasText: 'matching the filters' }).waitFor();
    await expect(page.locator('#queue-filters-details summary').textContent()).resolves.toBe('Filter the queue (1 filter applied)');
    const priorities = await page.locator('#queue-table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: Record<string, string> }).dataset['priority']));
    expect(priorities).toEqual(['P0']);
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.locator('#queue-table caption', { hasText: 'in the queue' }).waitFor();
  });

  it('refreshes by itself, announcing it politely, and a new P0 raises the alert', async () => {
    await postSigned(system, [{ body: visitorPost(`${'1234567890321'}_${runId}99`, 'I am going to end my life tonight, I have the pills ready') }]);
    const { body } = await api<{ items: Summary[] }>('/interactions?priority=P0');
    expect(body.items.length).toBe(2);
    await page.locator('#p0-alert', { hasText: 'P0: 2 interactions need action now' }).waitFor({ timeout: 15_000 });
    await expect(page.title()).resolves.toMatch(/^\(2 P0\) /u);
    // Two P0s of the same kind are told apart: each entry links to its own interaction, with the time to the second.
    const entries = page.locator('#p0-alert li');
    await expect(entries.count()).resolves.toBe(2);
    const texts = await entries.allTextContents();
    expect(new Set(texts).size).toBe(2);
    for (const text of texts) expect(text).toMatch(/Safeguarding.*on Facebook, received \w+ \d{1,2} \w+, \d{2}:\d{2}:\d{2} \(/u);
    const hrefs = await entries.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(new Set(hrefs)).toEqual(new Set(body.items.map((item) => `#/interactions/${encodeURIComponent(item.id)}`)));
    await page.locator('#announcer', { hasText: /Queue updated at .*: \d+ interactions, 2 P0\./u }).waitFor({ timeout: 10_000 });
    await expect(page.locator('#announcer').getAttribute('aria-live')).resolves.toBe('polite');
  });

  it('shows major-incident mode on every page while it is on, with its holding line, and hides it when it is off', async () => {
    const call = async (path: string, body: unknown) =>
      fetch(`${system.urls.api}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await page.goto(consoleUrl('#/queue'));
    await expect(page.locator('#incident-callout').count()).resolves.toBe(0);
    const on = await call('/incident', { name: 'IT systems outage', holdingLine: 'We know some of our systems are down. Emergency care continues as normal.' });
    expect(on.status).toBe(201);
    const callout = page.locator('#incident-callout');
    await callout.waitFor({ timeout: 15_000 });
    await expect(callout.textContent()).resolves.toMatch(/Important: Major-incident mode is on.*IT systems outage, since .*We know some of our systems are down/su);
    await page.goto(consoleUrl('#/matrix'));
    await callout.waitFor({ timeout: 10_000 });
    await expectAccessible();
    expect((await call('/incident/end', { reason: 'stood down' })).status).toBe(200);
    await callout.waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('#announcer', { hasText: 'Major-incident mode is now off.' }).waitFor({ timeout: 10_000 });
  });

  it('starts the reply form where the decision says to reply: in private for a P0 safeguarding item, with a warning if public is chosen', async () => {
    const { body } = await api<{ items: Summary[] }>('/interactions?priority=P0');
    const safeguarding = deliveries.find((delivery) => delivery.label.startsWith('safeguarding'))!.interactionId;
    expect(body.items.map((item) => item.id)).toContain(safeguarding);
    await page.goto(consoleUrl(`#/interactions/${encodeURIComponent(safeguarding)}`));
    await page.locator('#reply-form').waitFor();
    await expect(page.locator('#decision').textContent()).resolves.toContain('In private only');
    // The form's hint says plainly what the decision asks (it once read "in private only (public reply)").
    await expect(page.locator('#reply-visibility-hint').textContent()).resolves.toMatch(/The decision says: reply in private only\.$/u);
    await expect(page.getByLabel('In private (a direct message)').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('In public (a reply on the platform)').isChecked()).resolves.toBe(false);
    await expect(page.locator('#public-reply-warning').count()).resolves.toBe(0);

    // Choosing public against the decision shows an NHS warning beside the choice, before anything is submitted.
    await page.getByLabel('In public (a reply on the platform)').check();
    const warning = page.locator('#reply-visibility-warning #public-reply-warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(/Important: The decision says: reply in private only/u);
    await expectAccessible();
    // "Use the suggested reply" puts the choice back where the decision says, and the warning goes.
    const suggested = page.getByRole('button', { name: 'Use the suggested reply' });
    if ((await suggested.count()) > 0) await suggested.click();
    else await page.getByLabel('In private (a direct message)').check();
    await expect(page.getByLabel('In private (a direct message)').isChecked()).resolves.toBe(true);
    await expect(page.locator('#public-reply-warning').count()).resolves.toBe(0);
    // Nothing was recorded by choosing.
    await expect(page.locator('#audit-trail tr[data-kind="replied"]').count()).resolves.toBe(0);
    // Signals in words: never a regular expression.
    const signals = (await page.locator('#signals').allTextContents()).join(' ');
    expect(signals).not.toMatch(/pattern: \/|\\b|pattern \d+ of rule/u);
  });

  it('records a reply once when the answer was lost and the officer clicks again, and the P0 banner then lists one', async () => {
    const { body } = await api<{ items: Summary[] }>('/interactions?priority=P0&status=open');
    const safeguarding = deliveries.find((delivery) => delivery.label.startsWith('safeguarding'))!.interactionId;
    const other = body.items.find((item) => item.id !== safeguarding && !item.firstResponseAt)!;
    expect(other).toBeDefined();
    await page.goto(consoleUrl(`#/interactions/${encodeURIComponent(other.id)}`));
    await page.locator('#reply-form').waitFor();
    await page.locator('#p0-alert', { hasText: 'P0: 2 interactions need action now' }).waitFor();
    // The banner's element is marked: answering a P0 updates it in place (no new alert), a new P0 would replace it.
    await page.locator('#p0-alert').evaluate((element) => element.setAttribute('data-e2e-mark', 'same'));

    // The first reply reaches the API, but its answer is lost on the way back (a dropped connection).
    const keys: string[] = [];
    const replyUrl = `${system.urls.api}/interactions/${encodeURIComponent(other.id)}/reply`;
    await page.route(replyUrl, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    try {
      await page.getByLabel('In private (a direct message)').check();
      await page.getByRole('button', { name: 'Record reply' }).click();
      // Not silent: the error summary says it was not sent and that trying again is safe.
      await expect(page.locator('#error-summary').textContent()).resolves.toMatch(/could not be sent.*does not record it twice/su);
      await expect(page.getByRole('button', { name: 'Record reply' }).isEnabled()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Record reply' }).click();
      await page.locator('#action-done', { hasText: 'Reply recorded' }).waitFor();
    } finally {
      await page.unroute(replyUrl);
    }
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe('');
    expect(keys[1]).toBe(keys[0]);
    const detail = await api<{ replies: unknown[] }>(`/interactions/${encodeURIComponent(other.id)}`);
    expect(detail.body.replies).toHaveLength(1);
    await expect(page.locator('#audit-trail tr[data-kind="replied"]').count()).resolves.toBe(1);
    // Said once: the success banner (role=alert, focused), not the live region as well.
    await expect(page.locator('#announcer').textContent()).resolves.not.toContain('Reply recorded');

    // The answered P0 leaves the banner on the next check, in place.
    await page.locator('#p0-alert', { hasText: 'P0: 1 interaction needs action now' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('#p0-alert li').count()).resolves.toBe(1);
    await expect(page.locator('#p0-alert[data-e2e-mark="same"]').count()).resolves.toBe(1);
    await expect(page.title()).resolves.toMatch(/^\(1 P0\) /u);
  });

  it("keeps a keyboard user's focus on the queue across refreshes, and announces only a change", async () => {
    await page.goto(consoleUrl('#/queue'));
    const rows = page.locator('#queue-table tbody tr');
    await rows.nth(2).waitFor();
    const focusedId = (await rows.nth(2).getAttribute('data-interaction-id'))!;
    await rows.nth(2).locator('a').first().focus();
    await page.locator('#announcer').evaluate((element) => (element.textContent = ''));
    const focusedRow = () =>
      page.evaluate(() => {
        const active = (globalThis as unknown as { document: { activeElement: { tagName: string; closest: (s: string) => { getAttribute: (n: string) => string | null } | null } } }).document.activeElement;
        return `${active.tagName} ${active.closest('[data-interaction-id]')?.getAttribute('data-interaction-id') ?? ''}`;
      });
    // Two refreshes (every 2 s here) with nothing changed: nothing is announced and focus stays.
    await page.waitForTimeout(4_500);
    await expect(page.locator('#announcer').textContent()).resolves.not.toMatch(/Queue updated/u);
    await expect(focusedRow()).resolves.toBe(`A ${focusedId}`);
    // A change elsewhere in the queue: announced, the table redrawn, and focus still on the same link.
    const otherId = (await rows.nth(3).getAttribute('data-interaction-id'))!;
    const assigned = await fetch(`${system.urls.api}/interactions/${encodeURIComponent(otherId)}/assign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ assignee: 'e2e.officer@example.nhs.uk' }),
    });
    expect(assigned.status).toBe(200);
    await page.locator('#announcer', { hasText: /Queue updated at/u }).waitFor({ timeout: 10_000 });
    await page.locator(`#queue-table tr[data-interaction-id="${otherId}"]`, { hasText: 'Assigned to e2e.officer@example.nhs.uk' }).waitFor();
    await expect(focusedRow()).resolves.toBe(`A ${focusedId}`);
  });

  it('never lets a slow page draw over the page the officer moved to, and shows bad addresses and error pages in words', async () => {
    const complaint = deliveries.find((delivery) => delivery.label.startsWith('complaint'))!.interactionId;
    const slow = `${system.urls.api}/interactions/${encodeURIComponent(complaint)}`;
    await page.route(slow, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    try {
      await page.goto(consoleUrl('#/queue'));
      await page.locator('#queue-table').waitFor();
      await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/interactions/${encodeURIComponent(complaint)}`);
      await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/matrix'));
      await page.locator('#matrix-rules').waitFor();
      // The slow interaction has answered by now: the matrix page is still what shows.
      await page.waitForTimeout(2_000);
      await expect(page.locator('#audit-trail').count()).resolves.toBe(0);
      await expect(page.locator('#matrix-rules').count()).resolves.toBe(1);
      await expect(page.title()).resolves.toMatch(/Response matrix – Triage console – NHS$/u);
    } finally {
      await page.unroute(slow);
    }

    // A bad %-escape in the address is "Not found", not a blank page.
    await page.goto(consoleUrl('#/interactions/%E0%A4%A'));
    await expect(page.locator('main h1').textContent()).resolves.toBe('Not found');

    // An error page that is not JSON (a gateway's HTML) still says the status.
    const digests = `${system.urls.api}/digests`;
    await page.route(digests, (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' }));
    try {
      await page.goto(consoleUrl('#/digest'));
      await page.locator('main', { hasText: 'The service answered HTTP 502.' }).waitFor();
      await expect(page.locator('main h1').textContent()).resolves.toBe('Sorry, there is a problem with the service');
    } finally {
      await page.unroute(digests);
    }
  });

  it('shows an interaction; recording a reply stops the SLA clock and appears in the audit trail at once', async () => {
    const complaint = deliveries.find((delivery) => delivery.label.startsWith('complaint'))!.interactionId;
    await page.goto(consoleUrl(`#/interactions/${encodeURIComponent(complaint)}`));
    await page.locator('#sla-clock').waitFor();
    await expect(page.locator('#message-text').textContent()).resolves.toContain('We waited 6 hours in A&E');
    await expect(page.locator('#sla-clock').textContent()).resolves.toMatch(/left|Overdue by/u);
    await expect(page.locator('#rationale').textContent()).resolves.not.toBe('');
    await expect(page.locator('#decision').textContent()).resolves.toMatch(/Matrix\s*version/u);
    // A complaint may be answered in public: the form starts there, with no warning.
    await expect(page.getByLabel('In public (a reply on the platform)').isChecked()).resolves.toBe(true);
    await expect(page.locator('#public-reply-warning').count()).resolves.toBe(0);
    const signals = (await page.locator('#signals').allTextContents()).join(' ');
    expect(signals).not.toMatch(/pattern: \/|\\b|pattern \d+ of rule/u);
    // The audit trail in words: no field names, slugs or arrows.
    const trail = (await page.locator('#audit-trail').textContent()) ?? '';
    expect(trail).not.toMatch(/public_post|slaDueAt|ownerTeam|->/u);
    await expect(page.locator('#audit-trail tr[data-kind="received"]').textContent()).resolves.toMatch(/Received: from Facebook/u);
    await expectAccessible();
    await screenshot('interaction');

    await page.getByLabel('In private (a direct message)').check();
    await page.getByLabel('What was sent (optional)').fill('Sorry to hear this, we have sent you a message');
    await page.getByRole('button', { name: 'Record reply' }).click();
    await page.locator('#action-done', { hasText: 'Reply recorded' }).waitFor();
    await expect(page.locator('#sla-clock').textContent()).resolves.toMatch(/^Clock stopped: replied/u);
    await expect(page.locator('#audit-trail tr[data-kind="replied"]').count()).resolves.toBe(1);
    await expect(page.locator('#audit-trail tr[data-kind="replied"]').textContent()).resolves.toContain('comms.lead@example.nhs.uk');
    const { body } = await api<Summary>(`/interactions/${encodeURIComponent(complaint)}`);
    expect(body.firstResponseAt).toBeDefined();
    await expectAccessible();
  });

  it('refuses an override without a reason with the API\'s message, in an error summary linked to the field', async () => {
    const before = await page.locator('#audit-trail tbody tr').count();
    await page.getByLabel('New priority').selectOption('P1');
    await page.getByRole('button', { name: 'Save override' }).click();
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    // Only the latest outcome shows: the earlier "Reply recorded" success has gone.
    await expect(page.locator('#action-done').count()).resolves.toBe(0);
    const link = summary.getByRole('link', { name: /Reason for the override: a reason is required/u });
    await expect(link.getAttribute('href')).resolves.toBe('#override-reason');
    await expect(page.locator('#override-reason-error').textContent()).resolves.toContain('a reason is required');
    await expect(page.title()).resolves.toMatch(/^(\(\d+ P0\) )?Error: /u);
    await expectAccessible();
    // The link moves focus to the field, without leaving the page.
    await link.click();
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).resolves.toBe('override-reason');
    await expect(page.locator('#audit-trail tbody tr').count()).resolves.toBe(before);

    await page.getByLabel('Reason for the override').fill('the author asks for a call back today');
    await page.getByRole('button', { name: 'Save override' }).click();
    await page.locator('#action-done', { hasText: 'Override saved' }).waitFor();
    await expect(page.locator('#error-summary').count()).resolves.toBe(0);
    const overridden = page.locator('#audit-trail tr[data-kind="overridden"]');
    await expect(overridden.textContent()).resolves.toContain('the author asks for a call back today');
    // The changed fields by plain labels.
    await expect(overridden.locator('li[data-field="priority"]').textContent()).resolves.toMatch(/^Priority: from P[0-3] to P1$/u);
    await expect(overridden.textContent()).resolves.not.toMatch(/slaDueAt|needsReply|->/u);
  });

  it('shows the change programme an interaction concerns, by name, with the false claim it makes', async () => {
    const postId = `${'1234567890321'}_${runId}77`;
    await postSigned(system, [{ body: visitorPost(postId, 'Everyone says the A&E is closing because of the #OurFutureHospitals plans. Disgraceful.') }]);
    const id = `facebook:${postId}`;
    const { body: matrix } = await api<{ programmes: Array<{ id: string; name: string; claims: Array<{ id: string; name?: string; source: string }> }> }>('/matrix');
    const programme = matrix.programmes.find((candidate) => candidate.id === 'services-reconfiguration-2027')!;
    const claim = programme.claims.find((candidate) => candidate.id === 'a-and-e-closing')!;
    const { body } = await api<{ programmes?: string[] }>(`/interactions/${encodeURIComponent(id)}`);
    expect(body.programmes).toEqual([programme.id]);

    await page.goto(consoleUrl(`#/interactions/${encodeURIComponent(id)}`));
    const shown = page.locator(`#programmes li[data-programme="${programme.id}"]`);
    await shown.waitFor();
    await expect(shown.locator('h3').textContent()).resolves.toBe(programme.name);
    await expect(shown.locator('[data-list="claims"]').textContent()).resolves.toContain(claim.name!);
    await expect(shown.locator('[data-list="claims"] a').getAttribute('href')).resolves.toBe(claim.source);
    await expect(page.locator('#signals').textContent()).resolves.not.toContain(`${programme.id}/`);
    await expectAccessible();
  });

  it('works by keyboard alone: skip link first, then the header, and visible focus', async () => {
    await page.goto(consoleUrl('#/queue'));
    // A fresh load: focus starts at the top of the document.
    await page.reload();
    await page.locator('#queue-table').waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent.trim())).resolves.toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).resolves.toBe('maincontent');
    // The hash route is not disturbed by the skip link.
    await expect(page.locator('#queue-table').count()).resolves.toBe(1);
    // Tab to the first interaction link and open it with Enter.
    const first = page.locator('#queue-table tbody tr a').first();
    await first.focus();
    const outline = await first.evaluate((element) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { boxShadow: string; backgroundColor: string } }).getComputedStyle(element));
    expect(outline.boxShadow === 'none' && outline.backgroundColor === 'rgba(0, 0, 0, 0)').toBe(false);
    await page.keyboard.press('Enter');
    await page.locator('#audit-trail').waitFor();
  });

  it('shows the latest board digest in a sandboxed frame, with past weeks to preview', async () => {
    await page.goto(consoleUrl('#/digest'));
    const frame = page.locator('#digest-frame');
    await frame.waitFor({ timeout: 30_000 });
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    await expect(page.locator('#digest-subject').textContent()).resolves.not.toBe('');
    await expect(page.locator('#digest-weeks a').count()).resolves.toBeGreaterThan(0);
    // The week on screen is marked (aria-current, "Showing"); the others are "Show week ..." links, each with its status in words.
    const shown = page.locator('#digest-weeks [aria-current]');
    await expect(shown.count()).resolves.toBe(1);
    await expect(shown.textContent()).resolves.toBe('Showing');
    const week = /Board digest (\d{4}-W\d{2})/u.exec(await page.title())![1]!;
    await expect(page.locator(`#digest-weeks tr[data-week="${week}"] [aria-current]`).count()).resolves.toBe(1);
    for (const name of await page.locator('#digest-weeks a').allTextContents()) expect(name).toMatch(/^Show week \d{4}-W\d{2}$/u);
    for (const status of await page.locator('#digest-weeks tbody tr td:nth-child(2)').allTextContents()) expect(status).toMatch(/^(Sent \w+ \d{1,2} \w+, \d{2}:\d{2}|Not sent|Week in progress: the weekly digest goes on Monday \d{1,2} \w+|Sending|Failed to send)$/u);
    // A week in progress says when its digest goes, never that nothing was sent (an operator may have emailed a week-to-date one).
    await expect(page.locator('#digest-weeks').textContent()).resolves.not.toContain('not sent yet');
    await expect(page.locator('#digest-weeks').textContent()).resolves.not.toMatch(/\(shown\)|Preview/u);
    await expect(page.title()).resolves.toMatch(/Board digest \d{4}-W\d{2}/u);
    await expectAccessible();
    await screenshot('digest');
  });

  it('shows the matrix in force', async () => {
    await page.goto(consoleUrl('#/matrix'));
    await page.locator('#matrix-rules').waitFor();
    const { body } = await api<{ version: string; rules: unknown[] }>('/matrix');
    await expect(page.locator('#matrix-summary').textContent()).resolves.toContain(body.version);
    await expect(page.locator('#matrix-rules tbody tr').count()).resolves.toBe(body.rules.length);
    // Escalation in words: who is emailed and who is paged, by priority (config/response-matrix.yaml: [P0, P1], page [P0]).
    const summaryText = (await page.locator('#matrix-summary').textContent()) ?? '';
    expect(summaryText).toContain('Emailed to the owner teamP0, P1');
    expect(summaryText).toContain('On-call pagedP0');
    expect(summaryText).not.toMatch(/Paged at once|pages P0/u);
    // Who a rule looks at, in words, not the setting's values.
    const applies = await page.locator('#matrix-rules .app-applies-to').allTextContents();
    expect(applies).toContain('Applies to: Messages from the public');
    for (const text of applies) expect(text).toMatch(/^Applies to: (Messages from the public|The trust's own posts|Deleted messages)(, (Messages from the public|The trust's own posts|Deleted messages))*$/u);
    // How the matrix decides, as it does: every rule checked, the most urgent priority, then the file order.
    const precedence = (await page.locator('#matrix-precedence').textContent()) ?? '';
    expect(precedence).toMatch(/Every rule is checked.*most urgent priority.*higher in this list.*secondary categories.*fallback rule decides/su);
    await expect(page.locator('main').textContent()).resolves.not.toContain('first rule that applies');
    // Each programme under its heading, with its hashtags, keywords and false claims (name, correction, source).
    const { body: full } = await api<{ programmes: Array<{ id: string; name: string; hashtags: string[]; keywords: string[]; claims: Array<{ id: string; name?: string; correction: string; source: string }> }>; preElectionPeriods: Array<{ name: string; from: string; to: string }> }>('/matrix');
    expect(full.programmes.length).toBeGreaterThan(0);
    for (const programme of full.programmes) {
      const section = page.locator(`section[data-programme="${programme.id}"]`);
      await expect(section.locator('h3').textContent()).resolves.toBe(programme.name);
      const text = (await section.textContent()) ?? '';
      for (const word of [...programme.hashtags, ...programme.keywords]) expect(text).toContain(word);
      for (const claim of programme.claims) {
        const item = section.locator(`li[data-claim="${claim.id}"]`);
        if (claim.name) await expect(item.locator('strong').textContent()).resolves.toBe(claim.name);
        await expect(item.textContent()).resolves.toContain(claim.correction);
        await expect(item.locator('a').getAttribute('href')).resolves.toBe(claim.source);
      }
    }
    // Pre-election periods marked against today (the trust's local date).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const states = await page.locator('#pre-election-periods li [data-state]').allTextContents();
    expect(states).toEqual(full.preElectionPeriods.map((period) => (period.to < today ? 'Ended' : period.from > today ? expect.stringMatching(/^Starts /u) : 'In force now')));
    await expect(page.title()).resolves.toMatch(/Response matrix – Triage console – NHS$/u);
    await expectAccessible();
    await screenshot('matrix');
  });

  it('fits a 390 px phone on every page, with no sideways page scroll, times in local words, and no axe violations', async () => {
    const complaint = deliveries.find((delivery) => delivery.label.startsWith('complaint'))!.interactionId;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [hash, ready] of [
        ['#/queue', '#queue-table'],
        [`#/interactions/${encodeURIComponent(complaint)}`, '#audit-trail'],
        ['#/digest', '#digest-frame'],
        ['#/matrix', '#matrix-rules'],
      ] as const) {
        await page.goto(consoleUrl(hash));
        await page.locator(ready).waitFor({ timeout: 30_000 });
        const { scrollWidth, innerWidth } = await page.evaluate(() => {
          const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
          return { scrollWidth: w.document.documentElement.scrollWidth, innerWidth: w.innerWidth };
        });
        expect({ hash, scrollWidth }).toEqual({ hash, scrollWidth: innerWidth });
        // No UTC ISO instants on screen; the matrix's rationale (shown under "Why the matrix decided this", and as the
        // decision's "Why" in the audit trail) is the backend's text, shown as it is.
        const shown = await page.evaluate(() => {
          const main = (globalThis as unknown as { document: { querySelector: (s: string) => { cloneNode: (deep: boolean) => { querySelectorAll: (s: string) => Array<{ remove: () => void }>; textContent: string } } } }).document.querySelector('body')!.cloneNode(true);
          for (const element of main.querySelectorAll('#rationale, #audit-trail tr[data-kind="assessed"] td:nth-child(4), script')) element.remove();
          return main.textContent;
        });
        expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/u);
        await expectAccessible();
      }
      // Personal data kinds by their names.
      const nhsNumber = deliveries.find((delivery) => delivery.label.includes('NHS number'))!.interactionId;
      await page.goto(consoleUrl(`#/interactions/${encodeURIComponent(nhsNumber)}`));
      await expect(page.locator('#pii-kinds').textContent()).resolves.toContain('NHS number');
      // The queue's table is responsive: every column's heading is beside its value in each row.
      await page.goto(consoleUrl('#/queue'));
      const firstRow = page.locator('#queue-table tbody tr').first();
      await firstRow.waitFor();
      const headings = await firstRow.locator('.nhsuk-table__heading').allTextContents();
      expect(headings.map((text) => text.trim())).toEqual(['Priority', 'Interaction', 'Owner team', 'Status', 'Reply due', 'Received']);
      await expect(firstRow.locator('.nhsuk-table__heading').last().isVisible()).resolves.toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('shows an edit that made an item more urgent: decided again, in words, in the audit trail', async () => {
    const commentId = `901097836652708_${runId}77`;
    const id = `facebook:${commentId}`;
    const now = Math.floor(Date.now() / 1000);
    const delivery = (verb: 'add' | 'edited', message: string, at: number) => {
      const payload = JSON.parse(corpusBytes(verb === 'add' ? 'facebook-feed-comment-add.json' : 'facebook-feed-comment-edited.json').toString('utf8'));
      const value = payload.entry[0].changes[0].value;
      Object.assign(value, { comment_id: commentId, message, created_time: at, ...(verb === 'add' ? { from: { id: '777000333', name: 'Test Visitor' } } : {}) });
      return { body: Buffer.from(JSON.stringify(payload)) };
    };
    await postSigned(system, [delivery('add', 'Thank you to the staff on the ward', now - 120)]);
    await postSigned(system, [delivery('edited', 'Thank you to the staff. I am going to end my life tonight', now - 30)]);
    await page.goto(consoleUrl(`#/interactions/${encodeURIComponent(id)}`));
    const row = page.locator('#audit-trail tr[data-kind="reassessed"]');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toMatch(/Decided again after an edit/u);
    expect(text).toMatch(/Priority: from P\d to P0/u);
    expect(text).toMatch(/Category: from Compliment to Safeguarding/u);
    expect(text).not.toMatch(/ownerTeam|slaDueAt|->/u);
    await expect(page.locator('#decision').textContent()).resolves.toMatch(/P0/u);
    await expectAccessible();
  });

  it('signing out hides everything, and the API gives nothing without a token', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#signed-out').waitFor();
    // The message takes focus, so it is read out once; the live region does not repeat it.
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).resolves.toBe('signed-out');
    await expect(page.locator('#announcer').count()).resolves.toBe(0);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/facebook:|Response matrix|P0:|Queue updated/u);
    await expect(page.locator('#queue-table, #matrix-rules, #p0-alert, [data-nav]').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).resolves.toBe(0);

    // Going straight to a page shows the sign-in page, and nothing from the API.
    await page.goto(consoleUrl('#/queue'));
    await page.locator('#dev-token').waitFor();
    await expect(page.locator('#queue-table').count()).resolves.toBe(0);
    await expectAccessible();
    const status = await page.evaluate(async (url) => (await fetch(`${url}/interactions`)).status, system.urls.api);
    expect(status).toBe(401);
    for (const path of ['/interactions', '/matrix', '/digests']) expect((await api(path, null)).status).toBe(401);

    // A failing service is not a wrong token: only 401 and 403 say so.
    const check = `${system.urls.api}/interactions?limit=1`;
    await page.route(check, (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"message":"boom"}' }));
    try {
      await page.getByLabel('Dev token').fill(TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('#dev-token-error').textContent()).resolves.toContain('the service answered HTTP 500');
    } finally {
      await page.unroute(check);
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#queue-table').waitFor();

    // A token the API stops accepting (expired): signed out on the next refresh, and told why.
    await page.evaluate(() => (globalThis as unknown as { sessionStorage: { setItem: (k: string, v: string) => void } }).sessionStorage.setItem('triage-console.token', 'expired-token'));
    await page.locator('#signed-out', { hasText: 'Your sign-in has expired' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('#queue-table').count()).resolves.toBe(0);
    await expect(page.locator('#dev-token').count()).resolves.toBe(1);
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).resolves.toBe('signed-out');
  });
});
