import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UnprocessablePayloadError } from './errors';
import { asArray, isObject, obj, str } from './json';
import { emptyDelivery, type NormalisedDelivery } from './normalised';

/**
 * YouTube WebSub (PubSubHubbub) pushes: an Atom feed announcing a video upload or a title/description
 * change, or an `at:deleted-entry`. YouTube pushes no comments (they must be polled), so nothing here
 * is an interaction: each entry is ignored with its reason. Reference: shared/domain/platform-webhooks.md §4.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Entities are not needed to read ids and kinds; not expanding them rules out entity-expansion tricks.
  processEntities: false,
  isArray: (name) => name === 'entry' || name === 'at:deleted-entry' || name === 'link',
});

/** The body as XML; a body that is not well-formed XML is unprocessable (quarantined). */
export function decodeAtom(raw: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new UnprocessablePayloadError('body is not valid UTF-8');
  }
  if (XMLValidator.validate(text) !== true) throw new UnprocessablePayloadError('body is not well-formed XML');
  return parser.parse(text);
}

export function normaliseYouTube(payload: unknown, _receivedAt: string): NormalisedDelivery {
  const feed = isObject(payload) ? payload.feed : undefined;
  if (!isObject(feed)) throw new UnprocessablePayloadError('expected a WebSub Atom <feed>');
  const result = emptyDelivery();
  for (const entry of asArray(feed.entry)) {
    const videoId = str(obj(entry)['yt:videoId']);
    result.ignored.push({
      reason: videoId
        ? 'youtube video upload or update notice: YouTube pushes no comments (they are polled)'
        : 'youtube feed entry without a video id',
    });
  }
  asArray(feed['at:deleted-entry']).forEach(() => result.ignored.push({ reason: 'youtube video deleted notice: not an interaction' }));
  if (result.ignored.length === 0) result.ignored.push({ reason: 'youtube feed without entries' });
  return result;
}
