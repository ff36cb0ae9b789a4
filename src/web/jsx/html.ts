import { escapeHtml, isVoidElement } from '@kitajs/html';

/**
 * The templates' JSX runtime: TSX compiled in classic mode (`h`, `Fragment`; see
 * tsconfig.json) onto @kitajs/html's tag and attribute types and its escaper. What it adds is escaping BY DEFAULT: every string or number child is
 * escaped; only the output of another template (a SafeHtml) or an explicit `raw()`
 * passes through. (@kitajs/html's own runtime returns plain strings and escapes a
 * child only when marked `safe`, so a forgotten mark would be an injection.)
 */
export class SafeHtml {
  constructor(readonly html: string) {}

  toString(): string {
    return this.html;
  }
}

export type Child = SafeHtml | string | number | boolean | null | undefined | readonly Child[];

/** Markup the caller vouches for (the CSS link, inline SVG built by code). Never for user data. */
export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

// Markup is built by string concatenation, not by joining arrays: V8 makes `a + b` a rope (a
// cons string) without copying either side, and copies the page once, when it is written to the
// response. Joining each element's children copied every subtree again at each level above it:
// 1.7 MB allocated for a 35 KB home page, most of what a page request allocated (docs/benchmarks.md).
function appendChild(html: string, child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return html;
  if (child instanceof SafeHtml) return html + child.html;
  if (Array.isArray(child)) {
    for (const item of child as readonly Child[]) html = appendChild(html, item);
    return html;
  }
  return html + escapeHtml(String(child));
}

/** Renders children (strings escaped) into one SafeHtml. */
export function renderChildren(children: Child): SafeHtml {
  return new SafeHtml(appendChild('', children));
}

/** Attribute values escaped in full (`&` too, so a value is read back exactly as given). */
function attributesToString(attributes: Record<string, unknown>): string {
  let out = '';
  // for…in rather than Object.entries: no array of pairs per element. Attributes are object
  // literals (TSX's), so every enumerable key is their own.
  for (const name in attributes) {
    const value = attributes[name];
    if (value === null || value === undefined || value === false || name === 'children') continue;
    if (value === true) out += ` ${name}`;
    else if (typeof value === 'string' || typeof value === 'number') out += ` ${name}="${escapeHtml(String(value))}"`;
    else throw new TypeError(`Attribute ${name} must be a string, number or boolean`);
  }
  return out;
}

type Props = Record<string, unknown> & { children?: Child };
type Component = (props: Props) => SafeHtml;

export function h(tag: string | Component, attributes: Record<string, unknown> | null, ...children: Child[]): SafeHtml {
  if (typeof tag === 'function') {
    const props: Props = { ...(attributes ?? {}) };
    if (children.length > 0) props.children = children.length === 1 ? children[0] : children;
    return tag(props);
  }
  const open = attributes ? `<${tag}${attributesToString(attributes)}>` : `<${tag}>`;
  if (isVoidElement(tag)) return new SafeHtml(open);
  return new SafeHtml(appendChild(open, children) + `</${tag}>`);
}

export function Fragment(props: { children?: Child }): SafeHtml {
  return renderChildren(props.children);
}

/** A whole page: the doctype and the <html> element. */
export function renderDocument(root: SafeHtml): string {
  return `<!DOCTYPE html>${root.html}`;
}

type KitaElements = globalThis.JSX.IntrinsicElements;

// TypeScript finds the JSX types of classic-mode TSX in the factory's namespace (h.JSX).
// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace h {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace JSX {
    export type Element = SafeHtml;
    export type IntrinsicElements = {
      [K in keyof KitaElements]: Omit<KitaElements[K], 'children' | 'safe'> & { children?: Child };
    };
    export interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}
