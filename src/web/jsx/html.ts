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

function appendChild(out: string[], child: Child): void {
  if (child === null || child === undefined || child === false || child === true) return;
  if (child instanceof SafeHtml) out.push(child.html);
  else if (Array.isArray(child)) for (const item of child as readonly Child[]) appendChild(out, item);
  else out.push(escapeHtml(String(child)));
}

/** Renders children (strings escaped) into one SafeHtml. */
export function renderChildren(children: Child): SafeHtml {
  const out: string[] = [];
  appendChild(out, children);
  return new SafeHtml(out.join(''));
}

/** Attribute values escaped in full (`&` too, so a value is read back exactly as given). */
function attributesToString(attributes: Record<string, unknown>): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
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
  const attrs = attributes ? attributesToString(attributes) : '';
  if (isVoidElement(tag)) return new SafeHtml(`<${tag}${attrs}>`);
  const out: string[] = [`<${tag}${attrs}>`];
  appendChild(out, children);
  out.push(`</${tag}>`);
  return new SafeHtml(out.join(''));
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
