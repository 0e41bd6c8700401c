/**
 * `npm run digest:render [-- --html out/digest-2026-W48.html] [--out docs]`: renders the digest's HTML
 * in headless Chromium (Debian's `chromium`, /usr/bin/chromium: `apt-get install -y chromium`) at a
 * desktop mail width and at a phone width, writes both screenshots, and checks what a reader would
 * notice: every chart image loads, nothing is wider than a phone screen, every section is there.
 *
 * Without --html it builds the seeded example week (bench/digest-week.ts) in process, with the real
 * charts and template, so no running system is needed; that is docs/digest-example*.png.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { generateWeek, random } from '../bench/digest-week';
import { ResvgRasteriser } from '../functions/adapters/resvg-rasteriser';
import { comparisonWeeks, sendWeeklyDigest } from '../functions/core/digest/send-weekly-digest';
import { summariseWeek } from '../functions/core/digest/summarise';
import { parseMatrix } from '../functions/core/matrix/load';
import { themeVocabularyOf } from '../functions/core/text/themes';
import type { DigestStore, LoggedInteractionSummary, SpikeRecord, WeekSummary } from '../functions/core/ports';
import type { IncidentMode } from '../functions/core/incidents/incident-mode';
import { loadOrgConfig } from '../infra/org-config';
import { PATHS, REPO_ROOT } from './paths';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SECTIONS = ['Headline', 'Assurance', 'Listening', 'Responsiveness', 'Safety and protection', 'Patient voice', 'Community and staff', 'Sentiment', 'Appendix'];

const PROGRAMME_TERMS = ['parking', 'buses', 'visiting', 'travel', 'stroke', 'ambulance', 'consultation', 'riverside', 'northfield', 'births'];

/**
 * Tags a share of a generated week with the default matrix's example programme, as the matrix would:
 * questions with common words, a misinformation wave (some answered), and the trust's own posts
 * carrying its key messages. Deterministic (seeded).
 */
function tagProgramme(items: LoggedInteractionSummary[], seed: number, share: number): LoggedInteractionSummary[] {
  const rnd = random(seed);
  const id = 'services-reconfiguration-2027';
  return items.map((item) => {
    if (item.ownAccount) {
      if (rnd() > 0.5) return item;
      const keyMessages = rnd() < 0.7 ? ['specialist-stroke-care-saves-lives'] : rnd() < 0.5 ? ['both-a-and-e-stay-open'] : [];
      return { ...item, programmes: [{ id, keyMessages, claims: [] }] };
    }
    if (rnd() > share) return item;
    const words = PROGRAMME_TERMS.filter(() => rnd() < 0.3);
    if (item.category === 'misinformation' || rnd() < 0.2) {
      return { ...item, category: 'misinformation', programmes: [{ id, keyMessages: [], claims: [rnd() < 0.7 ? 'a-and-e-closing' : 'maternity-closing'] }], terms: ['closing', ...words] };
    }
    const echo = rnd() < 0.1 ? ['both-a-and-e-stay-open'] : [];
    return { ...item, question: item.category === 'general-question' || rnd() < 0.3, programmes: [{ id, keyMessages: echo, claims: [] }], terms: words };
  });
}

/** The example week: 2026-W48 with four earlier weeks, an X authorisation revoked on the Saturday. */
export async function exampleDigestHtml(): Promise<{ html: string; subject: string; text: string }> {
  const org = loadOrgConfig(PATHS.orgConfig);
  const matrix = parseMatrix(readFileSync(PATHS.responseMatrix, 'utf8'));
  const week = '2026-W48';
  const now = '2026-11-30T08:00:00.000Z';
  // Political items of the week arrived during the example's pre-election period: flagged, held monitor-only.
  const thisWeek = tagProgramme(generateWeek({ week, count: 520, seed: 48, now }), 480, 0.12).map((item) =>
    item.category === 'political' ? { ...item, flags: [...(item.flags ?? []), 'pre-election-period'], priority: 'monitor' } : item,
  );
  const weeks: Record<string, LoggedInteractionSummary[]> = { [week]: thisWeek };
  const sizes = [430, 395, 410, 360];
  comparisonWeeks(week, org.timeZone).forEach((w, i) => {
    weeks[w] = tagProgramme(generateWeek({ week: w, count: sizes[i]!, seed: 40 + i, matrixVersion: i === 0 ? '2026.12-nhs-default.2' : '2026.11-nhs-default.1' }), 400 + i, 0.04);
  });
  const incident: IncidentMode = {
    id: 'incident-2026-11-25T13:40:00.000Z',
    name: 'IT systems outage at Riverside',
    holdingLine: 'We know our systems are down at Riverside and are working to fix them.',
    startedAt: '2026-11-25T13:40:00.000Z',
    startedBy: 'user:duty-comms',
    endedAt: '2026-11-25T19:10:00.000Z',
  };
  const underIncident = new Set(thisWeek.filter((i) => i.receivedAt >= incident.startedAt && i.receivedAt < incident.endedAt!).map((i) => i.id));
  weeks[week] = thisWeek.map((item) => (underIncident.has(item.id) ? { ...item, incidentId: incident.id } : item));
  const spike: SpikeRecord = {
    spikeId: 'spike-example',
    series: { kind: 'programme', key: 'services-reconfiguration-2027', label: 'Hospital services reconfiguration 2027' },
    windowStart: '2026-11-26T10:00:00.000Z',
    windowEnd: '2026-11-26T11:00:00.000Z',
    count: 41,
    expected: 4.5,
    topTerms: ['closing', 'parking'],
    ownerTeam: 'change-programme',
    suggestIncidentMode: false,
    detectedAt: '2026-11-26T11:00:00.000Z',
  };
  const summaries = new Map<string, WeekSummary>();
  const store: DigestStore = {
    claim: async () => ({ claimed: true }),
    markSent: async () => undefined,
    markFailed: async () => undefined,
    markPublished: async () => undefined,
    getWeekSummaries: async (list) => new Map(list.filter((w) => summaries.has(w)).map((w) => [w, summaries.get(w)!])),
    putWeekSummary: async (summary) => void summaries.set(summary.week, summary),
  };
  for (const [w, items] of Object.entries(weeks)) if (w !== week) summaries.set(w, summariseWeek(w, items, now));
  const result = await sendWeeklyDigest(
    { week, preview: true },
    now,
    {
      trustName: org.trustName,
      timeZone: org.timeZone,
      from: org.digest.from,
      recipients: org.digest.recipients,
      programmes: matrix.programmes,
      teams: matrix.teams,
      vocabulary: themeVocabularyOf(matrix),
      preElectionPeriods: [{ name: 'Northfield council by-election (example)', from: '2026-11-12', to: '2026-11-26' }],
    },
    {
      incidents: { overlapping: async () => [incident] },
      spikes: { listBetween: async () => [spike] },
      log: { listWeek: async (w) => weeks[w] ?? [] },
      health: { listWeek: async (w) => (w === week ? [{ platform: 'x', status: 'authorisation_revoked', signal: 'oauth.revoke', accountId: 'x-1', occurredAt: '2026-11-28T12:00:00.000Z' }] : []) },
      store,
      email: { send: async () => ({ messageId: 'preview' }) },
      publisher: { publish: async () => undefined },
      rasteriser: new ResvgRasteriser(),
      newId: () => 'preview',
    },
  );
  const preview = result.preview!;
  // Inline the PNGs as data: URLs, as a mail client shows the cid: parts.
  const html = preview.images.reduce((page, image) => page.split(`cid:${image.id}`).join(`data:image/png;base64,${Buffer.from(image.png).toString('base64')}`), preview.html);
  return { html, subject: preview.subject, text: preview.text };
}

