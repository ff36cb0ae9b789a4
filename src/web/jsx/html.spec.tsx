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

  it('writes a page of many rows (a rope of concatenations, flattened once) whole and in order', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => (
      <tr>
        <td>{i}</td>
      </tr>
    ));
    const html = renderDocument(
      <table>
        <tbody>{rows}</tbody>
      </table>,
    );
    expect(html.startsWith('<!DOCTYPE html><table><tbody><tr><td>0</td></tr><tr><td>1</td></tr>')).toBe(true);
    expect(html.endsWith('<tr><td>49999</td></tr></tbody></table>')).toBe(true);
    expect(Buffer.byteLength(html)).toBe('<!DOCTYPE html><table><tbody></tbody></table>'.length + rows.reduce((sum, row) => sum + row.html.length, 0));
  });
});
