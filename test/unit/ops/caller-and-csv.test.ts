import { UnauthorizedError } from '../../../functions/core/interactions/errors';
import type { InteractionRecord } from '../../../functions/core/interactions/record';
import { callerFrom, OPS_GROUPS, requireGroup } from '../../../functions/core/ops/caller';
import { csvHeader, csvLine, csvRow, EXPORT_COLUMNS } from '../../../functions/core/ops/csv';

describe('callerFrom (JWT claims)', () => {
  it.each([
    ['API Gateway’s text form of an array claim', { email: 'jo@example.nhs.uk', 'cognito:groups': '[comms-leads information-governance]' }, ['comms-leads', 'information-governance']],
    ['a JSON array (another issuer)', { sub: 'abc', groups: ['comms-leads'] }, ['comms-leads']],
    ['a comma list', { username: 'jo', groups: 'comms-leads, x' }, ['comms-leads', 'x']],
    ['no groups', { sub: 'abc' }, []],
  ])('reads %s', (_case, claims, groups) => {
    expect([...callerFrom(claims).groups].sort()).toEqual([...groups].sort());
  });

  it('names the person by email, then username, then sub', () => {
    expect(callerFrom({ sub: 's', 'cognito:username': 'jo', email: 'jo@example.nhs.uk' }).actor).toBe('user:jo@example.nhs.uk');
    expect(callerFrom({ sub: 's', 'cognito:username': 'jo' }).actor).toBe('user:jo');
    expect(callerFrom({ sub: 's' }).actor).toBe('user:s');
  });

  it('refuses a request with no identity, and a missing group', () => {
    expect(() => callerFrom(undefined)).toThrow(UnauthorizedError);
    expect(() => requireGroup(callerFrom({ sub: 's' }), OPS_GROUPS.exportText, 'Exporting message text')).toThrow(
      expect.objectContaining({ name: 'ForbiddenError', message: expect.stringContaining('comms-leads') }),
    );
  });
});

describe('CSV export rows', () => {
  const record: InteractionRecord = {
    id: 'facebook:1_2',
    platform: 'facebook',
    channel: 'public_comment',
    receivedAt: '2026-11-24T10:15:00.000Z',
    ownAccount: false,
    text: '=HYPERLINK("http://evil") said "hi", twice',
    author: { id: '42', handle: 'jo', displayName: 'Jo Bloggs' },
    status: 'replied',
    category: 'complaint',
    priority: 'P2',
    firstResponseWorkingMinutes: 95,
    replies: [],
    version: 3,
  };

  it('has one column per header, never the author, and no text unless asked', () => {
    const row = csvRow(record, false);
    expect(row.split(',')).toHaveLength(EXPORT_COLUMNS.length);
    expect(row).not.toMatch(/Jo Bloggs|jo|42,|HYPERLINK/);
    expect(csvHeader(false)).not.toContain('text');
    expect(row.endsWith('\r\n')).toBe(true);
  });

  it('quotes text and defuses a spreadsheet formula', () => {
    expect(csvRow(record, true).trimEnd().split(',').slice(EXPORT_COLUMNS.length).join(',')).toBe(`"'=HYPERLINK(""http://evil"") said ""hi"", twice"`);
    expect(csvHeader(true).trimEnd().endsWith(',text')).toBe(true);
    expect(csvLine(['-1', '@x', 'plain'])).toBe("'-1,'@x,plain\r\n");
  });
});
