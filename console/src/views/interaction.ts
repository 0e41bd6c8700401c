import { ApiError, SignedOutError } from '../api';
import { externalLink, h, hidden, replaceChildren, responsiveTable, summaryRow } from '../dom';
import { button, clearFieldErrors, markFieldError, selectField, showErrorSummary, textareaField, textField, type FieldProblem } from '../forms';
import { CHANNEL_LABELS, channelName, checkName, clockTagClass, defaultReplyVisibility, FLAG_LABELS, humanise, labelOf, localTimesIn, platformName, PRIORITIES, priorityTagClass, PUBLIC_REPLY_LABELS, slaClock, STATUS_LABELS, when, withoutPatterns } from '../format';
import { categoryName, categoryOptions, teamName, teamOptions } from '../names';
import type { AuditEntry, InteractionDetail, MatrixDocument, MatrixProgramme } from '../types';
import type { View, ViewContext } from './context';

/** Labels of the API's fields, for messages that say which field is wrong in words. */
type Action = 'assign' | 'reply' | 'override' | 'close';
const FIELD_LABELS: Record<Action, Record<string, { id: string; label: string }>> = {
  assign: { 'body.team': { id: 'assign-team', label: 'Owner team' }, 'body.assignee': { id: 'assign-assignee', label: 'Assign to' } },
  reply: { 'body.visibility': { id: 'reply-visibility-public', label: 'Where the reply was sent' }, 'body.text': { id: 'reply-text', label: 'What was sent' } },
  override: {
    'body.reason': { id: 'override-reason', label: 'Reason for the override' },
    'body.category': { id: 'override-category', label: 'New category' },
    'body.priority': { id: 'override-priority', label: 'New priority' },
  },
  close: { 'body.reason': { id: 'close-reason', label: 'Reason for closing' } },
};

const DONE: Record<Action, string> = { assign: 'Assignment saved', reply: 'Reply recorded: the SLA clock has stopped', override: 'Override saved', close: 'Interaction closed' };

/**
 * One interaction: the redacted text, the author, the matrix's decision and why, the suggested reply,
 * the audit trail, and the actions (assign, record a reply, override with a reason, close).
 */
