/**
 * Golden figures: the seeded week in golden-week.ts, every number worked out by hand (the comments say how).
 */
import { sendWeeklyDigest } from '../../../functions/core/digest/send-weekly-digest';
import { RecordingEmail, RecordingPublisher, sequentialIds } from '../../support/in-memory';
import { FakeRasteriser, MemoryAudienceLog, MemoryDigestStore, MemoryHealthLog, MemoryWeekLog } from '../../support/digest';
import { GOLDEN_AUDIENCE, GOLDEN_HEALTH, GOLDEN_ITEMS, KEPT_SUMMARIES, LAST_WEEK_AUDIENCE, LAST_WEEK_ITEMS, NOW, WEEK } from './golden-week';

const SETTINGS = { trustName: 'Example NHS Foundation Trust', timeZone: 'Europe/London', from: 'digest@example.nhs.uk', recipients: ['board@example.nhs.uk'] };

async function run() {
  const store = new MemoryDigestStore();
  for (const summary of KEPT_SUMMARIES) store.summaries.set(summary.week, summary);
  const log = new MemoryWeekLog({ [WEEK]: GOLDEN_ITEMS, '2026-W47': LAST_WEEK_ITEMS });
  const email = new RecordingEmail();
  const publisher = new RecordingPublisher();
  const audience = new MemoryAudienceLog({ [WEEK]: GOLDEN_AUDIENCE, '2026-W47': LAST_WEEK_AUDIENCE });
  const deps = { log, health: new MemoryHealthLog({ [WEEK]: GOLDEN_HEALTH }), audience, store, email, publisher, rasteriser: new FakeRasteriser(), newId: sequentialIds() };
  const result = await sendWeeklyDigest({ trigger: 'schedule' }, NOW, SETTINGS, deps);
  return { result, figures: result.figures, store, log, audience, email, publisher };
}

