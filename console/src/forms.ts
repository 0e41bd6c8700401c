import { h, hidden, replaceChildren } from './dom';

/**
 * NHS error summary and inline error messages for a form: each problem links to its field
 * (https://service-manual.nhs.uk/design-system/components/error-summary).
 */
export interface FieldProblem {
  /** The id of the input the link moves focus to; undefined for a problem with no one field. */
  fieldId?: string;
  message: string;
}

export function showErrorSummary(slot: HTMLElement, problems: FieldProblem[]): void {
  const summary = h('div', { class: 'nhsuk-error-summary', 'data-module': 'nhsuk-error-summary', tabindex: '-1', id: 'error-summary' },
    h('div', { role: 'alert' },
      h('h2', { class: 'nhsuk-error-summary__heading' }, 'There is a problem'),
      h('div', { class: 'nhsuk-error-summary__body' },
        h('ul', { class: 'nhsuk-list nhsuk-error-summary__list' },
          problems.map((problem) =>
            h('li', {},
              problem.fieldId
                ? h('a', {
                    href: `#${problem.fieldId}`,
                    onclick: (event: Event) => {
                      // In-page link without touching the page's hash route.
                      event.preventDefault();
                      const field = document.getElementById(problem.fieldId!);
                      field?.scrollIntoView({ block: 'center' });
                      field?.focus();
                    },
                  }, problem.message)
                : problem.message))))));
  replaceChildren(slot, summary);
  summary.focus();
}

/** Marks a field's form group as in error, with its message above the input. */
export function markFieldError(fieldId: string, message: string): void {
  const field = document.getElementById(fieldId);
  const group = field?.closest('.nhsuk-form-group');
  if (!field || !group) return;
  group.classList.add('nhsuk-form-group--error');
  const errorId = `${fieldId}-error`;
  document.getElementById(errorId)?.remove();
  const error = h('span', { class: 'nhsuk-error-message', id: errorId }, hidden('Error: '), message);
  const anchor = group.querySelector('.nhsuk-radios, .nhsuk-input, .nhsuk-select, .nhsuk-textarea') ?? field;
  anchor.parentElement?.insertBefore(error, anchor);
  const describedBy = new Set((field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
  describedBy.add(errorId);
  field.setAttribute('aria-describedby', [...describedBy].join(' '));
  if (field.matches('input:not([type=radio]), select, textarea')) field.classList.add(field.tagName === 'SELECT' ? 'nhsuk-select--error' : field.tagName === 'TEXTAREA' ? 'nhsuk-textarea--error' : 'nhsuk-input--error');
}

export function clearFieldErrors(scope: ParentNode): void {
  for (const group of scope.querySelectorAll('.nhsuk-form-group--error')) group.classList.remove('nhsuk-form-group--error');
  for (const error of scope.querySelectorAll('.nhsuk-error-message')) error.remove();
  for (const field of scope.querySelectorAll('.nhsuk-input--error, .nhsuk-select--error, .nhsuk-textarea--error')) {
    field.classList.remove('nhsuk-input--error', 'nhsuk-select--error', 'nhsuk-textarea--error');
  }
  for (const field of scope.querySelectorAll('[aria-describedby]')) {
    const kept = (field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error'));
    if (kept.length > 0) field.setAttribute('aria-describedby', kept.join(' '));
    else field.removeAttribute('aria-describedby');
  }
}

/** A labelled select (NHS select component). */
export function selectField(id: string, label: string, options: Array<{ value: string; text: string }>, selected?: string, hint?: string): HTMLElement {
  return h('div', { class: 'nhsuk-form-group' },
    h('label', { class: 'nhsuk-label', for: id }, label),
    hint ? h('div', { class: 'nhsuk-hint', id: `${id}-hint` }, hint) : null,
    h('select', { class: 'nhsuk-select', id, name: id, 'aria-describedby': hint ? `${id}-hint` : undefined },
      options.map((option) => h('option', { value: option.value, selected: option.value === (selected ?? '') }, option.text))));
}

export function textField(id: string, label: string, options: { hint?: string; type?: string; value?: string; autocomplete?: string; width?: string } = {}): HTMLElement {
  return h('div', { class: 'nhsuk-form-group' },
    h('label', { class: 'nhsuk-label', for: id }, label),
    options.hint ? h('div', { class: 'nhsuk-hint', id: `${id}-hint` }, options.hint) : null,
    h('input', {
      class: `nhsuk-input${options.width ? ` nhsuk-input--width-${options.width}` : ''}`,
      id,
      name: id,
      type: options.type ?? 'text',
      value: options.value,
      autocomplete: options.autocomplete ?? 'off',
      spellcheck: 'false',
      'aria-describedby': options.hint ? `${id}-hint` : undefined,
    }));
}

export function textareaField(id: string, label: string, options: { hint?: string; rows?: number; value?: string } = {}): HTMLElement {
  const textarea = h('textarea', { class: 'nhsuk-textarea', id, name: id, rows: options.rows ?? 4, 'aria-describedby': options.hint ? `${id}-hint` : undefined });
  textarea.value = options.value ?? '';
  return h('div', { class: 'nhsuk-form-group' },
    h('label', { class: 'nhsuk-label', for: id }, label),
    options.hint ? h('div', { class: 'nhsuk-hint', id: `${id}-hint` }, options.hint) : null,
    textarea);
}

export function button(text: string, attributes: Record<string, string> = {}): HTMLButtonElement {
  return h('button', { class: 'nhsuk-button', 'data-module': 'nhsuk-button', type: 'submit', ...attributes }, text);
}
