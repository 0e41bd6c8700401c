/**
 * An edit is decided again, through the whole local system (`npm start` in process: real handlers, real SDK
 * clients, dynalite, the local bus, SES and SNS): a signed Facebook comment, then a signed `verb: edited`
 * delivery of the same comment. A risk to life added by the edit raises the item to safeguarding P0 with
 * a clock from the edit, emails the safeguarding team and pages on-call, once however often Meta redelivers;
 * an edit that takes the words out again never lowers it.
 */
import { corpusBytes } from '../support/shared-corpus';
import { listEmails } from '../../local/ses';
import { listPublished } from '../../local/sns';
import type { LocalSystem } from '../../local/start';
import { metaPoster, startTestSystem, tempDir } from './support';

const PAGE_ID = '1234567890321';
const TOKEN = 'local-dev-token';

function comment(commentId: string, verb: 'add' | 'edited', message: string, createdTime: number): Buffer {
  const payload = JSON.parse(corpusBytes(verb === 'add' ? 'facebook-feed-comment-add.json' : 'facebook-feed-comment-edited.json').toString('utf8'));
  const value = payload.entry[0].changes[0].value;
  Object.assign(value, { comment_id: commentId, post_id: `${PAGE_ID}_901097836652708`, parent_id: `${PAGE_ID}_901097836652708`, message, created_time: createdTime });
  if (verb === 'add') value.from = { id: '777000222', name: 'Test Visitor' };
  payload.entry[0].time = createdTime;
  return Buffer.from(JSON.stringify(payload));
}

describe('an edited comment, decided again', () => {
  const dir = tempDir('edit-reassessment');
  let system: LocalSystem;

  beforeAll(async () => {
    system = await startTestSystem(dir.path);
  }, 30_000);

  afterAll(async () => {
    await system?.stop();
    dir.remove();
  });

  const post = (body: Buffer) => metaPoster(system)(body);
  const get = async (id: string) => {
    const response = await fetch(`${system.urls.api}/interactions/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown> & { audit: Array<Record<string, unknown>> };
  };
  const emailsAbout = async (id: string) => (await listEmails(system.urls.ses)).filter((email) => (email.body.text ?? '').includes(`Interaction: ${id}`));
  const pagesAbout = async (id: string) => (await listPublished(system.urls.sns)).filter((page) => page.message.includes(`Interaction: ${id}`));

  it('raises a thank-you edited into a risk to life to safeguarding P0, tells the team and pages once, and never lowers it again', async () => {
    const commentId = '901097836652708_907000000000001';
    const id = `facebook:${commentId}`;
    const now = Math.floor(Date.now() / 1000);
    await post(comment(commentId, 'add', 'Thank you to the staff on the ward, lovely care', now - 600));
    const before = await get(id);
    expect(before).toMatchObject({ category: 'compliment', status: 'assessed' });
    expect(before.priority).not.toBe('P0');
    expect(await emailsAbout(id)).toEqual([]);

    const risk = comment(commentId, 'edited', 'Thank you to the staff. But I cannot go on, I am going to end my life tonight', now - 60);
    await post(risk);
    const after = await get(id);
    expect(after).toMatchObject({ category: 'safeguarding', priority: 'P0', ownerTeam: 'safeguarding', status: 'assessed', needsReply: true });
    // Due 15 minutes (day and night) from when the edit came in, not from the comment's first receipt.
    const due = Date.parse(String(after.slaDueAt));
    expect(due).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    expect(after.audit.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['received', 'assessed', 'edited', 'reassessed']));
    const reassessed = after.audit.find((entry) => entry.kind === 'reassessed')!;
    expect(reassessed).toMatchObject({
      actor: 'system:response-matrix',
      ruleId: 'safeguarding-risk-to-life',
      changes: expect.objectContaining({ priority: { from: before.priority, to: 'P0' } }),
    });
    // The stored text is the edited text, redacted as always.
    expect(after).toMatchObject({ text: expect.stringContaining('end my life') });

    const emails = await emailsAbout(id);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toMatch(/^\[P0\]/u);
    expect(emails[0]!.body.text).toContain(`The author edited it after it was decided (compliment ${before.priority}): the edited text is safeguarding P0`);
    expect(emails[0]!.body.text).not.toContain('end my life');
    expect(await pagesAbout(id)).toHaveLength(1);

    // Meta redelivers the same edit: nothing changes and nobody is told twice.
    await post(risk);
    const again = await get(id);
    expect(again.audit.filter((entry) => entry.kind === 'reassessed')).toHaveLength(1);
    expect(await emailsAbout(id)).toHaveLength(1);
    expect(await pagesAbout(id)).toHaveLength(1);

    // The author takes the words out: the decision stands (an officer overrides if it should go down).
    await post(comment(commentId, 'edited', 'Thank you to the staff on the ward', now - 30));
    const later = await get(id);
    expect(later).toMatchObject({ category: 'safeguarding', priority: 'P0', status: 'assessed' });
    const kept = later.audit.filter((entry) => entry.kind === 'reassessed');
    expect(kept).toHaveLength(2);
    expect(kept.map((entry) => entry.what)).toContainEqual(expect.stringMatching(/kept at safeguarding P0 \(an edit never lowers a decision/u));
    expect(await emailsAbout(id)).toHaveLength(1);
    expect(system.bus.deadLetters()).toEqual([]);
  });

  it('decides an edit that arrives before its comment on the edited words: the team is told at once, and the comment, when it comes, is raised', async () => {
    const commentId = '901097836652708_907000000000002';
    const id = `facebook:${commentId}`;
    const now = Math.floor(Date.now() / 1000);
    // Meta's delivery of the comment is late (a retry): its edit comes first.
    await post(comment(commentId, 'edited', 'Thank you. I cannot go on, I am going to end my life tonight', now - 60));
    const notYet = await fetch(`${system.urls.api}/interactions/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(notYet.status).toBe(404);
    // Whoever follows the email's link to the console learns why it is not there, and what was decided.
    expect(JSON.stringify(await notYet.json())).toMatch(/has not reached us yet, but an edit of it has: it was decided safeguarding P0/u);
    const emails = await emailsAbout(id);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toMatch(/^\[P0\]/u);
    expect(emails[0]!.body.text).toContain('It was edited before we received the message itself');
    // The team can open it on Facebook before it reaches the queue: the edit says where it is.
    expect(emails[0]!.body.text).toContain(`https://www.facebook.com/${PAGE_ID}_901097836652708?comment_id=${commentId}`);
    expect(await pagesAbout(id)).toHaveLength(1);

    await post(comment(commentId, 'add', 'Thank you to the staff on the ward, lovely care', now - 600));
    const item = await get(id);
    // Decided P3 on the words of the late delivery, then raised by the edit's decision waiting for it.
    expect(item).toMatchObject({ category: 'safeguarding', priority: 'P0', ownerTeam: 'safeguarding', status: 'assessed', text: expect.stringContaining('end my life') });
    expect(item.audit.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['received', 'assessed', 'edited', 'reassessed']));
    // The trail reads in order: the message's own decision, then the edit's decision raising it from that.
    const kinds = item.audit.map((entry) => entry.kind);
    expect(kinds.lastIndexOf('reassessed')).toBeGreaterThan(kinds.indexOf('assessed'));
    expect(item.audit.find((entry) => entry.kind === 'reassessed')!.what).toMatch(/which came before the message itself\)$/u);
    // Nobody is told twice.
    expect(await emailsAbout(id)).toHaveLength(1);
    expect(await pagesAbout(id)).toHaveLength(1);
    expect(system.bus.deadLetters()).toEqual([]);
  });
});
