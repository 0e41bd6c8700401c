import { ApiError } from '../api';
import { h, hidden, replaceChildren, responsiveTable } from '../dom';
import { button, clearFieldErrors, markFieldError, selectField, showErrorSummary, textareaField, textField, type FieldProblem } from '../forms';
import { channelName, checkName, clockTagClass, FLAG_LABELS, humanise, labelOf, localTimesIn, platformName, PRIORITIES, priorityTagClass, PUBLIC_REPLY_LABELS, slaClock, STATUS_LABELS, when } from '../format';
import type { InteractionDetail, MatrixDocument } from '../types';
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
  let pageName = '';
  draw();
  return {};

  function draw(done?: string): void {
    const category = detail.category ? categoryLabel(matrix, detail.category) : 'Not assessed yet';
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
        h('span', { class: 'nhsuk-u-visually-hidden' }, 'Message text: '),
        detail.text ? h('p', { class: 'app-message', id: 'message-text' }, detail.text) : h('p', {}, detail.erased ? 'The text was removed (erasure or the platform\'s storage limit).' : detail.deleted ? 'The author deleted this on the platform.' : 'No text.')),
      h('p', { id: 'pii-kinds' }, pii.length > 0 ? `Personal data was found and redacted before storing: ${pii.map(checkName).join(', ')}.` : 'No personal data was found in the text.'),
      h('dl', { class: 'nhsuk-summary-list' },
        row('Author', [detail.author.displayName, detail.author.handle ? `@${detail.author.handle.replace(/^@/u, '')}` : undefined].filter(Boolean).join(' ') || 'Not known'),
        row('On the platform', detail.permalink && /^https:\/\//u.test(detail.permalink)
          ? h('a', { href: detail.permalink, rel: 'noopener noreferrer', target: '_blank' }, `Open on ${platformName(detail.platform)}`, hidden(' (opens in a new tab)'))
          : 'No link'),
        row('Received', when(detail.receivedAt))));
  }

  function decision(): HTMLElement {
    const assessment = detail.assessment;
    const clock = slaClock(detail, Date.now());
    const flags = assessment?.flags ?? [];
    return h('section', { 'aria-labelledby': 'decision-heading' },
      h('h2', { id: 'decision-heading' }, 'Decision'),
      h('dl', { class: 'nhsuk-summary-list', id: 'decision' },
        row('Priority', h('strong', { class: priorityTagClass(detail.priority) }, detail.priority ?? 'Not assessed'), detail.overridden ? ' (overridden: see the audit trail)' : ''),
        row('Category', detail.category ? categoryLabel(matrix, detail.category) : 'Not assessed yet'),
        row('Status', labelOf(STATUS_LABELS, detail.status)),
        row('Reply clock', h('strong', { class: clockTagClass(clock.state), id: 'sla-clock', 'data-clock': clock.state }, clock.text), detail.slaDueAt && clock.state !== 'stopped' ? ` (due ${when(detail.slaDueAt)})` : ''),
        row('Owner team', teamLabel(matrix, detail.ownerTeam)),
        row('Assigned to', detail.assignee ?? 'Nobody yet'),
        row('Public reply', assessment ? labelOf(PUBLIC_REPLY_LABELS, assessment.publicReply) : ''),
        row('What to do', assessment?.action ?? ''),
        row('Flags', flags.length > 0 ? h('ul', { class: 'nhsuk-list' }, flags.map((flag) => h('li', {}, labelOf(FLAG_LABELS, flag)))) : 'None'),
        assessment?.incident ? row('Incident', assessment.incident.name) : null,
        row('Matrix', `version ${detail.matrixVersion ?? assessment?.matrixVersion ?? 'unknown'}, rule ${detail.ruleId ?? assessment?.ruleId ?? 'none'}`)));
  }

  function why(): HTMLElement | null {
    const assessment = detail.assessment;
    if (!assessment) return null;
    return h('details', { class: 'nhsuk-details', open: true },
      h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'Why the matrix decided this')),
      h('div', { class: 'nhsuk-details__text' },
        h('p', { id: 'rationale' }, assessment.rationale),
        assessment.evidence.length > 0
          ? [h('h3', { class: 'nhsuk-heading-s' }, 'Signals that fired'), h('ul', { id: 'signals' }, assessment.evidence.map((evidence) => h('li', {}, evidence)))]
          : h('p', {}, 'No signals fired.'),
        (assessment.programmes ?? []).length > 0
          ? [h('h3', { class: 'nhsuk-heading-s' }, 'Programmes'), h('ul', {}, (assessment.programmes ?? []).map((p) => h('li', {}, programmeLabel(matrix, p.id))))]
          : null));
  }

  function suggestedReply(): HTMLElement | null {
    const template = detail.assessment?.replyTemplate;
    if (!template) return null;
    return h('section', { 'aria-labelledby': 'suggested-heading' },
      h('h2', { id: 'suggested-heading' }, 'Suggested reply'),
      h('div', { class: 'nhsuk-inset-text' }, h('span', { class: 'nhsuk-u-visually-hidden' }, 'Suggested reply: '), h('p', { class: 'app-message', id: 'suggested-reply' }, template)),
      h('button', {
        class: 'nhsuk-button nhsuk-button--secondary',
        type: 'button',
        onclick: () => {
          const field = document.getElementById('reply-text') as HTMLTextAreaElement | null;
          if (!field) return;
          field.value = template;
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
    const teams = matrix?.teams.map((team) => ({ value: team.id, text: team.name })) ?? [];
    const categories = [...new Map((matrix?.rules ?? []).map((rule) => [rule.category, rule.categoryLabel ?? humanise(rule.category)])).entries()].map(([value, text]) => ({ value, text }));
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
      sections.push(form('reply', 'Record a reply', [
        h('div', { class: 'nhsuk-form-group' },
          h('fieldset', { class: 'nhsuk-fieldset', 'aria-describedby': 'reply-visibility-hint' },
            h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' }, 'Where the reply was sent'),
            h('div', { class: 'nhsuk-hint', id: 'reply-visibility-hint' }, 'Record a reply after you have sent it on the platform. The first reply stops the clock.'),
            h('div', { class: 'nhsuk-radios', 'data-module': 'nhsuk-radios' },
              radio('reply-visibility-public', 'reply-visibility', 'public', 'In public (a reply on the platform)', true),
              radio('reply-visibility-private', 'reply-visibility', 'private', 'In private (a direct message)', false)))),
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
      element.addEventListener('submit', (event) => {
        event.preventDefault();
        void submit(action, element, body());
      });
      return h('section', { 'aria-labelledby': `${action}-heading` }, h('h3', { id: `${action}-heading` }, title), element);
    }

    async function submit(action: Action, element: HTMLFormElement, body: Record<string, string>): Promise<void> {
      // Only the latest outcome shows: an earlier success or problem goes as soon as another action is tried.
      clearFieldErrors(ctx.main);
      errors.replaceChildren();
      ctx.main.querySelector('#action-done')?.remove();
      const submitButton = element.querySelector('button[type=submit]') as HTMLButtonElement;
      submitButton.disabled = true;
      try {
        await ctx.api.post(`/interactions/${encodeURIComponent(id)}/${action}`, body);
      } catch (error) {
        submitButton.disabled = false;
        if (!(error instanceof ApiError) || error.status === 401) throw error;
        const problems = problemsOf(action, error);
        for (const problem of problems) if (problem.fieldId) markFieldError(problem.fieldId, problem.message);
        showErrorSummary(errors, problems);
        ctx.setTitle(`Error: ${pageName}`);
        return;
      }
      detail = await ctx.api.get<InteractionDetail>(`/interactions/${encodeURIComponent(id)}`);
      draw(DONE[action]);
      ctx.announce(DONE[action]);
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
            { content: [h('strong', {}, humanise(entry.kind)), ': ', localTimesIn(entry.what), entry.matrixVersion ? h('span', { class: 'app-id' }, `Matrix ${entry.matrixVersion}`) : null] },
            { content: [entry.actor.replace(/^(user|system):/u, '')] },
            { content: [entry.why ?? ''] },
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

function row(key: string, ...value: Array<Node | string | null | undefined>): HTMLElement {
  return h('div', { class: 'nhsuk-summary-list__row' }, h('dt', { class: 'nhsuk-summary-list__key' }, key), h('dd', { class: 'nhsuk-summary-list__value' }, ...value));
}

function radio(id: string, name: string, value: string, label: string, checked: boolean): HTMLElement {
  return h('div', { class: 'nhsuk-radios__item' },
    h('input', { class: 'nhsuk-radios__input', id, name, type: 'radio', value, checked }),
    h('label', { class: 'nhsuk-label nhsuk-radios__label', for: id }, label));
}

function value(id: string): string {
  return ((document.getElementById(id) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null)?.value ?? '').trim();
}

function categoryLabel(matrix: MatrixDocument | null, category: string): string {
  return matrix?.rules.find((rule) => rule.category === category)?.categoryLabel ?? humanise(category);
}

function teamLabel(matrix: MatrixDocument | null, team: string | undefined): string {
  if (!team) return 'No owner yet';
  return matrix?.teams.find((candidate) => candidate.id === team)?.name ?? humanise(team);
}

function programmeLabel(matrix: MatrixDocument | null, id: string): string {
  return matrix?.programmes?.find((programme) => programme.id === id)?.name ?? humanise(id);
}
