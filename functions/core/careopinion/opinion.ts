import { interaction } from '../webhooks/build';
import { asArray, isObject, str, type JsonObject } from '../webhooks/json';
import { ignore, type NormalisedItem } from '../webhooks/normalised';
import { fromDateText } from '../webhooks/time';
import { markdownToText } from './markdown';

/**
 * One Care Opinion API v2 opinion (a patient's story) to a canonical interaction.
 * Built from the documented fields (careopinion.org.uk/info/api-v2 and analysts' published code):
 * `id, title, body (Markdown), dateOfSubmission, dateOfPublication (UTC), authorRole, links[]`.
 * Care Opinion publishes no sample response, so field names are matched case-insensitively and the
 * list may come bare or wrapped; verify against a live response before relying on anything else.
 * Authors are anonymous by design: there is nothing to look up, so no enrichment flag.
 */
export const CARE_OPINION_SITE = 'https://www.careopinion.org.uk';

export function field(value: JsonObject, name: string): unknown {
  if (name in value) return value[name];
  const lower = name.toLowerCase();
  const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : value[key];
}

/** The opinions of one page: a bare array, or an object holding one under a usual name. */
export function opinionsOf(page: unknown): unknown[] | undefined {
  if (Array.isArray(page)) return page;
  if (!isObject(page)) return undefined;
  for (const name of ['opinions', 'items', 'results', 'data', 'value']) {
    const list = field(page, name);
    if (Array.isArray(list)) return list;
  }
  return undefined;
}

/** When it was published (the cursor orders by this), else submitted; ISO UTC or undefined. */
export function publishedAt(opinion: unknown): string | undefined {
  if (!isObject(opinion)) return undefined;
  return fromDateText(field(opinion, 'dateOfPublication')) ?? fromDateText(field(opinion, 'dateOfSubmission'));
}

export function opinionId(opinion: unknown): string | undefined {
  return isObject(opinion) ? str(field(opinion, 'id')) : undefined;
}

export function opinionToInteraction(opinion: unknown, context: { accountId: string; receivedAt: string }): NormalisedItem {
  if (!isObject(opinion)) return ignore('care opinion item is not an object');
  const id = opinionId(opinion);
  if (!id) return ignore('care opinion item without its id');
  const title = str(field(opinion, 'title'));
  const body = str(field(opinion, 'body'));
  const text = [title, body === undefined ? undefined : markdownToText(body)].filter((part): part is string => Boolean(part)).join('\n\n');
  return interaction({
    platform: 'careopinion',
    channel: 'review',
    nativeId: id,
    accountId: context.accountId,
    author: { displayName: str(field(opinion, 'authorRole')) },
    text,
    permalink: webLink(opinion) ?? `${CARE_OPINION_SITE}/opinions/${encodeURIComponent(id)}`,
    occurredAt: publishedAt(opinion) ?? context.receivedAt,
    receivedAt: context.receivedAt,
    threadId: id,
    needsEnrichment: text === '',
  });
}

/** A `links[]` entry pointing at the story on the website (`rel` per the docs, `relation` per analysts' code). */
function webLink(opinion: JsonObject): string | undefined {
  for (const link of asArray(field(opinion, 'links'))) {
    if (!isObject(link)) continue;
    const rel = str(field(link, 'rel')) ?? str(field(link, 'relation'));
    const href = str(field(link, 'href')) ?? str(field(link, 'link'));
    if (href?.startsWith(`${CARE_OPINION_SITE}/`) && (rel === 'web' || rel === 'html' || rel === 'alternate')) return href;
  }
  return undefined;
}
