/**
 * Builds DOM nodes from data. Every string from the API goes in as a text node or an attribute value,
 * never through innerHTML, so nothing an author wrote can become markup.
 */
export type Child = Node | string | number | false | null | undefined | Child[];
export type Attributes = Record<string, string | number | boolean | undefined | null | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/u, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** An inline SVG from a fixed, trusted path (the NHS logo and icons): built with the SVG namespace. */
export function svg(attributes: Record<string, string>, paths: string[], title?: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const element = document.createElementNS(ns, 'svg');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (title) {
    const titleElement = document.createElementNS(ns, 'title');
    titleElement.textContent = title;
    element.appendChild(titleElement);
  }
  for (const d of paths) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'currentcolor');
    element.appendChild(path);
  }
  return element;
}

/** A visually hidden span (text for screen readers beside a visual cue). */
export const hidden = (text: string) => h('span', { class: 'nhsuk-u-visually-hidden' }, text);

/** One row of an NHS summary list: the key, its value (a node, text or a list of them) and the value's attributes. */
export function summaryRow(key: string, value: Child, attributes: Attributes = {}): HTMLElement {
  return h('div', { class: 'nhsuk-summary-list__row' }, h('dt', { class: 'nhsuk-summary-list__key' }, key), h('dd', { ...attributes, class: 'nhsuk-summary-list__value' }, value));
}

/** A link that opens in a new tab, only to an https address; anything else gives null (the caller says "No link"). */
export function externalLink(url: string | undefined, ...text: Child[]): HTMLAnchorElement | null {
  if (!url) return null;
  try {
    if (new URL(url).protocol !== 'https:') return null;
  } catch {
    return null;
  }
  return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, ...text, hidden(' (opens in a new tab)'));
}

interface ResponsiveCell {
  content: Child[];
  attributes?: Attributes;
  /** A row header (th scope=row) rather than a data cell. */
  header?: boolean;
}

/**
 * An NHS responsive table (nhsuk-table--responsive): a table from a tablet up; on a phone each row
 * becomes a block with each column's heading beside its value, so nothing is cut off or scrolls sideways.
 */
export function responsiveTable(options: { id: string; caption: Child; captionClass?: string; classes?: string; attributes?: Attributes; headings: string[]; rows: Array<{ attributes?: Attributes; cells: ResponsiveCell[] }> }): HTMLTableElement {
  return h('table', { ...options.attributes, class: `nhsuk-table nhsuk-table--responsive${options.classes ? ` ${options.classes}` : ''}`, role: 'table', id: options.id },
    h('caption', { class: `nhsuk-table__caption${options.captionClass ? ` ${options.captionClass}` : ''}` }, options.caption),
    h('thead', { class: 'nhsuk-table__head', role: 'rowgroup' },
      h('tr', { class: 'nhsuk-table__row', role: 'row' }, options.headings.map((text) => h('th', { class: 'nhsuk-table__header', scope: 'col', role: 'columnheader' }, text)))),
    h('tbody', { class: 'nhsuk-table__body' },
      options.rows.map((row) =>
        h('tr', { class: 'nhsuk-table__row', role: 'row', ...row.attributes },
          row.cells.map((cell, column) =>
            h(cell.header ? 'th' : 'td', { class: cell.header ? 'nhsuk-table__header' : 'nhsuk-table__cell', role: cell.header ? 'rowheader' : 'cell', scope: cell.header ? 'row' : undefined, ...cell.attributes },
              h('span', { class: 'nhsuk-table__heading', 'aria-hidden': 'true' }, `${options.headings[column] ?? ''} `),
              h('span', { class: 'app-cell' }, cell.content)))))));
}
