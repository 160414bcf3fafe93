import type { ArgTypes, InputType } from 'storybook/internal/types';

/** The parts of custom-elements.json read here (npm run manifest writes only the public API). */
interface Typed {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
}
interface Member extends Typed {
  kind: 'field' | 'method';
  attribute?: string;
}
interface Declaration {
  tagName?: string;
  members?: Member[];
  attributes?: (Typed & { fieldName?: string })[];
  events?: Typed[];
  slots?: Typed[];
  cssProperties?: Typed[];
  cssParts?: Typed[];
}
export interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

/** `'a' | 'b'` → `['a', 'b']`; anything else → undefined. */
function literals(type: string): string[] | undefined {
  const parts = type.split('|').map((part) => part.trim());
  return parts.every((part) => /^'[^']*'$/.test(part)) ? parts.map((part) => part.slice(1, -1)) : undefined;
}

/** The control for a property's type: text, number, boolean or a choice; none for objects. */
function control(type = ''): InputType['control'] {
  const plain = type.replace(/\s*\|\s*undefined$/, '');
  const options = literals(plain);
  if (options) return { type: options.length <= 3 ? 'inline-radio' : 'select' };
  if (plain === 'string') return { type: 'text' };
  if (plain === 'number') return { type: 'number' };
  if (plain === 'boolean') return { type: 'boolean' };
  return false;
}

/**
 * The docs table and controls of an element, from the manifest: each public property once (its
 * attribute named beside it), events with their detail type, slots, CSS custom properties with
 * their defaults and parts. Objects (a Bundle, a source, a function) are listed without a control.
 */
export function manifestArgTypes(manifest: Manifest, tagName: string): ArgTypes {
  const element = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === tagName);
  if (!element) return {};
  const argTypes: ArgTypes = {};
  for (const member of element.members ?? []) {
    if (member.kind !== 'field') continue;
    const type = member.type?.text;
    const options = type && literals(type.replace(/\s*\|\s*undefined$/, ''));
    argTypes[member.name] = {
      name: member.name,
      description: [
        member.description,
        member.attribute ? `Attribute: \`${member.attribute}\`.` : 'Property only.',
      ]
        .filter(Boolean)
        .join('\n\n'),
      control: control(type),
      ...(options ? { options } : {}),
      table: {
        category: 'properties',
        type: { summary: type ?? '' },
        ...(member.default !== undefined ? { defaultValue: { summary: member.default } } : {}),
      },
    };
  }
  const listed = (
    items: Typed[] | undefined,
    category: string,
    summary: (item: Typed) => string | undefined,
  ) => {
    for (const item of items ?? []) {
      const key = `${category}:${item.name || '(default)'}`;
      argTypes[key] = {
        name: item.name || '(default)',
        description: item.description,
        control: false,
        table: {
          category,
          ...(summary(item) ? { type: { summary: summary(item)! } } : {}),
          ...(item.default !== undefined ? { defaultValue: { summary: item.default } } : {}),
        },
      };
    }
  };
  listed(element.events, 'events', (event) => event.type?.text);
  listed(element.slots, 'slots', () => undefined);
  listed(element.cssProperties, 'css custom properties', () => undefined);
  listed(element.cssParts, 'css shadow parts', () => undefined);
  return argTypes;
}