describe('the golden week (2026-W48), hand-checked', () => {
  it('reads this week and only the comparison week with no kept summary, then keeps both summaries', async () => {
    const { result, log, store } = await run();
    // The Monday 30 November run reports W48; W46, W45, W44 are kept summaries, W47 is read from the log.
    expect(log.asked).toEqual([WEEK, '2026-W47']);
    expect(result.itemsRead).toBe(17 + 8);
    expect(store.summaryWrites).toEqual(['2026-W47', WEEK]);
  });

  it('listening: volume by platform and category against last week and the baseline of the weeks with data', async () => {
    const { figures } = await run();
    // 17 items: #15 is the trust's own post, so 16 inbound; #14 is unassessed; #12 was deleted; #7 is Welsh.
    expect(figures.volume).toMatchObject({ inbound: 16, ownPosts: 1, unassessed: 1, deleted: 1, welsh: 1, lastWeek: 8 });
    // W44 had no data, so the baseline is over W45-W47: (6 + 6 + 8) / 3 = 6.67 -> 6.7.
    expect(figures.volume).toMatchObject({ baseline: 6.7, baselineWeeks: 3 });
    expect(figures.volume.trend).toEqual([
      { week: '2026-W44', inbound: 0 },
      { week: '2026-W45', inbound: 6 },
      { week: '2026-W46', inbound: 6 },
      { week: '2026-W47', inbound: 8 },
      { week: '2026-W48', inbound: 16 },
    ]);
    // Facebook #1 #2 #5 #7 #8 #9 #11 #13 #14 #17; X #3 #4 #12; Instagram #6 #10; Care Opinion #16.
    // Baselines: Facebook (4+3+3)/3, X (2+2+2)/3, Instagram (2+1+0)/3, Care Opinion (0+0+1)/3.
    expect(figures.volume.byPlatform).toEqual([
      { key: 'facebook', thisWeek: 10, lastWeek: 4, baseline: 3.3 },
      { key: 'x', thisWeek: 3, lastWeek: 2, baseline: 2 },
      { key: 'instagram', thisWeek: 2, lastWeek: 2, baseline: 1 },
      { key: 'careopinion', thisWeek: 1, lastWeek: 0, baseline: 0.3 },
    ]);
    // complaint #1 #2 #3 #17; compliment #9 #10 #16; general-question #7 #8; one each of the rest.
    expect(figures.volume.byCategory.slice(0, 3)).toEqual([
      { key: 'complaint', thisWeek: 4, lastWeek: 2, baseline: 1.3 },
      { key: 'compliment', thisWeek: 3, lastWeek: 2, baseline: 1 },
      { key: 'general-question', thisWeek: 2, lastWeek: 4, baseline: 4.3 },
    ]);
    expect(figures.volume.byPriority).toEqual({ P0: 1, P1: 2, P2: 6, P3: 5, monitor: 1 });
    // Mon #1 #2, Tue #3 #4, Wed #5 #6 #16, Thu #7 #9 #17, Fri #8 #10, Sat #11 #12, Sun #13 #14.
    expect(figures.volume.byDay).toEqual([2, 2, 3, 3, 2, 2, 2]);
    // Facebook: 10 >= 10 and >= 2 x 3.3. Nothing else reaches 10; no baseline reaches 10, so no fall.
    expect(figures.spikes).toEqual([{ dimension: 'platform', key: 'facebook', direction: 'rise', thisWeek: 10, baseline: 3.3 }]);
  });

  it('responsiveness: share answered, median and p90 in working minutes, SLA by priority, backlog', async () => {
    const { figures } = await run();
    // Needs a reply: #1-#8, #11, #13, #16, #17 = 12. Answered: #1 #2 #4 #5 #6 #7 #11 #16 #17 = 9 (75%).
    // Minutes sorted: 0 10 20 30 30 45 120 120 780 -> median (5th of 9) 30; p90 rank ceil(8.1) = 9th -> 780.
    expect(figures.responsiveness).toEqual({
      tracked: true,
      needsReply: 12,
      answered: 9,
      answeredShare: 0.75,
      publicReplies: 6,
      privateReplies: 3,
      timed: 9,
      medianWorkingMinutes: 30,
      p90WorkingMinutes: 780,
      sla: [
        // P0 #4 at 23:10, due 23:15.
        { priority: 'P0', met: 1, missed: 0, pending: 0, attainment: 1 },
        // P1 #5 met; #6 answered 14:00, due 13:00.
        { priority: 'P1', met: 1, missed: 1, pending: 0, attainment: 0.5 },
        // P2 met #1 #11 #17; missed #2 (late) and #3 (unanswered, due Wed); #13 due Tue 1 Dec, not yet.
        { priority: 'P2', met: 3, missed: 2, pending: 1, attainment: 0.6 },
        // P3 met #7 #16; #8 due Tue 1 Dec.
        { priority: 'P3', met: 2, missed: 0, pending: 1, attainment: 1 },
      ],
      // #3 is unanswered and past its due time at 08:00 on Monday.
      backlogPastDue: 1,
      closedWithoutReply: 0,
    });
  });

  it('safety, patient voice, community and sentiment', async () => {
    const { figures } = await run();
    expect(figures.safety).toEqual({
      p0: 1,
      p1: 2,
      safeguarding: 1,
      staffAbuse: 1,
      personalDataRemoved: 1,
      misinformation: 1,
      misinformationCorrected: 1,
      majorIncident: 0,
    });
    // Complaints #1 #2 #3 #17, answered #1 #2 #17. Compliments #9 #10 #16, closed (passed on) #9.
    // Themes: #1 waiting + staff attitude, #2 waiting, #3 communication, #17 waiting (the long-wait pattern) + appointments.
    // Last week's two complaints: 'waited', 'still waiting'.
    expect(figures.patientVoice).toEqual({
      complaints: 4,
      complaintsSignposted: 3,
      formalComplaints: 0,
      compliments: 3,
      complimentsPassedOn: 1,
      themes: [
        { theme: 'Waiting times', thisWeek: 3, lastWeek: 2 },
        { theme: 'Cancelled appointments', thisWeek: 1, lastWeek: 0 },
        { theme: 'Communication', thisWeek: 1, lastWeek: 0 },
        { theme: 'Staff attitude', thisWeek: 1, lastWeek: 0 },
      ],
    });
    // X follows of the trust: W48 three follows (Mon, Wed, Sun) and one unfollow (Thu); W47 one follow.
    expect(figures.community).toEqual({
      followers: {
        platforms: [{ platform: 'x', gained: 3, lost: 1, net: 2, lastWeek: { gained: 1, lost: 0, net: 1 } }],
        gained: 3,
        lost: 1,
        net: 2,
        notDelivered: ['facebook', 'instagram', 'linkedin', 'tiktok', 'youtube'],
      },
      staffChannel: 1,
      speakUp: 1,
    });
    // 15 assessed inbound: negative #1-#5 #11 #12 #13 #17, neutral #6 #7 #8, positive #9 #10 #16; #14 not scored.
    expect(figures.sentiment).toEqual({ positive: 3, neutral: 3, negative: 9, measured: 15, unmeasured: 1 });
  });

  it('data completeness: deliveries, longest silence, the revoked connection and the silent account', async () => {
    const { figures } = await run();
    expect(figures.completeness.platforms).toEqual([
      // 10 inbound + own post #15. Longest gap: Monday 14:00 (#2) to Wednesday 10:00 (#5) = 44 h.
      { platform: 'facebook', deliveries: 11, accounts: 1, baselineDeliveries: 3.3, longestSilenceHours: 44, status: 'delivering', problems: {} },
      // Tuesday 23:00 (#4) to Saturday 20:00 (#12) = 93 h; authorisation revoked on Saturday.
      { platform: 'x', deliveries: 3, accounts: 1, baselineDeliveries: 2, longestSilenceHours: 93, status: 'delivering', problems: { authorisation_revoked: 1 } },
      // Gaps 60 h (to #6, Wednesday 12:00), 46 h (to #10), then Friday 10:00 to the end of the week = 62 h.
      { platform: 'instagram', deliveries: 2, accounts: 1, baselineDeliveries: 1, longestSilenceHours: 62, status: 'delivering', problems: {} },
      // Wednesday 09:00 (#16) to the end of the week = 111 h.
      { platform: 'careopinion', deliveries: 1, accounts: 1, baselineDeliveries: 0.3, longestSilenceHours: 111, status: 'delivering', problems: {} },
    ]);
    // ig-2 delivered in W47 only.
    expect(figures.completeness.silentAccounts).toEqual([{ platform: 'instagram', accountId: 'ig-2' }]);
    expect(figures.completeness.problems).toBe(1);
  });

  it('the matrix version in force and the change since last week', async () => {
    const { figures } = await run();
    // Every item but the unassessed #14 carries the new version (own post #15 included).
    expect(figures.matrix).toEqual({
      versions: { '2026.12-nhs-default.2': 16 },
      changes: [{ from: '2026.11-nhs-default.1', to: '2026.12-nhs-default.2', when: 'since last week' }],
    });
  });

  it('says it in the email and the CSV', async () => {
    const { email } = await run();
    const { text, html, subject, attachments } = email.sent[0]!;
    expect(subject).toBe('Example NHS Foundation Trust: social media weekly digest, 2026-W48 (23 to 29 November 2026)');
    expect(text).toContain("16 inbound messages reached the trust's accounts, 139% above the 4-week average of 6.7 (last week 8).");
    expect(text).toContain('The biggest change: Facebook rose to 10 against a 4-week average of 3.3.');
    expect(text).toContain('75% of the 12 messages needing a reply were answered, with a median first response of 30 min in working hours; 1 is past due and unanswered.');
    expect(text).toContain('P0 (risk to life) events: 1. P1 (urgent) events: 2.');
    expect(text).toContain('Data completeness: all 4 platforms delivered; longest silence 111 hours (Care Opinion); 1 account that delivered in the last four weeks sent nothing; connection problems: X (Twitter) authorisation revoked.');
    expect(text).toContain('90th percentile: 13 h');
    expect(html).toContain('src="cid:trend"');
    const csv = Buffer.from(attachments!.find((a) => a.filename.endsWith('.csv'))!.content).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('week,section,measure,breakdown,this_week,last_week,baseline_4wk_avg,unit');
    expect(csv).toContain('2026-W48,listening,inbound,platform:facebook,10,4,3.3,count\r\n');
    expect(csv).toContain('2026-W48,responsiveness,first_response_p90,all,780,,,working_minutes\r\n');
    expect(csv).toContain('2026-W48,responsiveness,sla_attainment,priority:P2,0.6,,,ratio\r\n');
    expect(csv).toContain('2026-W48,completeness,connection_problem,platform:x:authorisation_revoked,1,,,count\r\n');
  });

  it('followers: one audience partition per week read, counts kept in the summary, said in the email and the CSV', async () => {
    const { audience, store, email } = await run();
    // This week, and W47 whose summary is computed now (W44-W46 are kept summaries from before follows were collected).
    expect(audience.asked).toEqual([WEEK, '2026-W47']);
    expect(store.summaries.get(WEEK)?.followers).toEqual({ x: { gained: 3, lost: 1 } });
    expect(store.summaries.get('2026-W47')?.followers).toEqual({ x: { gained: 1, lost: 0 } });
    const { text, html, attachments } = email.sent[0]!;
    expect(text).toContain('Followers, X (Twitter): gained 3, lost 1, net +2 (last week: gained 1, lost 0, net +1)');
    expect(text).toContain('Followers not counted: Facebook Page, Instagram, LinkedIn, TikTok and YouTube webhooks do not deliver follow events');
    expect(text).toContain('Follower gains and losses on Facebook Page, Instagram, LinkedIn, TikTok and YouTube: their webhooks do not deliver follow events.');
    expect(text).not.toContain('not collected yet');
    expect(html).not.toContain('not collected yet');
    const csv = Buffer.from(attachments!.find((a) => a.filename.endsWith('.csv'))!.content).toString('utf8');
    expect(csv).toContain('2026-W48,community,followers_gained,all,3,,,count\r\n');
    expect(csv).toContain('2026-W48,community,followers_net,platform:x,2,1,,count\r\n');
    expect(csv).toContain('2026-W48,community,followers_lost,platform:x,1,0,,count\r\n');
  });

  it('followers: last week not known when its kept summary predates follow events; not collected without an audience log', async () => {
    const store = new MemoryDigestStore();
    for (const summary of KEPT_SUMMARIES) store.summaries.set(summary.week, summary);
    const base = { log: new MemoryWeekLog({ [WEEK]: GOLDEN_ITEMS, '2026-W47': LAST_WEEK_ITEMS }), health: new MemoryHealthLog({ [WEEK]: GOLDEN_HEALTH }), email: new RecordingEmail(), publisher: new RecordingPublisher(), rasteriser: new FakeRasteriser(), newId: sequentialIds() };
    const without = await sendWeeklyDigest({ week: WEEK, preview: true }, NOW, SETTINGS, { ...base, store });
    expect(without.figures.community.followers).toBeUndefined();
    expect(without.preview?.text).toContain('Followers gained / lost: not collected yet');

    // W47's summary was kept (above, without follows): its follower change is not known.
    const withAudience = await sendWeeklyDigest({ week: WEEK, preview: true }, NOW, SETTINGS, { ...base, store, audience: new MemoryAudienceLog({ [WEEK]: GOLDEN_AUDIENCE }) });
    expect(withAudience.figures.community.followers?.platforms).toEqual([{ platform: 'x', gained: 3, lost: 1, net: 2, lastWeek: undefined }]);
    expect(withAudience.preview?.text).toContain('Followers, X (Twitter): gained 3, lost 1, net +2 (last week: not known)');
  });
});
