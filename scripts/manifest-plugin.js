// Makes custom-elements.json describe the elements and nothing else, in the form a designer, an
// IDE and the generated framework types read:
// - only the modules that define an element, and in them only the element class; each element's
//   registration module (src/elements/<name>/<name>.ts) as its `custom-element-definition`;
// - only the public API: no `#private`, protected or static members (no `static styles` CSS text
//   as a default), no reference to the base classes, which are not in the manifest;
// - each event typed from `GlobalEventHandlersEventMap` in src/base/events.ts
//   (`CustomEvent<CareLoadDetail>`), so a type can only be what the code declares;
// - a Lit property without a type annotation typed from its `@property({ type: Number })`;
// - each CSS custom property with its default, read from the styles: the fallback of its
//   `var(--care-…, fallback)`, with the private `--_*` tokens it uses resolved to their defaults.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ELEMENTS = 'src/elements';

/** `{ tag, className, module, component }` for each `src/elements/<name>/<name>.ts`. */
function registrations(root) {
  return readdirSync(join(root, ELEMENTS), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const module = `${ELEMENTS}/${entry.name}/${entry.name}.ts`;
      let text;
      try {
        text = readFileSync(join(root, module), 'utf8');
      } catch {
        return [];
      }
      const match = /define\(\s*'([^']+)',\s*(\w+)\s*\)/.exec(text);
      if (!match) return [];
      return [{ tag: match[1], className: match[2], module, name: entry.name }];
    });
}

/** Event name → the type of its event object, from src/base/events.ts. */
function eventTypes(root) {
  const text = readFileSync(join(root, 'src/base/events.ts'), 'utf8');
  const aliases = new Map(
    [...text.matchAll(/export type (\w+) = (CustomEvent<\w+>);/g)].map((m) => [m[1], m[2]]),
  );
  const map = /interface GlobalEventHandlersEventMap \{([^}]*)\}/.exec(text)?.[1] ?? '';
  return new Map([...map.matchAll(/'([^']+)':\s*(\w+);/g)].map((m) => [m[1], aliases.get(m[2]) ?? m[2]]));
}

