import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Bundle } from 'fhir/r4';
import '../src/elements/shared-record/shared-record.js';
import { errorForStatus } from '../src/data/fhir-http.js';
import type { RecordSource } from '../src/data/record-source.js';
import { allergyBundle } from '../test/fixtures/allergy-list/synthetic-uk.js';
import { ukMedicationBundle } from '../test/fixtures/medication-list/synthetic-uk.js';
import { problemBundle } from '../test/fixtures/problem-list/synthetic-uk.js';
import { resultsBundle } from '../test/fixtures/results/synthetic-uk.js';
import { FailingSource, PendingSource } from '../test/fixtures/sources.js';

interface SharedRecordArgs {
  section:
    'allergies' | 'problems' | 'medications' | 'results' | 'documents' | 'encounters' | 'immunisations';
  bundle?: Bundle;
  source?: RecordSource;
  patient?: string;
}

const meta: Meta<SharedRecordArgs> = {
  title: 'Elements/Shared record',
  component: 'care-shared-record',
  tags: ['autodocs'],
  args: { section: 'allergies' },
  argTypes: {
    section: {
      control: 'inline-radio',
      options: [
        'allergies',
        'problems',
        'medications',
        'results',
        'documents',
        'encounters',
        'immunisations',
      ],
    },
    bundle: { table: { disable: true } },
    source: { table: { disable: true } },
    patient: { table: { disable: true } },
  },
  render: (args) =>
    html`<care-shared-record
      .bundle=${args.bundle}
      .source=${args.source}
      patient=${args.patient ?? ''}
      section=${args.section}
      ><button slot="break-glass" type="button">Request emergency access</button></care-shared-record
    >`,
};
export default meta;

type Story = StoryObj<SharedRecordArgs>;

/** Banner, summary, and the sections as tabs; each section loads when first opened. */
export const WholeRecord: Story = {
  name: 'Whole record',
  args: { bundle: ukMedicationBundle() },
};

/** Deep-linked to the medicines (`section="medications"`). */
export const OpenOnMedications: Story = {
  name: 'Open on medications',
  args: { bundle: ukMedicationBundle(), section: 'medications' },
};

/** Deep-linked to the results: the summary's latest results card and the reports with their trends. */
export const OpenOnResults: Story = {
  name: 'Open on results',
  args: { bundle: resultsBundle(), section: 'results' },
};

/** A record with problems: active problems in the summary, major first. */
export const WithProblems: Story = {
  name: 'With problems',
  args: { bundle: problemBundle(), section: 'problems' },
};

/** A record with allergies: high criticality said in words in the summary and the list. */
export const WithAllergies: Story = {
  name: 'With allergies',
  args: { bundle: allergyBundle() },
};

export const Loading: Story = { args: { source: new PendingSource(), patient: 'any' } };

/** No legitimate relationship: the server's reason, and the host's own break-glass button. */
export const AccessNotPermitted: Story = {
  name: 'Access not permitted',
  args: {
    source: new FailingSource(
      errorForStatus(
        403,
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'forbidden',
              diagnostics: 'No legitimate relationship with this patient is recorded for your role',
            },
          ],
        }),
      ),
    ),
    patient: 'any',
  },
};

/** The record server is down: one message, one Try again. */
export const Unavailable: Story = {
  args: { source: new FailingSource(errorForStatus(503, '')), patient: 'any' },
};
