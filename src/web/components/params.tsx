import { Child, Fragment, h, SafeHtml } from '../jsx/html';

/*
 * What the GOV.UK Frontend macros' parameters share, in TSX: `text` is escaped, `html` is
 * markup the caller vouches for (a SafeHtml: another template's output), `classes` are added
 * to the component's own, `attributes` are added to its main element.
 */

export type Attributes = Record<string, string | number | boolean | undefined>;

export interface TextOrHtml {
  text?: string | number;
  html?: Child;
}

export interface Common {
  classes?: string;
  attributes?: Attributes;
}

/** `html` when given, else `text` (as the macros choose). */
export function content(params: TextOrHtml | undefined): Child {
  if (!params) return null;
  return params.html !== undefined && params.html !== null && params.html !== '' ? params.html : params.text;
}

export function hasContent(params: TextOrHtml | undefined): boolean {
  const value = content(params);
  return value !== undefined && value !== null && value !== '';
}

/** A class attribute from parts, blanks left out. */
export function classNames(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

/** Ids for aria-describedby, blanks left out; undefined when there is none. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(' ').trim();
  return joined === '' ? undefined : joined;
}

/** Renders children as they are (for components whose content comes from `caller()` in Nunjucks). */
export function Contents({ children }: { children?: Child }): SafeHtml {
  return <>{children}</>;
}
