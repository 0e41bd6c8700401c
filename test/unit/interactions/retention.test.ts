import { busArchiveDays, parseOrgConfig } from '../../../infra/org-config';
import {
  auditExpiresAt,
  contentExpiresAt,
  DEFAULT_RETENTION,
  recordExpiresAt,
  retentionPolicySchema,
} from '../../../functions/core/interactions/retention';

const policy = retentionPolicySchema.parse({ days: { default: 730, safeguarding: 2920 }, contentHoursByPlatform: { linkedin: 48 }, auditDays: 3650 });
const at = '2026-11-24T10:00:00.000Z';
const epoch = (iso: string) => Date.parse(iso) / 1000;

describe('retention', () => {
  it('keeps a record by its category, the default otherwise, and audit items longer than either', () => {
    expect(recordExpiresAt(policy, at, 'safeguarding')).toBe(epoch('2034-11-22T10:00:00.000Z'));
    expect(recordExpiresAt(policy, at, 'compliment')).toBe(epoch('2028-11-23T10:00:00.000Z'));
    expect(recordExpiresAt(policy, at, undefined)).toBe(epoch('2028-11-23T10:00:00.000Z'));
    expect(auditExpiresAt(policy, at)).toBeGreaterThan(recordExpiresAt(policy, at, 'safeguarding'));
  });

  it('cuts LinkedIn content at 48 hours and leaves other platforms to the record’s retention', () => {
    expect(contentExpiresAt(policy, 'linkedin', at)).toBe('2026-11-26T10:00:00.000Z');
    expect(contentExpiresAt(policy, 'facebook', at)).toBeUndefined();
    expect(contentExpiresAt(DEFAULT_RETENTION, 'linkedin', at)).toBe('2026-11-26T10:00:00.000Z');
  });

  it.each([
    ['audit shorter than a record', { days: { default: 730 }, auditDays: 365 }, 'auditDays'],
    ['no default', { days: { complaint: 30 }, auditDays: 365 }, 'days'],
    ['an unknown platform', { days: { default: 30 }, contentHoursByPlatform: { myspace: 1 }, auditDays: 365 }, 'contentHoursByPlatform'],
  ])('refuses %s', (_case, value, path) => {
    const result = retentionPolicySchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(path);
  });

  it('is read from config/org.yaml, where a bad value fails with the field', () => {
    const yaml = (retention: string) => `
trustName: Example Trust
timeZone: Europe/London
aws: { region: eu-west-2, stage: dev }
digest: { from: a@example.nhs.uk, recipients: [b@example.nhs.uk] }
secrets: { meta: m, x: x, linkedin: l, tiktok: t, youtube: y, careopinion: c }
${retention}`;
    expect(parseOrgConfig(yaml('retention: { days: { default: 30 }, auditDays: 400 }')).retention?.days).toEqual({ default: 30 });
    expect(() => parseOrgConfig(yaml('retention: { days: { default: 30 }, auditDays: 10 }'))).toThrow(/retention\.auditDays/);
  });

  it('keeps the bus archive no longer than the shortest retention.days, and silence thresholds within 1..168 hours', () => {
    const yaml = (extra: string) => `
trustName: Example Trust
timeZone: Europe/London
aws: { region: eu-west-2, stage: dev }
digest: { from: a@example.nhs.uk, recipients: [b@example.nhs.uk] }
secrets: { meta: m, x: x, linkedin: l, tiktok: t, youtube: y, careopinion: c }
${extra}`;
    expect(busArchiveDays(parseOrgConfig(yaml('')))).toBe(30);
    expect(busArchiveDays(parseOrgConfig(yaml('busArchive: { retentionDays: 14 }')))).toBe(14);
    expect(() => parseOrgConfig(yaml('retention: { days: { default: 730, spam: 20 }, auditDays: 3650 }\nbusArchive: { retentionDays: 30 }'))).toThrow(
      /busArchive\.retentionDays: must not be longer than the shortest retention\.days \(20\)/,
    );
    expect(parseOrgConfig(yaml('monitoring: { connectorSilenceHours: { facebook: 24, careopinion: 72 } }')).monitoring?.connectorSilenceHours).toEqual({ facebook: 24, careopinion: 72 });
    expect(() => parseOrgConfig(yaml('monitoring: { connectorSilenceHours: { facebook: 200 } }'))).toThrow(/monitoring\.connectorSilenceHours\.facebook/);
    expect(() => parseOrgConfig(yaml('monitoring: { connectorSilenceHours: { myspace: 24 } }'))).toThrow(/monitoring\.connectorSilenceHours/);
  });
});
