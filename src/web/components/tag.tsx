import { h, SafeHtml } from '../jsx/html';
import { classNames, Common, content, TextOrHtml } from './params';

export type TagParams = TextOrHtml & Common;

/** GOV.UK tag (govukTag). The statuses' tags are in status-tag.tsx: one colour each. */
export function Tag(params: TagParams): SafeHtml {
  return (
    <strong class={classNames('govuk-tag', params.classes)} {...params.attributes}>
      {content(params)}
    </strong>
  );
}
