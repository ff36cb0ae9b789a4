import { Child, h, SafeHtml } from '../jsx/html';

/**
 * Around a Table that may be wider than a narrow screen (360 px, large text): it scrolls sideways
 * inside this region instead of the page (WCAG 1.4.10). Named by the table's heading
 * (`labelledBy`, an element id) or by `label`, it is a focusable region, so keyboard users can
 * scroll it too.
 */
export function TableWrapper(props: { label?: string; labelledBy?: string; children?: Child }): SafeHtml {
  return props.label || props.labelledBy ? (
    <div class="app-table-wrapper" role="region" tabindex="0" aria-labelledby={props.labelledBy} aria-label={props.labelledBy ? undefined : props.label}>
      {props.children}
    </div>
  ) : (
    <div class="app-table-wrapper">{props.children}</div>
  );
}