/** The text of every css`` literal in a file. */
function cssTexts(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/css`([^`]*)`/g)].map((m) => m[1]);
}

/** The index just after the `)` that closes the `(` at `open`. */
function closing(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')' && (depth -= 1) === 0) return i + 1;
  }
  return text.length;
}

/** `var(--name, fallback)` uses in `css`: name → fallback (the first one found). */
function fallbacks(css) {
  const found = new Map();
  for (const match of css.matchAll(/var\(\s*(--[\w-]+)\s*,/g)) {
    const end = closing(css, match.index + 3);
    const fallback = css.slice(match.index + match[0].length, end - 1).trim();
    if (!found.has(match[1])) found.set(match[1], fallback);
  }
  return found;
}

/** `--_name: value;` declarations in `css`. */
function privateTokens(css) {
  return new Map(
    [...css.matchAll(/(--_[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].replace(/\s+/g, ' ').trim()]),
  );
}

/** Resolves `var(--_x)` and `var(--care-x, fallback)` in `value` to what they are by default. */
function resolveValue(value, tokens, depth = 0) {
  if (depth > 10) return value;
  let out = '';
  let at = 0;
  for (const match of value.matchAll(/var\(\s*(--[\w-]+)\s*(,)?/g)) {
    if (match.index < at) continue;
    const end = closing(value, match.index + 3);
    out += value.slice(at, match.index);
    const fallback = match[2] ? value.slice(match.index + match[0].length, end - 1).trim() : undefined;
    const own = tokens.get(match[1]);
    if (match[1].startsWith('--_') && own !== undefined) out += resolveValue(own, tokens, depth + 1);
    else if (fallback !== undefined) out += resolveValue(fallback, tokens, depth + 1);
    else out += value.slice(match.index, end);
    at = end;
  }
  return out + value.slice(at);
}

/** The default of each `--care-*` property used in an element's styles (and the shared ones). */
function cssDefaults(root, name) {
  const files = [
    ...readdirSync(join(root, 'src/base'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => join(root, 'src/base', file)),
    ...readdirSync(join(root, ELEMENTS, name))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => join(root, ELEMENTS, name, file)),
  ];
  // The element's own declarations win over the shared ones of the same name.
  const css = files.flatMap(cssTexts).reverse().join('\n');
  const shared = files
    .filter((file) => file.includes('/src/base/'))
    .flatMap(cssTexts)
    .join('\n');
  const tokens = new Map([...privateTokens(shared), ...privateTokens(css)]);
  const defaults = new Map();
  for (const [property, fallback] of fallbacks(css)) {
    if (property.startsWith('--care-')) defaults.set(property, resolveValue(fallback, tokens));
  }
  return defaults;
}

const isPublic = (member) =>
  !member.static &&
  member.privacy !== 'private' &&
  member.privacy !== 'protected' &&
  !member.name.startsWith('#') &&
  !member.name.startsWith('_');

/** `export type Name = 'a' | 'b';` anywhere in src/: name → the union, so a control can offer them. */
function literalUnions(root) {
  const unions = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/export type (\w+) =\s*((?:'[^']*'\s*\|\s*)+'[^']*');/g)) {
          unions.set(m[1], m[2].replace(/\s+/g, ' '));
        }
      }
    }
  };
  walk(join(root, 'src'));
  return unions;
}

const LIT_TYPES = { Number: 'number', String: 'string', Boolean: 'boolean' };

/** Records `Class.member` → type for `@property({ type: … })` fields without a type annotation. */
function litPropertyType(ts, node, types) {
  if (!ts.isPropertyDeclaration(node) || node.type || !node.name || !ts.isClassLike(node.parent)) return;
  for (const decorator of ts.getDecorators?.(node) ?? []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || call.expression.getText() !== 'property') continue;
    const options = call.arguments[0];
    if (!options || !ts.isObjectLiteralExpression(options)) continue;
    const type = options.properties.find((p) => p.name?.getText() === 'type');
    const text = type && ts.isPropertyAssignment(type) && LIT_TYPES[type.initializer.getText()];
    if (text) types.set(`${node.parent.name?.getText()}.${node.name.getText()}`, text);
  }
}

/** One element declaration, cut down to its public API. */
function publicDeclaration(declaration, events, defaults, litTypes, unions) {
  const typeOf = (item, name) =>
    (item.type && unions.has(item.type.text) ? { text: unions.get(item.type.text) } : item.type) ??
    (litTypes.has(`${item.inheritedFrom?.name ?? declaration.name}.${name}`)
      ? { text: litTypes.get(`${item.inheritedFrom?.name ?? declaration.name}.${name}`) }
      : undefined);
  const typed = (item, name) => {
    const type = typeOf(item, name);
    return type ? { ...item, type } : item;
  };
  const { superclass: _superclass, mixins: _mixins, ...rest } = declaration;
  const withoutBase = (item) => {
    const { inheritedFrom: _inheritedFrom, ...own } = item;
    return own;
  };
  const result = {
    ...rest,
    members: (declaration.members ?? [])
      .filter(isPublic)
      .map((member) => withoutBase(typed(member, member.name))),
    attributes: (declaration.attributes ?? []).map((attribute) =>
      withoutBase(typed(attribute, attribute.fieldName)),
    ),
    events: (declaration.events ?? [])
      .filter((event) => event.name)
      .map((event) => ({
        ...withoutBase(event),
        ...(events.has(event.name) ? { type: { text: events.get(event.name) } } : {}),
      })),
    cssProperties: (declaration.cssProperties ?? []).map((property) => ({
      ...withoutBase(property),
      ...(property.default === undefined && defaults.has(property.name)
        ? { default: defaults.get(property.name) }
        : {}),
    })),
    cssParts: (declaration.cssParts ?? []).map(withoutBase),
    slots: (declaration.slots ?? []).map(withoutBase),
  };
  for (const key of ['members', 'attributes', 'events', 'cssProperties', 'cssParts', 'slots']) {
    if (result[key].length === 0) delete result[key];
  }
  return result;
}

export function elementsOnly() {
  const root = process.cwd();
  const litTypes = new Map();
  return {
    name: 'care-elements-only',
    analyzePhase({ ts, node }) {
      litPropertyType(ts, node, litTypes);
    },
    packageLinkPhase({ customElementsManifest }) {
      const events = eventTypes(root);
      const unions = literalUnions(root);
      const modules = [];
      for (const { tag, className, module, name } of registrations(root)) {
        const component = customElementsManifest.modules.find((mod) =>
          mod.declarations?.some((d) => d.name === className && d.customElement),
        );
        if (!component) throw new Error(`manifest: no class ${className} for <${tag}> (${module})`);
        const declaration = component.declarations.find((d) => d.name === className);
        modules.push(
          {
            kind: 'javascript-module',
            path: component.path,
            declarations: [
              {
                ...publicDeclaration(declaration, events, cssDefaults(root, name), litTypes, unions),
                tagName: tag,
              },
            ],
            exports: [
              { kind: 'js', name: className, declaration: { name: className, module: component.path } },
            ],
          },
          {
            kind: 'javascript-module',
            path: module,
            declarations: [],
            exports: [
              { kind: 'js', name: className, declaration: { name: className, module: component.path } },
              {
                kind: 'custom-element-definition',
                name: tag,
                declaration: { name: className, module: component.path },
              },
            ],
          },
        );
      }
      customElementsManifest.modules = modules;
    },
  };
}
