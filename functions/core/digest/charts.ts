import type { TopLevelSpec } from 'vega-lite';
import { categoryLabel, shortCategoryLabel } from './labels';
import type { ProgrammeFigures } from './programmes';
import type { DigestFigures } from './summarise';

/**
 * The digest's charts as Vega-Lite specs, rendered to SVG here (pure JS, no canvas, no DOM) and turned
 * into PNG by a ChartRasteriser, because Outlook shows neither SVG nor scripts. Built from the figures
 * only: no chart can hold anything the figures do not.
 */
export interface Chart {
  /** The MIME Content-ID and file name stem. */
  id: string;
  /** What the chart says, in words: the image's alt text (screen readers, blocked images). */
  alt: string;
  svg: string;
  /** Display width in CSS pixels; the PNG is rendered at twice this for sharp screens. */
  width: number;
}

export const CHART_WIDTH = 560;
export const CHART_FONT = 'Inter';

/** NHS identity colours (NHS.UK frontend palette). */
export const NHS = {
  blue: '#005eb8',
  darkBlue: '#003087',
  paleBlue: '#a6c8ea',
  grey: '#4c6272',
  midGrey: '#aeb7bd',
  paleGrey: '#f0f4f5',
  green: '#007f3b',
  red: '#d5281b',
  text: '#212b32',
} as const;

const CONFIG = {
  font: CHART_FONT,
  background: '#ffffff',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: NHS.text, titleColor: NHS.grey, domainColor: NHS.midGrey, tickColor: NHS.midGrey, gridColor: '#e8edee' },
  legend: { labelFontSize: 12, titleFontSize: 12, labelColor: NHS.text, orient: 'bottom', direction: 'horizontal' },
} as const;

/**
 * Axes of message counts: whole numbers only. Without this an axis over small counts shows 0.5 steps,
 * and one over an empty week (a zero-width domain) labels its only tick "0.000000".
 */
const COUNT_AXIS = { format: 'd', tickMinStep: 1 } as const;

/** A count scale from zero; an all-zero (or unknown) series gets 0 to 1, so its axis reads 0 and 1, not one "0.000000". */
function countScale(counts: readonly (number | null)[]): { domainMin: 0 } | { domain: [0, 1] } {
  return counts.some((count) => (count ?? 0) > 0) ? { domainMin: 0 } : { domain: [0, 1] };
}

export async function buildCharts(figures: DigestFigures): Promise<Chart[]> {
  const specs = [trendChart(figures), categoryChart(figures), sentimentChart(figures), ...figures.programmes.map(programmeChart)].filter((c): c is Omit<Chart, 'svg'> & { spec: TopLevelSpec } => c !== undefined);
  return Promise.all(specs.map(async ({ spec, ...chart }) => ({ ...chart, svg: await toSvg(spec) })));
}

/**
 * vega and vega-lite are ESM-only, and vega-canvas (which vega loads to measure text, and which falls
 * back to estimates without the native `canvas` package) uses top-level await: loaded with import(), so
 * Node 20 runs them as ES modules from this CommonJS code. Loaded once, on the first chart.
 */
let engine: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const [{ parse, View }, { compile }] = await (engine ??= Promise.all([import('vega'), import('vega-lite')]));
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function trendChart(figures: DigestFigures): (Omit<Chart, 'svg'> & { spec: TopLevelSpec }) | undefined {
  const alt = `Inbound messages per week: ${figures.volume.trend.map((p) => `${p.week} ${p.inbound}`).join(', ')}.`;
  return weeklyBars({ id: 'trend', alt, height: 180, tickCount: 4, weeks: figures.volume.trend.map((point) => ({ week: point.week, inbound: point.inbound })) });
}

/** A change programme's inbound volume per week (a week whose count is not known has no bar). */
function programmeChart(programme: ProgrammeFigures): Omit<Chart, 'svg'> & { spec: TopLevelSpec } {
  const alt = `Inbound messages about ${programme.name} per week: ${programme.trend.map((p) => `${p.week} ${p.counts?.inbound ?? 'not known'}`).join(', ')}.`;
  return weeklyBars({
    id: `programme-${programme.id}`,
    alt,
    height: 120,
    tickCount: 3,
    weeks: programme.trend.map((point) => ({ week: point.week, inbound: point.counts?.inbound ?? null })),
  });
}

