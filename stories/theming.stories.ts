import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Bundle } from 'fhir/r4';
import '../src/all.js';
import { tokenStyles } from '../src/base/styles.js';
import richardSmith from '../test/fixtures/bundles/uk-core-richard-smith-collection.json';

/**
 * The global `--care-*` tokens and their defaults, read from the elements' own token styles
 * (`--_x: var(--care-…, default)`), so the controls list exactly the tokens the elements read.
 */
const TOKENS = [...tokenStyles.cssText.matchAll(/--_[\w-]+:\s*var\((--care-[\w-]+),\s*([^;]+)\);/g)].map(
  ([, name, value]) => ({ name, value: value.trim() }),
);

type ThemingArgs = Record<string, string>;

const isColour = (value: string) => /^#[0-9a-f]{3,8}$/i.test(value);

/** Every element of a record page inside one `<care-record>`, themed by the tokens set on the wrapper. */
const meta: Meta<ThemingArgs> = {
  title: 'Theming/Tokens',
  args: Object.fromEntries(TOKENS.map(({ name, value }) => [name, value])),
  argTypes: Object.fromEntries(
    TOKENS.map(({ name, value }) => [
      name,
      {
        name,
        control: isColour(value) ? { type: 'color' } : { type: 'text' },
        table: { category: 'global tokens', defaultValue: { summary: value } },
      },
    ]),
  ),
  parameters: {
    docs: {
      description: {
        component:
          'Change a token and the record below follows at once. Set the same custom properties on any ancestor of the elements in a page (`care-record { --care-color-primary: #330072; }`); they inherit into every shadow root.',
      },
    },
  },
  render: (args) => html`
    <div style=${styleMap(args)}>
      <care-record .bundle=${richardSmith as Bundle}>
        <care-patient-banner></care-patient-banner>
        <care-allergy-list heading-level="2"></care-allergy-list>
        <care-medication-list heading-level="2"></care-medication-list>
        <care-encounter-timeline heading-level="2"></care-encounter-timeline>
      </care-record>
    </div>
  `,
};
export default meta;

type Story = StoryObj<ThemingArgs>;

/** The NHS.UK defaults; every control changes one token live. */
export const Tokens: Story = {};
