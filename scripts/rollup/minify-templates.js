// Minifies the text of Lit's tagged templates in the CDN build: css`` through esbuild's CSS
// minifier, html`` by collapsing each run of white space that holds a line break (indentation)
// into one space, which renders the same outside <pre> and `white-space: pre` (the elements use
// neither). The npm modules are left as tsc writes them; a host's own bundler minifies those.
import { transformSync } from 'esbuild';
import MagicString from 'magic-string';

/** Calls `visit` on every node of an ESTree AST. */
function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value === 'object') walk(value, visit);
  }
}

const minifyCss = (text) => transformSync(text, { loader: 'css', minify: true }).code.trim();
const collapseHtml = (text) => text.replace(/[ \t]*\n\s*/g, ' ');

export function minifyTemplates() {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!/\b(css|html) ?`/.test(code)) return null;
      const source = new MagicString(code);
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const { quasis } = node.quasi;
        if (node.tag.name === 'css' && quasis.length === 1) {
          const [quasi] = quasis;
          source.overwrite(quasi.start, quasi.end, minifyCss(quasi.value.raw).replace(/[`\\]|\$\{/g, '\\$&'));
        } else if (node.tag.name === 'html') {
          for (const quasi of quasis) {
            const raw = quasi.value.raw;
            const collapsed = collapseHtml(raw);
            if (collapsed !== raw && quasi.end > quasi.start)
              source.overwrite(quasi.start, quasi.end, collapsed);
          }
        }
      });
      if (!source.hasChanged()) return null;
      return { code: source.toString(), map: source.generateMap({ hires: true, source: id }) };
    },
  };
}
