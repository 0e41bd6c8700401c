import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ALL_EVENTS } from '../../../events';
import { matches } from '../../../local/event-pattern';

const SAMPLES_DIR = join(__dirname, '..', '..', '..', 'events', 'samples');
const sample = (detailType: string) =>
  JSON.parse(readFileSync(join(SAMPLES_DIR, `${detailType}.json`), 'utf8')) as Record<string, unknown> & {
    detail: unknown;
  };

describe('event contracts', () => {
  it('has exactly one sample per contract', () => {
    const files = readdirSync(SAMPLES_DIR).map((file) => file.replace(/\.json$/, '')).sort();
    expect(files).toEqual(ALL_EVENTS.map((event) => event.detailType).sort());
  });

  it('has a unique source and detail-type pair per contract', () => {
    const keys = ALL_EVENTS.map((event) => `${event.source}/${event.detailType}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe.each(ALL_EVENTS.map((event) => [event.detailType, event] as const))('%s', (detailType, contract) => {
    it('names a past-tense PascalCase detail-type', () => {
      expect(detailType).toMatch(/^([A-Z][a-z]+)+(ed|Sent)$/);
    });

    it('parses its sample (producer side)', () => {
      const envelope = sample(detailType);
      expect(envelope['detail-type']).toBe(contract.detailType);
      expect(envelope.source).toBe(contract.source);
      expect(() => contract.detailSchema.parse(envelope.detail)).not.toThrow();
    });

    it('routes its sample with its rule pattern, and no other sample', () => {
      for (const other of ALL_EVENTS) {
        expect(matches(contract.pattern, sample(other.detailType))).toBe(other === contract);
      }
    });

    it('rejects a detail of another schema version', () => {
      const envelope = sample(detailType) as { detail: { metadata: { schemaVersion: number } } };
      const future = { ...envelope, detail: { ...envelope.detail, metadata: { ...envelope.detail.metadata, schemaVersion: 2 } } };
      expect(matches(contract.pattern, future)).toBe(false);
    });

    it('rejects a detail without metadata', () => {
      const envelope = sample(detailType) as { detail: { data: unknown } };
      expect(contract.detailSchema.safeParse({ data: envelope.detail.data }).success).toBe(false);
    });

    it('keeps its JSON Schema stable (a breaking change is a new version)', () => {
      expect(z.toJSONSchema(contract.detailSchema)).toMatchSnapshot();
    });
  });
});