export async function renderInteraction(ctx: ViewContext): Promise<View> {
  const id = ctx.params.id!;
  const matrix = await ctx.matrix();
  let detail = await ctx.api.get<InteractionDetail>(`/interactions/${encodeURIComponent(id)}`);
  if (ctx.signal.aborted) return {};
  let pageName = '';
  draw();
  return {};

  function draw(done?: string): void {
    const category = detail.category ? categoryName(matrix, detail.category) : 'Not assessed yet';
    pageName = `${category} on ${platformName(detail.platform)}`;
    ctx.setTitle(pageName);
    const errors = h('div', { id: 'action-errors' });
    const success = done
      ? h('div', { class: 'nhsuk-notification-banner nhsuk-notification-banner--success', role: 'alert', 'aria-labelledby': 'done-title', tabindex: '-1', id: 'action-done' },
          h('div', { class: 'nhsuk-notification-banner__header' }, h('h2', { class: 'nhsuk-notification-banner__title', id: 'done-title' }, 'Success')),
          h('div', { class: 'nhsuk-notification-banner__content' }, h('p', { class: 'nhsuk-notification-banner__heading' }, done)))
      : null;
    replaceChildren(ctx.main,
      h('a', { class: 'nhsuk-back-link', href: '#/queue' }, 'Back to the queue'),
      success,
      errors,
      h('h1', { tabindex: '-1' }, h('span', { class: 'nhsuk-caption-l' }, `${platformName(detail.platform)} ${channelName(detail.channel).toLowerCase()}`, hidden(' – ')), category),
      h('p', { class: 'app-id' }, detail.id),
      message(),
      decision(),
      why(),
      programmes(),
      suggestedReply(),
      replies(),
      h('h2', {}, 'Actions'),
      h('div', { class: 'app-actions' }, actions(errors)),
      trail());
    if (success) success.focus();
  }

  function message(): HTMLElement {
    const pii = detail.assessment?.piiKinds ?? [];
    return h('section', { 'aria-labelledby': 'message-heading' },
      h('h2', { id: 'message-heading' }, 'Message'),
      h('div', { class: 'nhsuk-inset-text' },
        hidden('Message text: '),
        detail.text ? h('p', { class: 'app-message', id: 'message-text' }, detail.text) : h('p', {}, detail.erased ? 'The text was removed (erasure or the platform\'s storage limit).' : detail.deleted ? 'The author deleted this on the platform.' : 'No text.')),
      h('p', { id: 'pii-kinds' }, pii.length > 0 ? `Personal data was found and redacted before storing: ${pii.map(checkName).join(', ')}.` : 'No personal data was found in the text.'),
      h('dl', { class: 'nhsuk-summary-list' },
        summaryRow('Author', [detail.author.displayName, detail.author.handle ? `@${detail.author.handle.replace(/^@/u, '')}` : undefined].filter(Boolean).join(' ') || 'Not known'),
        summaryRow('On the platform', externalLink(detail.permalink, `Open on ${platformName(detail.platform)}`) ?? 'No link'),
        summaryRow('Received', when(detail.receivedAt))));
  }

  function decision(): HTMLElement {
    const assessment = detail.assessment;
    const clock = slaClock(detail, Date.now());
    const flags = assessment?.flags ?? [];
    return h('section', { 'aria-labelledby': 'decision-heading' },
      h('h2', { id: 'decision-heading' }, 'Decision'),
      h('dl', { class: 'nhsuk-summary-list', id: 'decision' },
        summaryRow('Priority', [h('strong', { class: priorityTagClass(detail.priority) }, detail.priority ?? 'Not assessed'), detail.overridden ? ' (overridden: see the audit trail)' : '']),
        summaryRow('Category', detail.category ? categoryName(matrix, detail.category) : 'Not assessed yet'),
        summaryRow('Status', labelOf(STATUS_LABELS, detail.status)),
        summaryRow('Reply clock', [h('strong', { class: clockTagClass(clock.state), id: 'sla-clock', 'data-clock': clock.state }, clock.text), detail.slaDueAt && clock.state !== 'stopped' ? ` (due ${when(detail.slaDueAt)})` : '']),
        summaryRow('Owner team', teamName(matrix, detail.ownerTeam)),
        summaryRow('Assigned to', detail.assignee ?? 'Nobody yet'),
        summaryRow('Public reply', assessment ? labelOf(PUBLIC_REPLY_LABELS, assessment.publicReply) : ''),
        summaryRow('What to do', assessment?.action ?? ''),
        summaryRow('Flags', flags.length > 0 ? h('ul', { class: 'nhsuk-list' }, flags.map((flag) => h('li', {}, labelOf(FLAG_LABELS, flag)))) : 'None'),
        assessment?.incident ? summaryRow('Incident', assessment.incident.name) : null,
        summaryRow('Matrix', `version ${detail.matrixVersion ?? assessment?.matrixVersion ?? 'unknown'}, rule ${detail.ruleId ?? assessment?.ruleId ?? 'none'}`)));
  }

  function why(): HTMLElement | null {
    const assessment = detail.assessment;
    if (!assessment) return null;
    return h('details', { class: 'nhsuk-details', open: true },
      h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'Why the matrix decided this')),
      h('div', { class: 'nhsuk-details__text' },
        h('p', { id: 'rationale' }, withoutPatterns(assessment.rationale)),
        assessment.evidence.length > 0
          ? [h('h3', { class: 'nhsuk-heading-s' }, 'Signals that fired'), h('ul', { id: 'signals' }, [...new Set(assessment.evidence.map((evidence) => evidenceInWords(matrix, evidence)))].map((evidence) => h('li', {}, evidence)))]
          : h('p', {}, 'No signals fired.')));
  }

  /** The change programmes the message concerns: each by name, with the key messages it carries and the false claims it makes. */
  function programmes(): HTMLElement | null {
    const tags = programmeTagsOf(detail);
    if (tags.length === 0) return null;
    return h('section', { 'aria-labelledby': 'programmes-heading' },
      h('h2', { id: 'programmes-heading' }, tags.length === 1 ? 'Change programme' : 'Change programmes'),
      h('ul', { class: 'nhsuk-list', id: 'programmes' }, tags.map((tag) => {
        const programme = matrix?.programmes?.find((candidate) => candidate.id === tag.id);
        const messages = tag.keyMessages.map((messageId) => programme?.keyMessages?.find((message) => message.id === messageId)?.text ?? humanise(messageId));
        const claims = tag.claims.map((claimId) => ({ name: claimName(programme, claimId), source: programme?.claims?.find((claim) => claim.id === claimId)?.source }));
        return h('li', { 'data-programme': tag.id },
          h('h3', { class: 'nhsuk-heading-s nhsuk-u-margin-bottom-2' }, programme?.name ?? humanise(tag.id)),
          programme?.ownerName || programme?.owner ? h('p', { class: 'nhsuk-body-s nhsuk-u-margin-bottom-2' }, `Owned by ${programme.ownerName ?? teamName(matrix, programme.owner)}`) : null,
          messages.length > 0
            ? [h('p', { class: 'nhsuk-u-margin-bottom-1' }, 'Key messages it carries:'), h('ul', { class: 'nhsuk-list nhsuk-list--bullet', 'data-list': 'key-messages' }, messages.map((text) => h('li', {}, text)))]
            : h('p', {}, 'It carries none of the programme\'s key messages.'),
          claims.length > 0
            ? [h('p', { class: 'nhsuk-u-margin-bottom-1' }, 'False claims it makes:'),
               h('ul', { class: 'nhsuk-list nhsuk-list--bullet', 'data-list': 'claims' }, claims.map((claim) =>
                 h('li', {}, claim.name,
                   ((link) => (link ? [' (', link, ')'] : null))(externalLink(claim.source, 'the facts', hidden(` about "${claim.name}"`))))))]
            : h('p', {}, 'It makes none of the programme\'s known false claims.'));
      })));
  }

  function suggestedReply(): HTMLElement | null {
    const template = detail.assessment?.replyTemplate;
    if (!template) return null;
    return h('section', { 'aria-labelledby': 'suggested-heading' },
      h('h2', { id: 'suggested-heading' }, 'Suggested reply'),
      h('div', { class: 'nhsuk-inset-text' }, hidden('Suggested reply: '), h('p', { class: 'app-message', id: 'suggested-reply' }, template)),
      h('button', {
        class: 'nhsuk-button nhsuk-button--secondary',
        type: 'button',
        onclick: () => {
          const field = document.getElementById('reply-text') as HTMLTextAreaElement | null;
          if (!field) return;
          field.value = template;
          // The suggestion is for where the decision says to reply: the choice follows it (and its warning, if any).
          const where = defaultReplyVisibility(detail.assessment?.publicReply);
          const option = where ? (document.getElementById(`reply-visibility-${where}`) as HTMLInputElement | null) : null;
          if (option && !option.checked) {
            option.checked = true;
            option.dispatchEvent(new Event('change', { bubbles: true }));
          }
          field.focus();
        },
      }, 'Use the suggested reply'));
  }

  function replies(): HTMLElement | null {
    if (detail.replies.length === 0) return null;
    return h('section', { 'aria-labelledby': 'replies-heading' },
      h('h2', { id: 'replies-heading' }, 'Replies sent'),
      h('ul', { class: 'nhsuk-list nhsuk-list--bullet' },
        detail.replies.map((reply) => h('li', {}, `${humanise(reply.visibility)} reply by ${reply.by.replace(/^user:/u, '')}, ${when(reply.at)}`, reply.text ? [': ', h('q', {}, reply.text)] : ''))));
  }

  function actions(errors: HTMLElement): HTMLElement[] {
    const teams = teamOptions(matrix);
    const categories = categoryOptions(matrix);
    const closed = detail.status === 'closed';
    const sections: HTMLElement[] = [];

    sections.push(form('assign', 'Assign', [
      teams.length > 0
        ? selectField('assign-team', 'Owner team', [{ value: '', text: 'Keep the current team' }, ...teams], '')
        : textField('assign-team', 'Owner team', { hint: 'A team id of the response matrix, for example comms', width: '20' }),
      textField('assign-assignee', 'Assign to', { hint: 'A name or email address in the team', width: '20' }),
    ], () => {
      const team = value('assign-team');
      const assignee = value('assign-assignee');
      return { ...(team ? { team } : {}), ...(assignee ? { assignee } : {}) };
    }, 'Save assignment'));

    if (!closed) {
      // The choice starts where the decision says to reply; choosing public against it shows a warning at once.
      const advice = detail.assessment?.publicReply;
      const where = defaultReplyVisibility(advice);
      const notInPublic = advice === 'private-only' || advice === 'no';
      const warning = h('div', { id: 'reply-visibility-warning', 'aria-live': 'polite' });
      const showWarning = () => {
        const chosen = document.querySelector<HTMLInputElement>('input[name=reply-visibility]:checked')?.value;
        warning.replaceChildren();
        if (!notInPublic || chosen !== 'public') return;
        warning.append(h('div', { class: 'nhsuk-warning-callout nhsuk-u-margin-top-3 nhsuk-u-margin-bottom-0', id: 'public-reply-warning' },
          h('h4', { class: 'nhsuk-warning-callout__label' }, h('span', { role: 'text' }, hidden('Important: '), advice === 'private-only' ? 'The decision says: reply in private only' : 'The decision says: no public reply')),
          h('p', {}, advice === 'private-only'
            ? 'A public reply can expose the person or what they told us. Reply by direct message unless the owner team has agreed a public reply.'
            : 'This message should not get a public reply. Record a public reply only if one was agreed with the owner team.')));
      };
      sections.push(form('reply', 'Record a reply', [
        h('div', { class: 'nhsuk-form-group' },
          h('fieldset', { class: 'nhsuk-fieldset', 'aria-describedby': 'reply-visibility-hint' },
            h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' }, 'Where the reply was sent'),
            h('div', { class: 'nhsuk-hint', id: 'reply-visibility-hint' },
              'Record a reply after you have sent it on the platform. The first reply stops the clock.',
              // What the decision asks, said plainly (the table label "In private only" alone read as a contradiction here).
              advice ? ` The decision says: ${labelOf({ yes: 'reply in public', no: 'do not reply in public', optional: 'a public reply is optional', 'private-only': 'reply in private only', 'holding-line': 'a holding line at most in public' }, advice)}.` : ''),
            h('div', { class: 'nhsuk-radios', 'data-module': 'nhsuk-radios', onchange: showWarning },
              radio('reply-visibility-public', 'reply-visibility', 'public', 'In public (a reply on the platform)', where === 'public'),
              radio('reply-visibility-private', 'reply-visibility', 'private', 'In private (a direct message)', where === 'private')),
            warning)),
        textareaField('reply-text', 'What was sent (optional)', { hint: 'Stored with personal data redacted.', rows: 4 }),
      ], () => {
        const visibility = (document.querySelector<HTMLInputElement>('input[name=reply-visibility]:checked')?.value) ?? '';
        const text = value('reply-text');
        return { visibility, ...(text ? { text } : {}) };
      }, 'Record reply'));
    }

    sections.push(form('override', 'Override the decision', [
      h('p', { class: 'nhsuk-body-s' }, 'Change the category or the priority when the matrix got it wrong. Both decisions stay in the audit trail.'),
      categories.length > 0
        ? selectField('override-category', 'New category', [{ value: '', text: 'Keep the current category' }, ...categories], '')
        : textField('override-category', 'New category', { hint: 'A category id, for example complaint', width: '20' }),
      selectField('override-priority', 'New priority', [{ value: '', text: 'Keep the current priority' }, ...PRIORITIES.map((p) => ({ value: p, text: p }))], ''),
      textareaField('override-reason', 'Reason for the override', { hint: 'Required: it is recorded in the audit trail.', rows: 3 }),
    ], () => {
      const category = value('override-category');
      const priority = value('override-priority');
      // No check here: the API refuses an override without a reason, and its answer is shown.
      return { ...(category ? { category } : {}), ...(priority ? { priority } : {}), reason: value('override-reason') };
    }, 'Save override'));

    if (!closed) {
      sections.push(form('close', 'Close', [
        textField('close-reason', 'Reason for closing (optional)', { width: '30' }),
      ], () => {
        const reason = value('close-reason');
        const body: Record<string, string> = {};
        if (reason) body.reason = reason;
        return body;
      }, 'Close interaction', 'nhsuk-button nhsuk-button--warning'));
    }
    return sections;

    function form(action: Action, title: string, fields: HTMLElement[], body: () => Record<string, string>, submitText: string, buttonClass?: string): HTMLElement {
      const element = h('form', { novalidate: true, id: `${action}-form` }, fields, button(submitText, buttonClass ? { class: buttonClass } : {}));
      // One key until the action succeeds: a click again after a lost answer is the same action, applied once.
      let idempotencyKey = crypto.randomUUID();
      element.addEventListener('submit', (event) => {
        event.preventDefault();
        void submit(action, element, body(), idempotencyKey).then((saved) => {
          if (saved) idempotencyKey = crypto.randomUUID();
        });
      });
      return h('section', { 'aria-labelledby': `${action}-heading` }, h('h3', { id: `${action}-heading` }, title), element);
    }

    /** Sends an action and shows its outcome; never throws. True when the API accepted the action. */
    async function submit(action: Action, element: HTMLFormElement, body: Record<string, string>, idempotencyKey: string): Promise<boolean> {
      // Only the latest outcome shows: an earlier success or problem goes as soon as another action is tried.
      clearFieldErrors(ctx.main);
      errors.replaceChildren();
      ctx.main.querySelector('#action-done')?.remove();
      const submitButton = element.querySelector('button[type=submit]') as HTMLButtonElement;
      submitButton.disabled = true;
      try {
        await ctx.api.post(`/interactions/${encodeURIComponent(id)}/${action}`, body, idempotencyKey);
      } catch (error) {
        submitButton.disabled = false;
        if (error instanceof SignedOutError || ctx.signal.aborted) return false;
        showProblems(error instanceof ApiError
          ? problemsOf(action, error)
          : [{ message: `The action could not be sent (${error instanceof Error ? error.message : String(error)}). Check the connection and try again: trying again does not record it twice.` }]);
        return false;
      }
      try {
        const fresh = await ctx.api.get<InteractionDetail>(`/interactions/${encodeURIComponent(id)}`);
        if (ctx.signal.aborted) return true;
        detail = fresh;
        // The success banner takes focus and is role=alert: it is said once, nothing else repeats it.
        draw(DONE[action]);
      } catch (error) {
        submitButton.disabled = false;
        if (error instanceof SignedOutError || ctx.signal.aborted) return true;
        showProblems([{ message: `${DONE[action]}, but the page could not be brought up to date (${error instanceof Error ? error.message : String(error)}). Reload the page to see the change.` }]);
      }
      return true;
    }

    function showProblems(problems: FieldProblem[]): void {
      for (const problem of problems) if (problem.fieldId) markFieldError(problem.fieldId, problem.message);
      showErrorSummary(errors, problems);
      ctx.setTitle(`Error: ${pageName}`);
    }
  }

  function trail(): HTMLElement {
    return h('section', { 'aria-labelledby': 'audit-heading' },
      h('h2', { id: 'audit-heading' }, 'Audit trail'),
      responsiveTable({
        id: 'audit-trail',
        caption: 'Everything that happened to this interaction, oldest first',
        captionClass: 'nhsuk-u-visually-hidden',
        headings: ['When', 'What', 'Who', 'Why'],
        rows: [...detail.audit].sort((a, b) => a.at.localeCompare(b.at)).map((entry) => ({
          attributes: { 'data-kind': entry.kind },
          cells: [
            { content: [h('time', { datetime: entry.at }, when(entry.at))], attributes: { class: 'nhsuk-table__cell app-nowrap' } },
            { content: [h('strong', {}, kindLabel(entry.kind)), auditWhat(matrix, entry), entry.matrixVersion ? h('span', { class: 'app-id' }, `Matrix ${entry.matrixVersion}`) : null] },
            { content: [entry.actor.replace(/^(user|system):/u, '')] },
            { content: [entry.why ? withoutPatterns(entry.why) : ''] },
          ],
        })),
      }));
  }
}

