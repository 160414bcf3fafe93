import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Bundle } from 'fhir/r4';
import '../src/elements/allergy-list/allergy-list.js';
import { errorForStatus } from '../src/data/fhir-http.js';
import type { RecordSource } from '../src/data/record-source.js';
import {
  allergyBundle,
  allergyPatientRestricted,
  conflictBundle,
  nilKnownBundle,
  notRecordedBundle,
} from '../test/fixtures/allergy-list/synthetic-uk.js';
import { collection } from '../test/fixtures/collection.js';
import { hl7r4 } from '../test/fixtures/hl7-r4/index.js';
import { ukCore } from '../test/fixtures/uk-core/index.js';
import { FailingSource, PendingSource, RecordingSource } from '../test/fixtures/sources.js';

interface AllergyListArgs {
  view: 'active' | 'past';
  headingLevel: number;
  /** Width of the container the list sits in (px); 0 for the full width. */
  width: number;
  patient?: string;
  bundle?: Bundle;
  source?: RecordSource;
}

const meta: Meta<AllergyListArgs> = {
  title: 'Elements/Allergy list',
  component: 'care-allergy-list',
  tags: ['autodocs'],
  args: { view: 'active', headingLevel: 2, width: 0 },
  argTypes: {
    view: { control: 'inline-radio', options: ['active', 'past'] },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    width: { control: { type: 'range', min: 0, max: 1200, step: 20 } },
    patient: { table: { disable: true } },
    bundle: { table: { disable: true } },
    source: { table: { disable: true } },
  },
  render: (args) =>
    html`<div style=${args.width ? `max-width: ${args.width}px` : ''}>
      <care-allergy-list
        .bundle=${args.bundle}
        .source=${args.source}
        patient=${args.patient ?? ''}
        view=${args.view}
        heading-level=${args.headingLevel}
      ></care-allergy-list>
    </div>`,
};
export default meta;

type Story = StoryObj<AllergyListArgs>;

/**
 * Synthetic UK record: a high-criticality drug allergy with anaphylaxis, a food allergy recorded by
 * a hospital, an unconfirmed intolerance; the older "no known drug allergies" and a refuted and an
 * entered-in-error entry are not shown.
 */
export const Active: Story = { args: { bundle: allergyBundle() } };

/** Inactive and resolved allergies, with their status. */
export const Past: Story = { args: { bundle: allergyBundle(), view: 'past' } };

/** "No known allergies" recorded after an allergy that is still active: both shown, flagged, with a notice. */
export const Conflicting: Story = { args: { bundle: conflictBundle() } };

/** A "no known drug allergy" statement alone (UK Core example). */
export const NoKnownDrugAllergies: Story = {
  name: 'No known drug allergies',
  args: { bundle: collection([ukCore.patientRichardSmith, ukCore.allergyNoKnown]) },
};

/** No allergies, and the GP Connect allergy List says there are none. */
export const NilKnown: Story = {
  name: 'Nil known',
  args: { bundle: nilKnownBundle() },
};

/** No allergy information at all: not the same as none. */
export const NotRecorded: Story = {
  name: 'Not recorded',
  args: { bundle: notRecordedBundle() },
};

/** HL7 R4 examples: cashew nuts, fish, penicillin (unconfirmed). */
export const Hl7Examples: Story = {
  name: 'HL7 R4 examples',
  args: {
    bundle: collection([
      hl7r4.patientExample,
      hl7r4.allergyExample,
      hl7r4.allergyFish,
      hl7r4.allergyMedication,
    ]),
  },
};

export const Loading: Story = { args: { source: new PendingSource(), patient: 'any' } };

/** The allergies cannot be read: "Allergies unavailable", with the reason and Try again. */
export const Unavailable: Story = {
  args: { source: new FailingSource(errorForStatus(503, '')), patient: 'any' },
};

/** The allergy List search is refused: the allergies still show, with a notice of what is missing. */
export const PartlyFailed: Story = {
  name: 'Partly failed',
  args: { source: new RecordingSource(allergyBundle(), { failing: { List: errorForStatus(400, '') } }) },
};

/** S-flagged: the GP practice is never requested or named. */
export const Restricted: Story = { args: { bundle: allergyBundle(allergyPatientRestricted) } };

/** Reflows at 320 CSS px: details stack. */
export const Narrow: Story = { args: { bundle: allergyBundle(), width: 320 } };
