import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Bundle, Patient } from 'fhir/r4';
import '../src/elements/medication-list/medication-list.js';
import { errorForStatus } from '../src/data/fhir-http.js';
import type { RecordSource } from '../src/data/record-source.js';
import { hl7MedicationBundle } from '../test/fixtures/medication-list/hl7-r4-examples.js';
import { manyMedicinesSource, pagedPatient } from '../test/fixtures/medication-list/paged-source.js';
import {
  MEDICATION_NOW,
  emptyMedicationBundle,
  malformedMedicationBundle,
  gpConventionsMedicationBundle,
  medsPatient,
  medsPatientRestricted,
  pastOnlyMedicationBundle,
  ukMedicationBundle,
} from '../test/fixtures/medication-list/synthetic-uk.js';
import {
  richardSmithMedicationBundle,
  richardSmithRestricted,
} from '../test/fixtures/medication-list/uk-core-richard-smith.js';
import { FailingSource, PendingSource, RecordingSource } from '../test/fixtures/sources.js';

interface MedicationListArgs {
  view: 'current' | 'past';
  headingLevel: number;
  /** Width of the container the list sits in (px); 0 for the full width. */
  width: number;
  /** Patient id, for sources that hold several patients. */
  patient?: string;
  bundle?: Bundle;
  source?: RecordSource;
}

const meta: Meta<MedicationListArgs> = {
  title: 'Elements/Medication list',
  component: 'care-medication-list',
  tags: ['autodocs'],
  args: { view: 'current', headingLevel: 2, width: 0 },
  argTypes: {
    view: { control: 'inline-radio', options: ['current', 'past'] },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    width: { control: { type: 'range', min: 0, max: 1200, step: 20 } },
    patient: { table: { disable: true } },
    bundle: { table: { disable: true } },
    source: { table: { disable: true } },
  },
  render: (args) =>
    html`<div style=${args.width ? `max-width: ${args.width}px` : ''}>
      <care-medication-list
        .bundle=${args.bundle}
        .source=${args.source}
        .now=${MEDICATION_NOW}
        patient=${args.patient ?? ''}
        view=${args.view}
        heading-level=${args.headingLevel}
      ></care-medication-list>
    </div>`,
};
export default meta;

type Story = StoryObj<MedicationListArgs>;

/** Synthetic UK record: acute, repeat and repeat-dispensing lines, every status, three organisations (filter box: 12 items). */
export const Current: Story = {
  args: { bundle: ukMedicationBundle() },
  parameters: { cui: ['MEDi-001..003', 'MEDi-007/013/018/051', 'MEDv-062/063', 'MEDv-099'] },
};

/**
 * GP data conventions: a brand the record names (`VENTOLIN 100micrograms/dose Evohaler`), acute /
 * repeat / repeat dispensing tags, a medicine prescribed elsewhere, and amlodipine recorded by the
 * GP practice and the hospital shown once with both sources.
 */
export const GpConventions: Story = {
  name: 'GP conventions',
  args: { bundle: gpConventionsMedicationBundle() },
  parameters: { cui: ['MEDi-003'] },
};

/** A deceased patient: said first; medicines read as at death, no review date after death. */
export const Deceased: Story = {
  args: { bundle: ukMedicationBundle({ ...medsPatient, deceasedDateTime: '2024-12-01' }) },
};

export const Past: Story = {
  args: { bundle: ukMedicationBundle(), view: 'past' },
  parameters: { cui: ['MEDv-100'] },
};

/** The UK Core example patient: eight completed requests and an ended statement, all under Past. */
export const RichardSmith: Story = { args: { bundle: richardSmithMedicationBundle(), view: 'past' } };

/** HL7 R4 examples: contained and referenced Medications, a text-only medicine, one entered in error (hidden). */
export const Hl7Examples: Story = { name: 'HL7 R4 examples', args: { bundle: hl7MedicationBundle() } };

export const Loading: Story = { args: { source: new PendingSource() } };

/** Pages keep arriving: the progress bar shows 200 of 500 (the third request page is held back). */
export const LoadingWithProgress: Story = {
  args: {
    source: manyMedicinesSource(500, {
      gate: (request) =>
        request === 'next MedicationRequest 100' ? new Promise<void>(() => undefined) : undefined,
    }),
    patient: pagedPatient.id,
  },
};

/** No `total` in the pages: the bar is indeterminate and counts what has arrived. */
export const LoadingWithoutTotal: Story = {
  args: {
    source: manyMedicinesSource(500, {
      withTotal: false,
      gate: (request) =>
        request === 'next MedicationRequest 100' ? new Promise<void>(() => undefined) : undefined,
    }),
    patient: pagedPatient.id,
  },
};

/** 500 medicines over 12 pages of 50: every page is loaded, then filtered and toggled smoothly. */
export const FiveHundredMedicines: Story = {
  args: { source: manyMedicinesSource(500), patient: pagedPatient.id },
};

export const Empty: Story = { args: { bundle: emptyMedicationBundle() }, parameters: { cui: ['MEDv-146'] } };

/** Nothing current: the Current view says so and the Past count shows where the medicines are. */
export const PastOnly: Story = {
  args: { bundle: pastOnlyMedicationBundle() },
  parameters: { cui: ['MEDv-146'] },
};

export const LoadError: Story = {
  name: 'Error',
  args: {
    source: new FailingSource(errorForStatus(503, '')),
    patient: 'any',
  },
};

/** The statements search is refused: requests still show, with a notice that the list may be incomplete. */
export const PartlyFailed: Story = {
  args: {
    source: new RecordingSource(ukMedicationBundle(), {
      failing: {
        MedicationStatement: errorForStatus(403, ''),
      },
    }),
  },
};

/** S-flagged: medicines are shown with a Restricted record marker; no organisation address is ever shown. */
export const Restricted: Story = { args: { bundle: ukMedicationBundle(medsPatientRestricted) } };

export const RestrictedRichardSmith: Story = {
  args: { bundle: richardSmithMedicationBundle(richardSmithRestricted as Patient), view: 'past' },
};

/** Missing medication, dates and codes, wrong JSON types, dangling references: each row shows what it can. */
export const Malformed: Story = { args: { bundle: malformedMedicationBundle() } };

/** Reflows at 320 CSS px: toolbar and details stack. */
export const Narrow: Story = { args: { bundle: ukMedicationBundle(), width: 320 } };