function problemsOf(action: Action, error: ApiError): FieldProblem[] {
  const labels = FIELD_LABELS[action];
  const problems: FieldProblem[] = Object.entries(error.fieldErrors).map(([field, message]) => {
    const known = labels[field];
    return known ? { fieldId: known.id, message: `${known.label}: ${message}` } : { message: `${field}: ${message}` };
  });
  return problems.length > 0 ? problems : [{ message: error.message }];
}

function radio(id: string, name: string, value: string, label: string, checked: boolean): HTMLElement {
  return h('div', { class: 'nhsuk-radios__item' },
    h('input', { class: 'nhsuk-radios__input', id, name, type: 'radio', value, checked }),
    h('label', { class: 'nhsuk-label nhsuk-radios__label', for: id }, label));
}

function value(id: string): string {
  return ((document.getElementById(id) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null)?.value ?? '').trim();
}

function claimName(programme: MatrixProgramme | undefined, claimId: string): string {
  return programme?.claims?.find((claim) => claim.id === claimId)?.name ?? humanise(claimId);
}

interface ProgrammeTag {
  id: string;
  keyMessages: string[];
  claims: string[];
}

/**
 * The programmes an interaction concerns, read defensively: the decision's tags (`assessment.programmes`, objects
 * with the key messages and claims matched, or bare ids) and the summary's ids (`programmes`), merged by id.
 */
