import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './console.css';
import { initAll } from 'nhsuk-frontend';
import { apiClient, ApiError, SignedOutError, type ApiClient } from './api';
import { completeCognitoSignIn, signOutUrl, tokenStore } from './auth';
import { loadConfig, type ConsoleConfig } from './config';
import { h, hidden, replaceChildren, svg } from './dom';
import { ago, channelName, humanise, platformName, setTimeZone, whenPrecisely } from './format';
import type { IncidentStatus, InteractionPage, MatrixDocument } from './types';
import type { View, ViewContext } from './views/context';
import { renderDigest } from './views/digest';
import { renderInteraction } from './views/interaction';
import { renderMatrix } from './views/matrix';
import { renderQueue } from './views/queue';
import { renderSignIn } from './views/sign-in';

const SERVICE = 'Triage console';
const NHS_LOGO =
  'M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z';

interface Route {
  pattern: RegExp;
  keys: string[];
  render: (ctx: ViewContext) => Promise<View | void>;
  nav: string;
}

const ROUTES: Route[] = [
  { pattern: /^\/queue$/u, keys: [], render: renderQueue, nav: 'queue' },
  { pattern: /^\/interactions\/(.+)$/u, keys: ['id'], render: renderInteraction, nav: 'queue' },
  { pattern: /^\/digest(?:\/([^/]+))?$/u, keys: ['week'], render: renderDigest, nav: 'digest' },
  { pattern: /^\/matrix$/u, keys: [], render: renderMatrix, nav: 'matrix' },
];

class Console {
  private readonly root: HTMLElement;
  private readonly api: ApiClient;
  private view: View | undefined;
  /** Aborted when the page changes or the officer signs out: the page being drawn then draws nothing more. */
  private controller: AbortController | undefined;
  private timer: number | undefined;
  /** The refresh in progress, if any: the next one waits for it, so two never overlap. */
  private ticking: Promise<void> | undefined;
  /** The sign-in page is showing: a second sign-out (several answers of 401 at once) does not draw it again. */
  private signInShown = false;
  private matrixPromise: Promise<MatrixDocument | null> | undefined;
  private knownP0 = new Set<string>();
  /** The incident the banner shows (its id), so the banner is rebuilt only when incident mode changes. */
  private shownIncident: string | null | undefined;
  private p0Count = 0;
  private pageTitle = SERVICE;
  private firstRender = true;
  /** The P0 ids the banner lists, in order: the banner changes only when they do. */
  private shownP0 = '';

  constructor(private readonly config: ConsoleConfig) {
    this.root = document.getElementById('app')!;
    this.api = apiClient(config.apiUrl, () => this.signedOut());
    window.addEventListener('hashchange', () => {
      // Only "#/..." is a page; "#maincontent" (the skip link) and in-page links are not.
      if (location.hash.startsWith('#/')) void this.render();
    });
  }

  private get refreshMs(): number {
    return (this.config.refreshSeconds ?? 20) * 1000;
  }

