import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Bundle } from 'fhir/r4';
import '../src/elements/results/results.js';
import type { CareResults } from '../src/elements/results/results.component.js';
import { errorForStatus } from '../src/data/fhir-http.js';
import type { RecordSource } from '../src/data/record-source.js';
import { collection } from '../test/fixtures/collection.js';
import { hl7Results } from '../test/fixtures/hl7-r4/results.js';
import { ukCore } from '../test/fixtures/uk-core/index.js';
import { ukCoreResults } from '../test/fixtures/uk-core/results.js';
import { manyResultsPatient, manyResultsSource } from '../test/fixtures/results/paged-source.js';
import {
  noResultsBundle,
  resultsBundle,
  resultsPatient,
  resultsPatientRestricted,
} from '../test/fixtures/results/synthetic-uk.js';
import { FailingSource, PendingSource, RecordingSource } from '../test/fixtures/sources.js';

interface ResultsArgs {
  headingLevel: number;
  /** Width of the container the list sits in (px); 0 for the full width. */
  width: number;
  patient?: string;
  pageSize?: number;
  bundle?: Bundle;
  source?: RecordSource;
}

const meta: Meta<ResultsArgs> = {
  title: 'Elements/Results',
  component: 'care-results',
  tags: ['autodocs'],
  args: { headingLevel: 2, width: 0 },
  argTypes: {
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    width: { control: { type: 'range', min: 0, max: 1200, step: 20 } },
    patient: { table: { disable: true } },
    pageSize: { table: { disable: true } },
    bundle: { table: { disable: true } },
    source: { table: { disable: true } },
  },
  render: (args) =>
    html`<div style=${args.width ? `max-width: ${args.width}px` : ''}>
      <care-results
        .bundle=${args.bundle}
        .source=${args.source}
        patient=${args.patient ?? ''}
        page-size=${args.pageSize ?? 100}
        heading-level=${args.headingLevel}
      ></care-results>
    </div>`,
};
export default meta;

type Story = StoryObj<ResultsArgs>;

/** The element's shadow root once its rows are in. */
async function loaded(canvas: HTMLElement): Promise<ShadowRoot> {
  const el = canvas.querySelector<CareResults>('care-results')!;
  await waitFor(() => expect(el.shadowRoot!.querySelector('li[part="item"]')).not.toBeNull(), {
    timeout: 10000,
  });
  return el.shadowRoot!;
}

/** Opens the trend of `test` in the first row that has one, and waits for its chart. */
async function openTrend(canvas: HTMLElement, test: string): Promise<void> {
  const root = await loaded(canvas);
  const button = [...root.querySelectorAll<HTMLButtonElement>('.trend-button')].find((b) =>
    b.textContent!.includes(`: ${test}`),
  )!;
  button.click();
  await waitFor(() => expect(root.querySelector('[part="trend"] .trend__table')).not.toBeNull());
}

/**
 * Synthetic UK record: full blood counts, urea and electrolytes (amended, with a critical
 * potassium), HbA1c (preliminary, corrected), a cancelled lipid profile, blood pressure and
 * point-of-care results; a report entered in error, a smoking status and a PHQ-9 are not shown.
 */
export const Loaded: Story = { args: { bundle: resultsBundle() } };

/** Haemoglobin three times: the chart with the reference range as a band, and every value in the table. */
export const TrendOpen: Story = {
  name: 'Trend open',
  args: { bundle: resultsBundle() },
  play: ({ canvasElement }) => openTrend(canvasElement, 'Haemoglobin'),
};

/** Blood pressure over time: systolic and diastolic as two lines. */
export const BloodPressureTrend: Story = {
  args: { bundle: resultsBundle() },
  play: ({ canvasElement }) => openTrend(canvasElement, 'Blood pressure'),
};

/** Potassium 6.8 mmol/L, critical high: said on the result and on the report, in words and with `!!`. */
export const CriticalValue: Story = {
  args: {
    bundle: collection([
      resultsPatient,
      ...resultsBundle()
        .entry!.map((entry) => entry.resource!)
        .filter((r) => r.resourceType !== 'DiagnosticReport' || r.id === 'synthetic-report-ue-2024'),
    ]),
  },
};

/** A preliminary HbA1c report (and its trend, with the preliminary value marked). */
export const PreliminaryReport: Story = {
  args: { bundle: resultsBundle() },
  play: ({ canvasElement }) => openTrend(canvasElement, 'HbA1c (IFCC)'),
};

/** An amended urea and electrolytes report: the status is always shown, beside the name. */
export const AmendedReport: Story = {
  args: {
    bundle: collection(
      resultsBundle()
        .entry!.map((entry) => entry.resource!)
        .filter(
          (r) =>
            r.resourceType !== 'DiagnosticReport' ||
            ['synthetic-report-ue-2024', 'synthetic-report-lipids-2022'].includes(r.id!),
        ),
    ),
  },
};

/** 840 results (120 renal reports, blood pressure and weight) in pages of 50: streamed, virtualised, filterable. */
export const ManyResults: Story = {
  name: '840 results (streamed in pages)',
  args: { source: manyResultsSource(120), patient: manyResultsPatient.id, pageSize: 50 },
};

/** Pages keep arriving: the progress bar shows how far (the second page of each search is held back). */
export const Streaming: Story = {
  args: {
    source: manyResultsSource(120, {
      gate: (request) => (request === 'next 50' ? new Promise<void>(() => undefined) : undefined),
    }),
    patient: manyResultsPatient.id,
    pageSize: 50,
  },
};

/** UK Core: a lab report whose result is the full blood count panel, and a blood pressure. */
export const UkCoreExamples: Story = {
  name: 'UK Core examples',
  args: {
    bundle: collection([ukCore.patientRichardSmith, ...ukCoreResults.labRecord, ukCoreResults.bloodPressure]),
  },
};

/** HL7: the lipid panel without interpretations (Above range / Below range from its ranges). */
export const Hl7Examples: Story = {
  name: 'HL7 R4 examples',
  args: {
    bundle: collection([hl7Results.patientPat2, hl7Results.lipidsReport, ...hl7Results.lipidsObservations]),
  },
};

export const Loading: Story = { args: { source: new PendingSource(), patient: 'any' } };

export const Empty: Story = { args: { bundle: noResultsBundle() } };

export const LoadError: Story = {
  name: 'Error',
  args: { source: new FailingSource(errorForStatus(503, '')), patient: 'any' },
};

/** The Observation search is refused: the reports still show, with a notice of what is missing. */
export const PartlyFailed: Story = {
  args: {
    source: new RecordingSource(resultsBundle(), { failing: { Observation: errorForStatus(400, '') } }),
  },
};

/** S-flagged: the GP practice that took the blood pressure is never requested or named. */
export const Restricted: Story = { args: { bundle: resultsBundle(resultsPatientRestricted) } };

/** A deceased patient: the list says so first. */
export const Deceased: Story = {
  args: { bundle: resultsBundle({ ...resultsPatient, deceasedDateTime: '2024-03-06T10:00:00+00:00' }) },
};

/** Reflows at 320 CSS px: each result's cells stack. */
export const Narrow: Story = {
  args: { bundle: resultsBundle(), width: 320 },
  play: ({ canvasElement }) => openTrend(canvasElement, 'Haemoglobin'),
};