function programmeTagsOf(detail: InteractionDetail): ProgrammeTag[] {
  const tags = new Map<string, ProgrammeTag>();
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  const fromDecision: unknown = detail.assessment?.programmes;
  for (const item of Array.isArray(fromDecision) ? fromDecision : []) {
    if (typeof item === 'string') tags.set(item, tags.get(item) ?? { id: item, keyMessages: [], claims: [] });
    else if (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') {
      const { id, keyMessages, claims } = item as { id: string; keyMessages?: unknown; claims?: unknown };
      tags.set(id, { id, keyMessages: strings(keyMessages), claims: strings(claims) });
    }
  }
  for (const id of strings(detail.programmes)) if (!tags.has(id)) tags.set(id, { id, keyMessages: [], claims: [] });
  return [...tags.values()];
}

/**
 * One signal as an officer reads it: a regular expression is "a pattern in the rule"; a programme claim
 * ("programme claim: <programme>/<claim>") is the claim by its name. Other evidence is the backend's words.
 */
function evidenceInWords(matrix: MatrixDocument | null, evidence: string): string {
  const claim = /^programme claim: ([^/\s]+)\/(\S+)$/u.exec(evidence);
  if (claim) {
    const programme = matrix?.programmes?.find((candidate) => candidate.id === claim[1]);
    return `the false claim "${claimName(programme, claim[2]!)}" about ${programme?.name ?? humanise(claim[1])}`;
  }
  return withoutPatterns(evidence);
}

