import { h, SafeHtml } from '../jsx/html';

export function recommendationHref(code: string): string {
  return `/recommendations/${encodeURIComponent(code)}`;
}

export function indicatorHref(code: string, planCode?: string | null): string {
  return `/indicators/${encodeURIComponent(code)}${planCode ? `?plan=${encodeURIComponent(planCode)}` : ''}`;
}

/** A feed link for <head>, so feed readers find it from the page. */
export function FeedLink({ href, title }: { href: string; title: string }): SafeHtml {
  return <link rel="alternate" type="application/atom+xml" href={href} title={title} />;
}
