import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Bundle } from 'fhir/r4';
import '../src/elements/immunisation-list/immunisation-list.js';
import { errorForStatus } from '../src/data/fhir-http.js';
import type { RecordSource } from '../src/data/record-source.js';
import {
  hl7ImmunisationBundle,
  lawrenceHammesImmunisationBundle,
  richardSmithImmunisationBundle,
} from '../test/fixtures/immunisation-list/public-examples.js';
import {
  IMMUNISATION_NOW,
  childhoodBundle,
  deceasedImmunisationBundle,
  emptyImmunisationBundle,
  generateImmunisations,
  immunisationChildRestricted,
  malformedImmunisationBundle,
  manyImmunisationsPatient,
  northfieldCommunity,
} from '../test/fixtures/immunisation-list/synthetic-uk.js';
import { richardSmithRestricted } from '../test/fixtures/medication-list/uk-core-richard-smith.js';
import {
  FailingSource,
  PagedSource,
  PendingSource,
  type PagedSourceOptions,
} from '../test/fixtures/sources.js';

interface ImmunisationListArgs {
  headingLevel: number;
  /** Width of the container the list sits in (px); 0 for the full width. */
  width: number;
  /** Patient id, for sources that hold several patients. */
  patient?: string;
  bundle?: Bundle;
  source?: RecordSource;
}

/** A patient with `count` immunisations, answered in pages of 100 like a FHIR server. */
const manySource = (count: number, options: PagedSourceOptions = {}) =>
  new PagedSource(
    { patient: manyImmunisationsPatient, resources: generateImmunisations(count) },
    { others: [northfieldCommunity], ...options },
  );
const never = () => new Promise<void>(() => undefined);

const meta: Meta<ImmunisationListArgs> = {
  title: 'Elements/Immunisation list',
  component: 'care-immunisation-list',
  tags: ['autodocs'],
  args: { headingLevel: 2, width: 0 },
  argTypes: {
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    width: { control: { type: 'range', min: 0, max: 1200, step: 20 } },
    patient: { table: { disable: true } },
    bundle: { table: { disable: true } },
    source: { table: { disable: true } },
  },
  render: (args) =>
    html`<div style=${args.width ? `max-width: ${args.width}px` : ''}>
      <care-immunisation-list
        .bundle=${args.bundle}
        .source=${args.source}
        .now=${IMMUNISATION_NOW}
        patient=${args.patient ?? ''}
        heading-level=${args.headingLevel}
      ></care-immunisation-list>
    </div>`,
};
export default meta;

type Story = StoryObj<ImmunisationListArgs>;

/**
 * The UK routine childhood schedule, dated from birth: the doses of each vaccine together under it
 * (6-in-1 at 8, 12 and 16 weeks…), a nasal flu vaccine not given (with the reason) and the
 * injected one given instead, a BCG reported from the red book; one MMR entered in error (hidden).
 */
export const ChildhoodSchedule: Story = { args: { bundle: childhoodBundle() } };

/** S-flagged: the GP practice, its treatment room and nurse are withheld; the school nursing trust stays. */
export const Restricted: Story = { args: { bundle: childhoodBundle(immunisationChildRestricted) } };

/** A deceased patient: said first, then the immunisations. */
export const Deceased: Story = { args: { bundle: deceasedImmunisationBundle() } };

/** The UK Core examples: an influenza vaccine at the practice nurse clinic, nine records of one COVID-19 vaccine. */
export const RichardSmith: Story = { args: { bundle: richardSmithImmunisationBundle() } };

/** The same record S-flagged: the nurse clinic (a location) stands as withheld. */
export const RestrictedRichardSmith: Story = {
  args: { bundle: richardSmithImmunisationBundle(richardSmithRestricted) },
};

/** HL7 R4 examples: given, not given (medical precaution), historical (reported, date in words), two protocols, subpotent. */
export const Hl7Examples: Story = { name: 'HL7 R4 examples', args: { bundle: hl7ImmunisationBundle() } };

/** Synthea (a transaction Bundle): 58 influenza vaccines in one group, Td, COVID-19, pneumococcal. */
export const SyntheaPatient: Story = { args: { bundle: lawrenceHammesImmunisationBundle() } };

export const Loading: Story = { args: { source: new PendingSource() } };

/** Pages keep arriving: the progress bar shows 200 of 450 (the third page is held back). */
export const LoadingWithProgress: Story = {
  args: {
    source: manySource(450, { gate: (request) => (request === 'next 200' ? never() : undefined) }),
    patient: manyImmunisationsPatient.id,
  },
};

/** 450 immunisations of six vaccines over five pages: a long list renders only the rows in view. */
export const FourHundredFiftyImmunisations: Story = {
  args: { source: manySource(450), patient: manyImmunisationsPatient.id },
};

export const Empty: Story = { args: { bundle: emptyImmunisationBundle() } };

export const LoadError: Story = {
  name: 'Error',
  args: { source: new FailingSource(errorForStatus(503, '')), patient: 'any' },
};

/** The second page fails: the first hundred stay, with a notice and Try again. */
export const PartlyFailed: Story = {
  args: {
    source: manySource(250, {
      gate: (request) => {
        if (request === 'next 100') throw errorForStatus(503, '');
      },
    }),
    patient: manyImmunisationsPatient.id,
  },
};

/** No vaccine, no date, wrong JSON types, dangling references: each row shows what it can. */
export const Malformed: Story = { args: { bundle: malformedImmunisationBundle() } };

/** Reflows at 320 CSS px: details stack, doses no longer indented. */
export const Narrow: Story = { args: { bundle: childhoodBundle(), width: 320 } };