const KIND_LABELS: Readonly<Record<string, string>> = {
  'sla-breached': 'Reply overdue',
  'content-expired': 'Text removed',
  assessed: 'Decided by the matrix',
  reassessed: 'Decided again after an edit',
};

function kindLabel(kind: string): string {
  return labelOf(KIND_LABELS, kind);
}

/** Changed fields of the audit trail by plain labels, in the order an officer reads them. */
const CHANGE_LABELS: Readonly<Record<string, string>> = {
  category: 'Category',
  priority: 'Priority',
  slaDueAt: 'Due',
  needsReply: 'Needs a reply',
  ownerTeam: 'Owner team',
  assignee: 'Assigned to',
  status: 'Status',
  replyVisibility: 'Reply sent',
  firstResponseAt: 'First reply',
  firstResponseWorkingMinutes: 'First reply after',
  closedAt: 'Closed',
};

/**
 * The "What" of an audit row: the changed fields with plain labels and values (teams by name, slugs by their
 * labels, times in local words) when the entry lists them; otherwise the backend's text, with the slugs it
 * quotes made readable.
 */
function auditWhat(matrix: MatrixDocument | null, entry: AuditEntry): Array<Node | string> {
  const changes = Object.entries(entry.changes ?? {}).filter(([, change]) => change && (change.from !== undefined || change.to !== undefined));
  if (changes.length > 0) {
    const order = Object.keys(CHANGE_LABELS);
    changes.sort(([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)));
    return [h('ul', { class: 'nhsuk-list nhsuk-u-margin-bottom-0 app-changes' }, changes.map(([field, change]) => {
      const label = CHANGE_LABELS[field] ?? humanise(field.replace(/([a-z])([A-Z])/gu, '$1 $2').toLowerCase());
      const from = change.from === undefined ? undefined : changeValue(matrix, field, change.from);
      const to = change.to === undefined ? undefined : changeValue(matrix, field, change.to);
      const text = from === undefined ? `${label}: ${to}` : to === undefined ? `${label}: removed (was ${from})` : `${label}: from ${from} to ${to}`;
      return h('li', { 'data-field': field }, text);
    }))];
  }
  const text = readableWhat(matrix, entry);
  return text ? [': ', text] : [];
}

