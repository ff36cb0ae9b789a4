import { Fragment, h, raw, renderDocument, SafeHtml } from './html';

function Greeting({ name, children }: { name: string; children?: string }): SafeHtml {
  return (
    <p title={name}>
      {name}: {children}
    </p>
  );
}

describe('the TSX runtime', () => {
  it('escapes text and attributes by default', () => {
    const hostile = '<script>alert("x")</script>&';
    const html = (<div class={hostile}>{hostile}</div>).html;
    expect(html).toBe('<div class="&lt;script>alert(&#34;x&#34;)&lt;/script>&amp;">&lt;script>alert(&#34;x&#34;)&lt;/script>&amp;</div>');
    expect(html).not.toContain('<script>alert');
  });

  it('nests templates without escaping them twice, and lets raw() through', () => {
    const html = (
      <>
        <Greeting name="A&B">{'<b>'}</Greeting>
        {raw('<svg></svg>')}
        {[1, 2].map((n) => (
          <i>{n}</i>
        ))}
        {null}
        {false}
      </>
    ).html;
    expect(html).toBe('<p title="A&amp;B">A&amp;B: &lt;b></p><svg></svg><i>1</i><i>2</i>');
  });

  it('writes void elements and boolean attributes as HTML does', () => {
    expect((<input type="checkbox" checked disabled={false} />).html).toBe('<input type="checkbox" checked>');
    expect(renderDocument(<html lang="ky"></html>)).toBe('<!DOCTYPE html><html lang="ky"></html>');
  });
});