/** A preview file from `npm run digest -- --preview DIR`: its images are files beside it; inline them. */
function htmlFromFile(file: string): string {
  const dir = dirname(file);
  return readFileSync(file, 'utf8').replace(/src="([^":]+\.png)"/g, (_, name: string) => `src="data:image/png;base64,${readFileSync(join(dir, name)).toString('base64')}"`);
}

/** The example week also shows the major-change parts (issue 8). */
const EXAMPLE_SECTIONS = [...SECTIONS, 'Spike alerts', 'Change programme: Hospital services reconfiguration 2027', 'Major-incident mode was in force', 'Pre-election period in force'];

export interface RenderCheck {
  width: number;
  file: string;
  images: number;
  brokenImages: number;
  overflowPx: number;
  missingSections: string[];
}

export async function renderHtml(html: string, outDir: string, stem: string, sections: readonly string[] = SECTIONS): Promise<RenderCheck[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's Chromium with \`apt-get install -y chromium\``);
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'digest-chromium-'));
  // A new, empty profile each run (Playwright passes it as --user-data-dir).
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, deviceScaleFactor: 1 });
  try {
    const checks: RenderCheck[] = [];
    for (const [width, suffix] of [[680, ''], [390, '-phone']] as const) {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.setContent(html, { waitUntil: 'load' });
      // Runs in the page (no DOM types in this Node project's tsconfig).
      const facts = await page.evaluate((sections: string[]) => {
        type Img = { complete: boolean; naturalWidth: number };
        const { document: doc, innerWidth } = globalThis as unknown as {
          document: { images: ArrayLike<Img>; body: { innerText: string }; documentElement: { scrollWidth: number } };
          innerWidth: number;
        };
        const images = Array.from(doc.images);
        const text = doc.body.innerText;
        return {
          images: images.length,
          brokenImages: images.filter((img) => !img.complete || img.naturalWidth === 0).length,
          overflowPx: doc.documentElement.scrollWidth - innerWidth,
          missingSections: sections.filter((s) => !text.includes(s)),
        };
      }, [...sections]);
      const file = join(outDir, `${stem}${suffix}.png`);
      await page.screenshot({ path: file, fullPage: true });
      checks.push({ width, file, ...facts });
      await page.close();
    }
    return checks;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const htmlFile = flag('--html');
  // Into out/ (git-ignored) unless told otherwise: `--out docs` refreshes the README's example images.
  const outDir = resolve(flag('--out') ?? join(REPO_ROOT, 'out', 'digest-render'));
  const html = htmlFile ? htmlFromFile(resolve(htmlFile)) : (await exampleDigestHtml()).html;
  const checks = await renderHtml(html, outDir, htmlFile ? 'digest-render' : 'digest-example', htmlFile ? SECTIONS : EXAMPLE_SECTIONS);
  let failed = false;
  for (const check of checks) {
    const problems = [
      check.brokenImages > 0 ? `${check.brokenImages} of ${check.images} images did not load` : '',
      check.overflowPx > 0 ? `${check.overflowPx}px wider than the screen` : '',
      check.missingSections.length > 0 ? `missing sections: ${check.missingSections.join(', ')}` : '',
    ].filter(Boolean);
    failed ||= problems.length > 0;
    process.stdout.write(`${check.width}px: ${check.file} (${check.images} images) ${problems.length === 0 ? 'OK' : `PROBLEMS: ${problems.join('; ')}`}\n`);
  }
  if (failed) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`digest:render failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
