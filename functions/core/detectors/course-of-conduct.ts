import type { Finding } from './finding';

/** One earlier post by the same author, as the log remembers it: when, and what it was judged to be. */
export interface AuthorPost {
  receivedAt: string;
  categories: readonly string[];
}

export interface CourseOfConductRule {
  /** Posts, this one included, that make a course of conduct (the harassment test is two or more). */
  posts: number;
  withinDays: number;
  /** Categories that count as related posts, e.g. abuse-or-threat and troll-or-spam. */
  counting: readonly string[];
}

/**
 * Harassment as a course of conduct (Protection from Harassment Act 1997: two or more related
 * occasions): this post is one of the counting kinds and the same author posted enough others of
 * them within the window before it. Pure: the caller supplies the author's recent posts.
 */
export function detectCourseOfConduct(input: {
  receivedAt: string;
  currentCategories: readonly string[];
  history: readonly AuthorPost[];
  rule: CourseOfConductRule;
}): Finding[] {
  const { receivedAt, currentCategories, history, rule } = input;
  if (!currentCategories.some((category) => rule.counting.includes(category))) return [];
  const now = Date.parse(receivedAt);
  const since = now - rule.withinDays * 86_400_000;
  const related = history.filter((post) => {
    const at = Date.parse(post.receivedAt);
    return at >= since && at < now && post.categories.some((category) => rule.counting.includes(category));
  });
  const total = related.length + 1;
  if (total < rule.posts) return [];
  return [{ evidence: `course of conduct: ${total} related posts by the same author within ${rule.withinDays} days`, spanKind: 'author-history' }];
}
