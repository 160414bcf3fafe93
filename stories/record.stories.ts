import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Bundle } from 'fhir/r4';
import '../src/all.js';
import type { RecordSource } from '../src/data/record-source.js';
import { FailingSource } from '../test/fixtures/sources.js';
import richardSmith from '../test/fixtures/bundles/uk-core-richard-smith-collection.json';
import bradlyDouglas from '../test/fixtures/bundles/synthea-bradly-douglas-trimmed.json';

interface RecordArgs {
  bundle?: Bundle;
  source?: RecordSource;
  patient?: string;
  nhsNumber?: string;
}

/** The elements inside one `<care-record>`: what a portal page shows. */
const meta: Meta<RecordArgs> = {
  title: 'Elements/Record',
  component: 'care-record',
  tags: ['autodocs'],
  render: ({ bundle, source, patient, nhsNumber }) => html`
    <care-record .bundle=${bundle} .source=${source} patient=${patient ?? ''} nhs-number=${nhsNumber ?? ''}>
      <care-patient-banner></care-patient-banner>
      <care-medication-list heading-level="2"></care-medication-list>
      <care-encounter-timeline heading-level="2"></care-encounter-timeline>
      <care-immunisation-list heading-level="2"></care-immunisation-list>
    </care-record>
  `,
};
export default meta;

type Story = StoryObj<RecordArgs>;

/** UK Core example record of Richard Smith (NHS number 991 200 3888), as one collection Bundle. */
export const UkCoreRichardSmith: Story = { args: { bundle: richardSmith as Bundle } };

/** A Synthea patient (US-flavoured synthetic data: no NHS number, RxNorm codes). */
export const SyntheaPatient: Story = { args: { bundle: bradlyDouglas as Bundle } };

/** The Bundle's patient does not carry the NHS number the portal asked for: one message for the whole record. */
export const PatientMismatch: Story = { args: { bundle: richardSmith as Bundle, nhsNumber: '9434765919' } };

/** The record server cannot be reached: one message with one Try again, in place of every element. */
export const PatientReadFails: Story = { args: { source: new FailingSource(), patient: 'p1' } };