  async render(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    this.view = undefined;
    if (!tokenStore.get()) return this.showSignIn();
    this.signInShown = false;

    const path = location.hash.replace(/^#/u, '') || '/queue';
    const [routePath = '/queue', search = ''] = path.split('?');
    const route = ROUTES.find((candidate) => candidate.pattern.test(routePath));
    if (!route) {
      this.navigate('#/queue');
      return;
    }
    const match = route.pattern.exec(routePath)!;
    const { main } = this.shell(route.nav);
    try {
      const params: Record<string, string> = {};
      // A bad %-escape in the address (URIError) is a page that does not exist: shown as "Not found".
      route.keys.forEach((key, index) => {
        const value = match[index + 1];
        if (value !== undefined) params[key] = decodeURIComponent(value);
      });
      const ctx: ViewContext = {
        main,
        api: this.api,
        signal,
        params,
        query: new URLSearchParams(search),
        setTitle: (page) => {
          if (signal.aborted) return;
          this.pageTitle = `${page} – ${SERVICE} – NHS`;
          this.updateTitle();
        },
        announce: (text) => {
          if (!signal.aborted) this.announce(text);
        },
        navigate: (hash) => this.navigate(hash),
        matrix: () => this.matrix(),
      };
      // The matrix gives the trust's time zone: every time on every page is shown in it.
      await this.matrix();
      if (signal.aborted) return;
      const view = await route.render(ctx);
      if (signal.aborted) return;
      this.view = view ?? undefined;
    } catch (error) {
      if (signal.aborted || error instanceof SignedOutError) return;
      this.showError(main, error);
    }
    initAll(main);
    if (!this.firstRender) main.querySelector<HTMLElement>('h1')?.focus();
    this.firstRender = false;
    this.schedule();
    // The checks every page shows (P0s, incident mode) at once, as one tick.
    void this.tick(false);
  }

  private matrix(): Promise<MatrixDocument | null> {
    return (this.matrixPromise ??= this.api.get<MatrixDocument>('/matrix').then(
      (matrix) => {
        setTimeZone(matrix.clock?.timeZone);
        return matrix;
      },
      (error: unknown) => {
        if (error instanceof SignedOutError) throw error;
        this.matrixPromise = undefined;
        return null;
      },
    ));
  }

  private navigate(hash: string): void {
    if (location.hash === hash) void this.render();
    else location.hash = hash;
  }

  /** The page frame when signed in: skip link, NHS header with the service's pages and sign out. */
  private shell(active: string): { main: HTMLElement } {
    const existing = this.root.querySelector<HTMLElement>('main[data-shell]');
    if (existing) {
      for (const item of this.root.querySelectorAll<HTMLElement>('[data-nav]')) {
        const current = item.dataset.nav === active;
        item.classList.toggle('nhsuk-header__navigation-item--current', current);
        const anchor = item.querySelector('a');
        if (current) anchor?.setAttribute('aria-current', 'page');
        else anchor?.removeAttribute('aria-current');
      }
      existing.replaceChildren();
      return { main: existing };
    }
    const link = (id: string, text: string, href: string) =>
      h('li', { class: 'nhsuk-header__navigation-item' + (id === active ? ' nhsuk-header__navigation-item--current' : ''), 'data-nav': id },
        h('a', { class: 'nhsuk-header__navigation-link', href, 'aria-current': id === active ? 'page' : undefined }, text));
    const header = h('header', { class: 'nhsuk-header', role: 'banner', 'data-module': 'nhsuk-header' },
      h('div', { class: 'nhsuk-header__container nhsuk-width-container' },
        this.serviceLogo(),
        h('nav', { class: 'nhsuk-header__account', 'aria-label': 'Account' },
          h('ul', { class: 'nhsuk-header__account-list' },
            h('li', { class: 'nhsuk-header__account-item' },
              h('button', { class: 'nhsuk-header__account-button', type: 'button', id: 'sign-out', onclick: () => this.signOut() }, 'Sign out'))))),
      h('nav', { class: 'nhsuk-header__navigation', 'aria-label': 'Menu' },
        h('div', { class: 'nhsuk-header__navigation-container nhsuk-width-container' },
          h('ul', { class: 'nhsuk-header__navigation-list' },
            link('queue', 'Queue', '#/queue'),
            link('digest', 'Board digest', '#/digest'),
            link('matrix', 'Response matrix', '#/matrix'),
            h('li', { class: 'nhsuk-header__menu', hidden: true },
              h('button', { class: 'nhsuk-header__menu-toggle nhsuk-header__navigation-link', id: 'toggle-menu', 'aria-expanded': 'false' },
                hidden('Browse '), 'More'))))));
    const main = h('main', { class: 'nhsuk-main-wrapper nhsuk-main-wrapper--s', id: 'maincontent', tabindex: '-1', 'data-shell': true });
    replaceChildren(this.root,
      h('a', { class: 'nhsuk-skip-link', 'data-module': 'nhsuk-skip-link', href: '#maincontent' }, 'Skip to main content'),
      header,
      h('div', { class: 'nhsuk-width-container' }, h('div', { id: 'incident-banner' }), h('div', { id: 'p0-banner' }), main),
      h('div', { id: 'announcer', class: 'nhsuk-u-visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' }));
    initAll(this.root);
    return { main };
  }

  private serviceLogo(): HTMLElement {
    return h('div', { class: 'nhsuk-header__service' },
      h('a', { class: 'nhsuk-header__service-logo', href: '#/queue', 'aria-label': `NHS ${SERVICE} homepage` },
        svg({ class: 'nhsuk-header__logo', viewBox: '0 0 200 80', height: '40', width: '100', focusable: 'false', role: 'img', 'aria-label': 'NHS' }, [NHS_LOGO], 'NHS'),
        h('span', { class: 'nhsuk-header__service-name' }, SERVICE)));
  }

  /** The sign-in page, once; `notice` (why the officer is signed out) shows above it and takes focus. */
  private showSignIn(notice?: string): void {
    this.stopTimer();
    this.controller?.abort();
    this.view = undefined;
    if (this.signInShown) return;
    this.signInShown = true;
    this.knownP0.clear();
    this.shownP0 = '';
    this.shownIncident = undefined;
    this.p0Count = 0;
    this.matrixPromise = undefined;
    const main = h('main', { class: 'nhsuk-main-wrapper', id: 'maincontent', tabindex: '-1' });
    replaceChildren(this.root,
      h('a', { class: 'nhsuk-skip-link', 'data-module': 'nhsuk-skip-link', href: '#maincontent' }, 'Skip to main content'),
      h('header', { class: 'nhsuk-header', role: 'banner' }, h('div', { class: 'nhsuk-header__container nhsuk-width-container' }, this.serviceLogo())),
      h('div', { class: 'nhsuk-width-container' }, main));
    renderSignIn({
      main,
      config: this.config,
      setTitle: (page) => {
        this.pageTitle = `${page} – ${SERVICE} – NHS`;
        this.updateTitle();
      },
      signedIn: () => {
        this.signInShown = false;
        this.firstRender = false;
        if (!location.hash.startsWith('#/')) location.hash = '#/queue';
        void this.render();
      },
    });
    initAll(this.root);
    if (notice) {
      const element = h('div', { class: 'nhsuk-inset-text', id: 'signed-out', tabindex: '-1' }, hidden('Information: '), h('p', {}, notice));
      main.prepend(element);
      element.focus();
    }
  }

  /** Signing out forgets the token and removes every page's content before anything else. */
  private signOut(): void {
    tokenStore.clear();
    this.stopTimer();
    this.controller?.abort();
    this.view = undefined;
    this.root.replaceChildren();
    this.signInShown = false;
    const logout = signOutUrl(this.config.auth);
    if (logout) {
      location.assign(logout);
      return;
    }
    history.replaceState(null, '', `${location.pathname}#/queue`);
    // The message takes focus (and so is read out): nothing else announces it.
    this.showSignIn('You have signed out.');
  }

  /** The API refused the token (expired, or revoked): the sign-in page says why. */
  private signedOut(): void {
    if (this.signInShown) return;
    this.stopTimer();
    this.controller?.abort();
    this.view = undefined;
    this.root.replaceChildren();
    this.showSignIn('Your sign-in has expired or was not accepted, so you have been signed out. Sign in again to carry on.');
  }

  private showError(main: HTMLElement, error: unknown): void {
    const status = error instanceof ApiError ? error.status : error instanceof URIError ? 404 : undefined;
    const message = error instanceof URIError ? 'The address is not a page of the console.' : error instanceof Error ? error.message : String(error);
    this.pageTitle = `${status === 404 ? 'Not found' : 'Sorry, there is a problem'} – ${SERVICE} – NHS`;
    this.updateTitle();
    replaceChildren(main,
      h('h1', { tabindex: '-1' }, status === 404 ? 'Not found' : 'Sorry, there is a problem with the service'),
      h('p', {}, message),
      h('p', {}, h('a', { href: '#/queue' }, 'Go to the queue')));
  }

  private announce(text: string): void {
    const region = document.getElementById('announcer');
    if (!region) return;
    region.textContent = '';
    // A fresh text node after a tick: screen readers announce a change, not a repeat.
    window.setTimeout(() => (region.textContent = text), 50);
  }

  private updateTitle(): void {
    document.title = this.p0Count > 0 ? `(${this.p0Count} P0) ${this.pageTitle}` : this.pageTitle;
  }

  /** The next refresh, refreshMs after this one ended (a chained timeout: a slow refresh never overlaps the next). */
  private schedule(): void {
    this.stopTimer();
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      void this.tick(true).then(() => {
        if (this.timer === undefined && tokenStore.get() && !this.signInShown) this.schedule();
      });
    }, this.refreshMs);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) window.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One refresh: the page (when `refreshView`), then the P0 and incident checks. Never rejects; joins one in progress. */
  private tick(refreshView: boolean): Promise<void> {
    return (this.ticking ??= this.refreshAll(refreshView).finally(() => {
      this.ticking = undefined;
    }));
  }

  private async refreshAll(refreshView: boolean): Promise<void> {
    if (!tokenStore.get()) return;
    const view = this.view;
    const signal = this.controller?.signal;
    try {
      if (refreshView) await view?.refresh?.();
    } catch (error) {
      if (!(error instanceof SignedOutError) && !signal?.aborted) this.announce('The page could not be refreshed; it will try again.');
    }
    try {
      await this.checkP0();
      await this.checkIncident();
    } catch {
      // Signed out (the sign-in page is showing) or a failed check: the next tick tries again.
    }
  }

  /** Open P0s, checked on every page on the shell's timer: a new one cannot be missed. */
  private async checkP0(): Promise<void> {
    if (!tokenStore.get()) return;
    const page = await this.api.get<InteractionPage>('/interactions', { status: 'open', priority: 'P0', limit: '100' }).catch((error: unknown) => {
      if (error instanceof SignedOutError) throw error;
      return null;
    });
    if (!page) return;
    const p0 = page.items.filter((item) => item.priority === 'P0' && !item.firstResponseAt).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    this.renderP0Banner(p0, await this.matrix().catch(() => null));
  }

  /** Major-incident mode, on every page: officers see it is on and which holding line new decisions offer. */
  private async checkIncident(): Promise<void> {
    if (!tokenStore.get()) return;
    const status = await this.api.get<IncidentStatus>('/incident').catch((error: unknown) => {
      if (error instanceof SignedOutError) throw error;
      return null;
    });
    if (!status) return;
    const slot = document.getElementById('incident-banner');
    const incident = status.current;
    if (!slot || (incident?.id ?? null) === this.shownIncident) return;
    const wasShown = this.shownIncident !== undefined;
    this.shownIncident = incident?.id ?? null;
    if (!incident) {
      slot.replaceChildren();
      if (wasShown) this.announce('Major-incident mode is now off.');
      return;
    }
    slot.replaceChildren(
      h('div', { class: 'nhsuk-warning-callout', id: 'incident-callout' },
        h('h2', { class: 'nhsuk-warning-callout__label' },
          h('span', { role: 'text' }, hidden('Important: '), 'Major-incident mode is on')),
        h('p', {}, `${incident.name}, since ${whenPrecisely(incident.startedAt)}. New decisions offer the holding line and tighter response times.`),
        h('p', {}, 'Holding line: ', h('q', {}, incident.holdingLine))));
    if (wasShown) this.announce(`Major-incident mode is now on: ${incident.name}.`);
  }

  private renderP0Banner(items: InteractionPage['items'], matrix: MatrixDocument | null): void {
    const slot = document.getElementById('p0-banner');
    if (!slot) return;
    const fresh = items.filter((item) => !this.knownP0.has(item.id));
    for (const item of items) this.knownP0.add(item.id);
    this.p0Count = items.length;
    this.updateTitle();
    const ids = items.map((item) => item.id).join(' ');
    const existing = slot.querySelector<HTMLElement>('#p0-alert');
    if (ids === this.shownP0 && (items.length === 0 || existing)) return;
    this.shownP0 = ids;
    if (items.length === 0) {
      slot.replaceChildren();
      return;
    }
    const now = Date.now();
    const title = `P0: ${items.length === 1 ? '1 interaction needs' : `${items.length} interactions need`} action now`;
    const list = h('ul', { class: 'nhsuk-list' },
        // Each entry says what tells it apart: category, channel and platform, the time to the second, its reference.
        items.map((item) => {
          const category = item.category ? (matrix?.rules.find((rule) => rule.category === item.category)?.categoryLabel ?? humanise(item.category)) : 'Interaction';
          return h('li', { 'data-interaction-id': item.id },
            h('a', { href: `#/interactions/${encodeURIComponent(item.id)}` }, `${category}: ${channelName(item.channel).toLowerCase()} on ${platformName(item.platform)}`),
            // Raised by an edit: the time the edit came in (the clock's start), not the first receipt days ago.
            item.clockFrom ? ', raised by an edit ' : ', received ',
            h('time', { datetime: item.clockFrom ?? item.receivedAt }, whenPrecisely(item.clockFrom ?? item.receivedAt)),
            ` (${ago(item.clockFrom ?? item.receivedAt, now)})`,
            h('span', { class: 'app-id' }, `Reference ${item.id}`));
        }));
    // A new P0: a fresh role=alert element, so it is spoken. One answered: the list changes in place, quietly.
    if (fresh.length === 0 && existing) {
      existing.querySelector('#p0-banner-title')!.textContent = title;
      existing.querySelector('ul')!.replaceWith(list);
      return;
    }
    slot.replaceChildren(
      h('div', { class: 'app-p0-banner', role: 'alert', 'aria-labelledby': 'p0-banner-title', id: 'p0-alert' },
        h('h2', { class: 'app-p0-banner__title', id: 'p0-banner-title' }, title),
        list));
  }
}

async function start(): Promise<void> {
  const app = document.getElementById('app')!;
  let config: ConsoleConfig;
  try {
    config = await loadConfig();
    if (config.auth.kind === 'cognito') await completeCognitoSignIn(config.auth);
  } catch (error) {
    replaceChildren(app,
      h('main', { class: 'nhsuk-width-container nhsuk-main-wrapper', id: 'maincontent' },
        h('h1', {}, 'Sorry, there is a problem with the service'),
        h('p', {}, error instanceof Error ? error.message : String(error))));
    return;
  }
  await new Console(config).render();
}

void start();
