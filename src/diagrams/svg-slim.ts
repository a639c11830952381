// Bytes mermaid writes that the page does not need.
//
// The font: mermaid writes the whole font stack (≈ 200 bytes) into the style attribute of every text it draws
// and several times into its stylesheet: a third of a sequence diagram's bytes. The page already holds
// that stack as a custom property (--font-sans in src/styles/global.css, the same list as
// DIAGRAM_FONT_STACK, which a test keeps equal), so each copy becomes var(--font-sans). Only the exact
// stack is replaced: a diagram whose %%{init}%% picks another font keeps it.
import type { Element, ElementContent } from 'hast';

/** The stack as a comparable string: no spaces after commas, one kind of quote. */
function normalise(stack: string): string {
  return stack.replace(/'/g, '"').replace(/\s*,\s*/g, ',').trim();
}

const FONT_DECLARATION = /((?:^|[;{\s])(?:--mermaid-)?font-family\s*:\s*)((?:[^;}"']|"[^"]*"|'[^']*')+)/g;

function replaceIn(css: string, stack: string, variable: string): string {
  return css.replace(FONT_DECLARATION, (whole, head: string, value: string) => {
    const important = /!\s*important\s*$/.exec(value)?.[0] ?? '';
    const bare = value.slice(0, value.length - important.length);
    return normalise(bare) === stack ? `${head}var(${variable})${important ? '!important' : ''}` : whole;
  });
}

/** A copy of `svg` in which every font-family equal to `stack` reads var(`variable`) instead. */
export function shareFontStack(svg: Element, stack: string, variable: string): Element {
  const wanted = normalise(stack);
  const visit = (node: Element): Element => {
    const style = node.properties['style'];
    const properties = typeof style === 'string' ? { ...node.properties, style: replaceIn(style, wanted, variable) } : node.properties;
    const children = node.children.map((c): ElementContent => {
      if (c.type === 'element') return visit(c);
      if (c.type === 'text' && node.tagName === 'style') return { ...c, value: replaceIn(c.value, wanted, variable) };
      return c;
    });
    return { ...node, properties, children };
  };
  return visit(svg);
}

function styleTexts(node: Element, out: string[] = []): string[] {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'style') out.push(c.children.map((t) => (t.type === 'text' ? t.value : '')).join(''));
    else styleTexts(c, out);
  }
  return out;
}

/** `dataFooBar` (hast) → `data-foo-bar` (HTML); `textAnchor` → `text-anchor`. */
export function attributeName(property: string): string {
  return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * A copy of `svg` without the data-* attributes its stylesheet never selects on. mermaid tags every
 * element with what it is (data-et, data-id, data-from, data-to …) for its own interactive features;
 * in a static figure they only weigh (≈ 8 % of a sequence diagram). Attributes the CSS names
 * (data-look="neo") stay.
 */
export function dropUnusedData(svg: Element): Element {
  const css = styleTexts(svg).join('');
  const keep = new Map<string, boolean>();
  const used = (property: string): boolean => {
    let k = keep.get(property);
    if (k === undefined) keep.set(property, (k = css.includes(attributeName(property))));
    return k;
  };
  const visit = (node: Element): Element => {
    const properties = Object.fromEntries(
      Object.entries(node.properties).filter(([name]) => !/^data[A-Z]/.test(name) || used(name)),
    );
    return { ...node, properties, children: node.children.map((c) => (c.type === 'element' ? visit(c) : c)) };
  };
  return visit(svg);
}