/** Inbound messages per ISO week as bars, the last (this week) in NHS blue, each labelled with its count. */
function weeklyBars(input: {
  id: string;
  alt: string;
  height: number;
  tickCount: number;
  weeks: ReadonlyArray<{ week: string; inbound: number | null }>;
}): Omit<Chart, 'svg'> & { spec: TopLevelSpec } {
  const values = input.weeks.map((point, index, all) => ({
    week: point.week.replace(/^\d{4}-W/, 'Week '),
    inbound: point.inbound,
    current: index === all.length - 1 ? 'This week' : 'Earlier weeks',
  }));
  return {
    id: input.id,
    alt: input.alt,
    width: CHART_WIDTH,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CONFIG,
      width: CHART_WIDTH - 60,
      height: input.height,
      data: { values },
      encoding: {
        x: { field: 'week', type: 'ordinal', sort: null, title: null, axis: { labelAngle: 0 } },
        y: {
          field: 'inbound',
          type: 'quantitative',
          title: 'Inbound messages',
          axis: { ...COUNT_AXIS, tickCount: input.tickCount },
          scale: countScale(values.map((v) => v.inbound)),
        },
      },
      layer: [
        {
          mark: { type: 'bar', cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
          encoding: {
            color: { field: 'current', type: 'nominal', scale: { domain: ['Earlier weeks', 'This week'], range: [NHS.paleBlue, NHS.blue] }, legend: null },
          },
        },
        { mark: { type: 'text', dy: -8, fontSize: 13, fontWeight: 'bold', color: NHS.text }, encoding: { text: { field: 'inbound', type: 'quantitative' } } },
      ],
    },
  };
}

function categoryChart(figures: DigestFigures): (Omit<Chart, 'svg'> & { spec: TopLevelSpec }) | undefined {
  const rows = figures.volume.byCategory.filter((row) => row.thisWeek > 0 || (row.baseline ?? 0) > 0).slice(0, 8);
  if (rows.length === 0) return undefined;
  const values = rows.map((row) => ({ category: shortCategoryLabel(row.key), thisWeek: row.thisWeek, baseline: row.baseline ?? 0 }));
  const hasBaseline = figures.volume.baseline !== undefined;
  const alt = `Inbound messages by category this week${hasBaseline ? ' against the 4-week average' : ''}: ${rows
    .map((row) => `${categoryLabel(row.key)} ${row.thisWeek}${hasBaseline ? ` (average ${row.baseline ?? 0})` : ''}`)
    .join(', ')}.`;
  return {
    id: 'categories',
    alt,
    width: CHART_WIDTH,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CONFIG,
      width: CHART_WIDTH - 190,
      height: { step: 24 },
      data: { values },
      encoding: { y: { field: 'category', type: 'nominal', sort: null, title: null, axis: { labelLimit: 200 } } },
      layer: [
        {
          mark: { type: 'bar', color: NHS.blue, height: 16 },
          encoding: { x: { field: 'thisWeek', type: 'quantitative', title: hasBaseline ? 'This week (bars) and 4-week average (marks)' : 'This week', axis: { ...COUNT_AXIS, tickCount: 4 } } },
        },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 12, color: NHS.text }, encoding: { x: { field: 'thisWeek', type: 'quantitative' }, text: { field: 'thisWeek', type: 'quantitative' } } },
        ...(hasBaseline
          ? [{ mark: { type: 'tick' as const, color: NHS.darkBlue, thickness: 3, size: 22 }, encoding: { x: { field: 'baseline', type: 'quantitative' as const } } }]
          : []),
      ],
    },
  };
}

function sentimentChart(figures: DigestFigures): (Omit<Chart, 'svg'> & { spec: TopLevelSpec }) | undefined {
  const { positive, neutral, negative, measured } = figures.sentiment;
  if (measured === 0) return undefined;
  const pct = (n: number) => Math.round((n / measured) * 100);
  const values = [
    { label: 'Positive', count: positive, order: 1 },
    { label: 'Neutral', count: neutral, order: 2 },
    { label: 'Negative', count: negative, order: 3 },
  ].map((v) => ({ ...v, share: v.count / measured, text: v.count === 0 ? '' : `${pct(v.count)}%` }));
  return {
    id: 'sentiment',
    alt: `Sentiment of ${measured} assessed messages: positive ${pct(positive)}%, neutral ${pct(neutral)}%, negative ${pct(negative)}%.`,
    width: CHART_WIDTH,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CONFIG,
      width: CHART_WIDTH - 40,
      height: 36,
      data: { values },
      encoding: {
        x: { field: 'share', type: 'quantitative', stack: 'normalize', axis: null },
        order: { field: 'order', type: 'ordinal' },
      },
      layer: [
        {
          mark: { type: 'bar', height: 36 },
          encoding: {
            color: {
              field: 'label',
              type: 'nominal',
              title: null,
              scale: { domain: ['Positive', 'Neutral', 'Negative'], range: [NHS.green, NHS.midGrey, NHS.red] },
            },
          },
        },
        {
          mark: { type: 'text', dx: -6, align: 'right', fontSize: 13, fontWeight: 'bold', color: '#ffffff' },
          encoding: { x: { field: 'share', type: 'quantitative', stack: 'normalize', bandPosition: 1 }, text: { field: 'text' } },
        },
      ],
    },
  };
}
