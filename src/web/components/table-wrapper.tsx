import { Child, h, SafeHtml } from '../jsx/html';

/**
 * Around a Table: it scrolls sideways on its own at 320 px instead of widening the page
 * (WCAG 1.4.10). With a `label` it is a named, focusable region, so keyboard users can scroll it too.
 */
export function TableWrapper(props: { label?: string; children?: Child }): SafeHtml {
  return props.label ? (
    <div class="app-table-wrapper" role="region" aria-label={props.label} tabindex="0">
      {props.children}
    </div>
  ) : (
    <div class="app-table-wrapper">{props.children}</div>
  );
}
