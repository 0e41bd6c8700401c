import type { ApiClient } from '../api';
import type { MatrixDocument } from '../types';

/** What a page gets to draw itself: the main element, the API, and the shell's helpers. */
export interface ViewContext {
  main: HTMLElement;
  api: ApiClient;
  /**
   * Aborted as soon as the officer moves to another page (or signs out): every page shares one <main>,
   * so after any await a view checks it and returns without drawing when it is aborted.
   */
  signal: AbortSignal;
  /** Route parameters: `#/interactions/<id>` gives { id }; the query part gives the rest. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Sets the page title: "<page> – Triage console – NHS". */
  setTitle(page: string): void;
  /** Says something to screen readers, politely (an aria-live region). */
  announce(text: string): void;
  navigate(hash: string): void;
  /** The matrix in force (GET /matrix), fetched once; null when the API does not offer it. */
  matrix(): Promise<MatrixDocument | null>;
}

/** A page: draws into ctx.main; may return a `refresh` the shell calls on its timer. */
export interface View {
  refresh?: () => Promise<void>;
}
