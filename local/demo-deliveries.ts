/**
 * The Facebook deliveries `npm run demo` sends (and the console's end-to-end tests seed): the real visitor
 * post and comment of the shared corpus as they are, and visitor posts derived from the real post payload
 * in which only the message, post_id and author change.
 */
export interface DemoDelivery {
  label: string;
  body: Buffer;
  /** The interaction id the system should derive: `facebook:<post or comment id>`. */
  interactionId: string;
}

/** The Page of the corpus's payloads. */
export const DEMO_PAGE_ID = '1234567890321';

export const DEMO_SCENARIOS = [
  { label: 'complaint: a long wait in A&E', message: 'We waited 6 hours in A&E and nobody told us anything' },
  { label: 'compliment to the maternity team', message: 'Thank you to the maternity team, you were wonderful with us last week' },
  {
    label: 'safeguarding, said indirectly',
    message: "The little girl next door told my daughter she is scared to go home because of her dad's temper",
  },
  { label: 'a post carrying an NHS number', message: "Can someone look at my mum's referral? Her NHS number is 943 476 5919" },
  { label: 'general question', message: 'What are visiting hours?' },
] as const;

/** `corpusFile` reads a file of ../shared/acceptance/webhooks; `runId` keeps derived post ids apart between runs. */
export function demoDeliveries(runId: string, corpusFile: (name: string) => Buffer): { asIs: DemoDelivery[]; derived: DemoDelivery[] } {
  const asIs: DemoDelivery[] = [
    {
      label: 'real visitor post (facebook-feed-visitor-post-add.json)',
      body: corpusFile('facebook-feed-visitor-post-add.json'),
      interactionId: `facebook:${DEMO_PAGE_ID}_7293787835232`,
    },
    {
      label: 'real comment (facebook-feed-comment-add.json)',
      body: corpusFile('facebook-feed-comment-add.json'),
      interactionId: 'facebook:901097836652708_903438993085259',
    },
  ];
  const template = JSON.parse(corpusFile('facebook-feed-visitor-post-add.json').toString('utf8'));
  const derived = DEMO_SCENARIOS.map((scenario, index) => {
    const payload = structuredClone(template);
    const value = payload.entry[0].changes[0].value;
    value.post_id = `${DEMO_PAGE_ID}_${runId}${index + 1}`;
    value.message = scenario.message;
    value.from = { name: `Demo Visitor ${index + 1}`, id: `90000000000${index + 1}` };
    return { label: scenario.label, body: Buffer.from(JSON.stringify(payload)), interactionId: `facebook:${value.post_id}` };
  });
  return { asIs, derived };
}
