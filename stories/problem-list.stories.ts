import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Bundle } from 'fhir/r4';
import '../src/elements/problem-list/problem-list.js';
import { errorForStatus } from '../src/data/fhir-http.js';
import type { RecordSource } from '../src/data/record-source.js';
import {
  PROBLEMS_NOW,
  emptyProblemBundle,
  kidneyInjury,
  malformedProblemBundle,
  pastOnlyProblemBundle,
  problemBundle,
  problemPatient,
  problemPatientRestricted,
} from '../test/fixtures/problem-list/synthetic-uk.js';
import { manyProblemsPatient, manyProblemsSource } from '../test/fixtures/problem-list/paged-source.js';
import { collection } from '../test/fixtures/collection.js';
import { hl7r4 } from '../test/fixtures/hl7-r4/index.js';
import { ukCore } from '../test/fixtures/uk-core/index.js';
import { FailingSource, PendingSource } from '../test/fixtures/sources.js';
import fletcherHyatt from '../test/fixtures/bundles/synthea-fletcher-hyatt-conditions.json' with { type: 'json' };

interface ProblemListArgs {
  view: 'active' | 'past';
  headingLevel: number;
  /** Width of the container the list sits in (px); 0 for the full width. */
  width: number;
  /** Patient id, for sources that hold several patients. */
  patient?: string;
  bundle?: Bundle;
  source?: RecordSource;
}

const meta: Meta<ProblemListArgs> = {
  title: 'Elements/Problem list',
  component: 'care-problem-list',
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
      <care-problem-list
        .bundle=${args.bundle}
        .source=${args.source}
        .now=${PROBLEMS_NOW}
        patient=${args.patient ?? ''}
        view=${args.view}
        heading-level=${args.headingLevel}
      ></care-problem-list>
    </div>`,
};
export default meta;

type Story = StoryObj<ProblemListArgs>;

/**
 * Synthetic UK record: major problems first (diabetes under the UK Core significance extension,
 * hypertension under GP Connect's), a recurrence, a provisional problem, an unconfirmed encounter
 * diagnosis from an admission and a health concern; partial onsets kept (`Jun-2015`, `2012`,
 * `Childhood`). A refuted and an entered-in-error condition are not shown. 11 rows: the filter box.
 */
export const Active: Story = { args: { bundle: problemBundle() } };

/** Inactive, in remission and resolved: a wrist fracture (major, `1998` to `Oct-1998`), depression in remission, a differential. */
export const Past: Story = { args: { bundle: problemBundle(), view: 'past' } };

/** A deceased patient: said first. */
export const Deceased: Story = {
  args: { bundle: problemBundle({ ...problemPatient, deceasedDateTime: '2024-05-02' }) },
};

/** The UK Core example patient: two encounter diagnoses, no problem-list item (and the list says so). */
export const RichardSmith: Story = {
  args: {
    bundle: collection([
      ukCore.patientRichardSmith,
      ukCore.conditionBleedingFromEar,
      ukCore.conditionHipReplacement,
    ]),
  },
};

/** HL7 R4 examples (Roel): a problem from an inpatient stay, onset and end as ages, an end in words, differentials. */
export const Hl7Examples: Story = {
  name: 'HL7 R4 examples',
  args: {
    bundle: collection([
      hl7r4.patientF201,
      hl7r4.conditionF201,
      hl7r4.conditionF202,
      hl7r4.conditionF203,
      hl7r4.conditionF204,
      hl7r4.conditionF205,
      hl7r4.encounterF201,
      hl7r4.encounterF203,
      hl7r4.organizationF201,
      hl7r4.organization2,
    ]),
  },
};

/** Synthea (Fletcher Hyatt, died 1996): conditions with no category, under Other; the provider of each encounter named. */
export const Synthea: Story = { args: { bundle: fletcherHyatt as unknown as Bundle } };

export const Loading: Story = { args: { source: new PendingSource(), patient: 'any' } };

/** Pages keep arriving: the progress bar shows 200 of 600 (the third page is held back). */
export const LoadingWithProgress: Story = {
  args: {
    source: manyProblemsSource(600, {
      gate: (request) => (request === 'next 200' ? new Promise<void>(() => undefined) : undefined),
    }),
    patient: manyProblemsPatient.id,
  },
};

/** 600 conditions: 300 active encounter diagnoses, rendered only where in view. */
export const SixHundredConditions: Story = {
  args: { source: manyProblemsSource(600), patient: manyProblemsPatient.id },
};

export const Empty: Story = { args: { bundle: emptyProblemBundle() } };

/** Nothing active: the Active view says so and the Past count shows where the conditions are. */
export const PastOnly: Story = { args: { bundle: pastOnlyProblemBundle() } };

/** An encounter diagnosis but no problem-list item: the problem list says it is empty. */
export const NoProblemListItems: Story = { args: { bundle: problemBundle(problemPatient, [kidneyInjury]) } };

export const LoadError: Story = {
  name: 'Error',
  args: { source: new FailingSource(errorForStatus(503, '')), patient: 'any' },
};

/** The second page fails: the first stays, with a notice of what is missing and Try again. */
export const PartlyFailed: Story = {
  args: {
    source: manyProblemsSource(300, {
      gate: (request) => {
        if (request === 'next 100') throw errorForStatus(500, '');
      },
    }),
    patient: manyProblemsPatient.id,
  },
};

/** S-flagged: the problems are shown; the GP practice that recorded them is named by its kind only. */
export const Restricted: Story = { args: { bundle: problemBundle(problemPatientRestricted) } };

/** Missing names, wrong JSON types, a dangling encounter, GP Connect STU3 shapes: each row shows what it can. */
export const Malformed: Story = { args: { bundle: malformedProblemBundle() } };

/** Reflows at 320 CSS px: toolbar and details stack. */
export const Narrow: Story = { args: { bundle: problemBundle(), width: 320 } };
