import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SlaBreached } from '../../../events';
import { breachLevelAt, renderBreach } from '../../../functions/core/sla-watch/watch-sla';
import { defaultMatrix } from '../matrix/fixtures';

describe('breachLevelAt', () => {
  it.each([
    ['not due yet', 'P2', '2026-11-25T16:59:00.000Z', 0],
    ['exactly due', 'P2', '2026-11-25T17:00:00.000Z', 0],
    ['a minute late', 'P2', '2026-11-25T17:01:00.000Z', 1],
    ['just under a day late', 'P2', '2026-11-26T16:59:00.000Z', 1],
    ['a day late', 'P2', '2026-11-26T17:00:00.000Z', 2],
    ['P0 an hour late', 'P0', '2026-11-25T18:00:00.000Z', 2],
  ])('%s', (_case, priority, now, level) => {
    expect(breachLevelAt({ slaDueAt: '2026-11-25T17:00:00Z', priority }, now)).toBe(level);
  });

  it('is 0 with no clock', () => {
    expect(breachLevelAt({ priority: 'monitor' }, '2030-01-01T00:00:00Z')).toBe(0);
  });
});

describe('renderBreach', () => {
  const sample = SlaBreached.detailSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../../events/samples/SlaBreached.json'), 'utf8')).detail).data;

  it('says what is late, since when and where, in the trust’s time zone', () => {
    const { subject, text, html } = renderBreach(sample, { trustName: 'Example Trust', timeZone: 'Europe/London' });
    expect(subject).toBe('[SLA breached] P2 Complaint (signposted to PALS): due Wed 25 Nov 2026, 17:00 GMT — Example Trust');
    expect(text).toContain('Overdue by: 5 minutes');
    expect(text).toContain('Owner team: pals');
    expect(text).toContain(sample.permalink);
    expect(html).toContain('<th style="text-align: left; padding: 4px 8px;">Due</th>');
  });

  it('speaks to comms officers: the triage console, not API paths, and the status in words', () => {
    const { text, html } = renderBreach(sample, { trustName: 'Example Trust', timeZone: 'Europe/London' });
    expect(text).toContain('Status: waiting for a reply\n');
    expect(text).toContain('Where: Facebook public post: ');
    expect(text).toContain('Reply, reassign or close it in the triage console. The message itself is not included.');
    expect(`${text}${html}`).not.toMatch(/POST|\/interactions\/\{id\}|\/assign|Status: assessed/);
  });

  it('links to the item in the console when its address is known (CONSOLE_URL)', () => {
    const { text, html } = renderBreach(sample, { trustName: 'T', timeZone: 'Europe/London', consoleUrl: 'http://localhost:3000/console/' });
    const link = `http://localhost:3000/console/#/interactions/${encodeURIComponent(sample.interactionId)}`;
    expect(text).toContain(`in the triage console: ${link}.`);
    expect(html).toContain(`<a href="${link}">open it</a>`);
  });

  it('names the owner team as the matrix does when given the matrix’s team names, else shows its id', () => {
    const teamNames = Object.fromEntries(defaultMatrix.teams.map((team) => [team.id, team.name]));
    const named = renderBreach({ ...sample, ownerTeam: 'safeguarding' }, { trustName: 'T', timeZone: 'Europe/London', teamNames });
    expect(named.text).toContain('Owner team: Duty social officer and safeguarding lead (page on-call comms and clinical)\n');
    expect(named.html).toContain('<td style="padding: 4px 8px;">Duty social officer and safeguarding lead');
    expect(renderBreach({ ...sample, ownerTeam: 'not-in-matrix' }, { trustName: 'T', timeZone: 'Europe/London', teamNames }).text).toContain('Owner team: not-in-matrix\n');
  });

  it('asks for the action, not a reply, when the decision expects none (an NHS number to hide)', () => {
    const { text, html } = renderBreach({ ...sample, category: 'pii', priority: 'P1', needsReply: false }, { trustName: 'T', timeZone: 'Europe/London' });
    expect(text).toContain('Status: waiting for its action (no reply is expected)\n');
    expect(text).toContain('Do what the decision asks (see the triage console), then close it; or reassign it in the triage console.');
    expect(`${text}${html}`).not.toContain('waiting for a reply');
    expect(html).toContain('Do what the decision asks');
  });

  it('tells level 2 apart', () => {
    expect(renderBreach({ ...sample, level: 2, overdueMinutes: 1500 }, { trustName: 'T', timeZone: 'Europe/London' })).toMatchObject({
      subject: expect.stringMatching(/^\[SLA breached, over a day\]/),
      text: expect.stringContaining('Overdue by: 25 hours'),
    });
  });
});