function changeValue(matrix: MatrixDocument | null, field: string, value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  switch (field) {
    case 'slaDueAt':
    case 'firstResponseAt':
    case 'closedAt':
      return when(text);
    case 'ownerTeam':
      return teamName(matrix, text);
    case 'category':
      return categoryName(matrix, text);
    case 'status':
      return labelOf(STATUS_LABELS, text);
    case 'needsReply':
      return value === true ? 'yes' : value === false ? 'no' : text;
    case 'replyVisibility':
      return text === 'public' ? 'in public' : text === 'private' ? 'in private' : humanise(text).toLowerCase();
    case 'firstResponseWorkingMinutes':
      return typeof value === 'number' ? `${value} working ${value === 1 ? 'minute' : 'minutes'}` : text;
    default:
      return localTimesIn(text);
  }
}

/** The backend's text of an entry with no field changes: platforms, channels, categories and teams by their names. */
function readableWhat(matrix: MatrixDocument | null, entry: AuditEntry): string {
  let text = localTimesIn(entry.what);
  const received = entry.kind === 'received' ? /^received from (\S+) \(([^)]+)\)$/u.exec(text) : null;
  if (received) return `from ${platformName(received[1])} (${channelName(received[2]).toLowerCase()})`;
  const decided = entry.kind === 'assessed' ? /^([a-z0-9-]+) (P[0-3]|monitor): ([\s\S]*)$/u.exec(text) : null;
  if (decided) return `${categoryName(matrix, decided[1]!)}, ${decided[2]}: ${withoutPatterns(decided[3]!)}`;
  // "compliment P3; kept at complaint P2 (...)": each decision by its category's name.
  if (entry.kind === 'reassessed') {
    return withoutPatterns(text.replace(/\b([a-z0-9-]+) (P[0-3]|monitor)\b/gu, (whole, category: string, priority: string) =>
      category === 'no' || !matrix?.rules.some((rule) => rule.category === category) ? whole : `${categoryName(matrix, category)}, ${priority}`));
  }
  // "owner team pals told", "assigned to pals (jo)": a team id after these words is the team's name.
  text = text.replace(/\b(owner team|assigned to) ([a-z0-9-]+)\b/gu, (_, words: string, team: string) =>
    matrix?.teams.some((candidate) => candidate.id === team) ? `${words} ${teamName(matrix, team)}` : `${words} ${team}`);
  text = text.replace(/\b[a-z]+_[a-z_]+\b/gu, (slug) => (Object.prototype.hasOwnProperty.call(CHANNEL_LABELS, slug) ? channelName(slug).toLowerCase() : slug));
  // "closed", "replied in public": the kind is already in bold before it.
  const repeat = new RegExp(`^${entry.kind.replace(/[^a-z]/gu, '.')}\\b:?\\s*`, 'iu');
  return withoutPatterns(text.replace(repeat, ''));
}
