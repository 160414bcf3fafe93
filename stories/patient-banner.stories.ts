import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Bundle } from 'fhir/r4';
import '../src/elements/patient-banner/patient-banner.js';
import { errorForStatus } from '../src/data/fhir-http.js';
import type { RecordSource } from '../src/data/record-source.js';
import { richardSmithBundle } from '../test/fixtures/patient-banner/richard-smith.js';
import {
  BANNER_NOW,
  allergiesNotRecordedBundle,
  bannerBundle,
  birthYearOnly,
  child,
  deceasedFormal,
  deceasedInformal,
  invalidNhsNumber,
  longName,
  neonate,
  noKnownAllergiesBundle,
  noNames,
  partialBirthDate,
  restrictedBundle,
  typicalAdultBundle,
  unverifiedNhsNumber,
} from '../test/fixtures/patient-banner/synthetic.js';
import {
  FailingSource,
  PendingSource,
  RecordingSource,
  serverError,
  serviceUnavailable,
} from '../test/fixtures/sources.js';

interface BannerArgs {
  expanded: boolean;
  headingLevel: number;
  /** Width of the container the banner sits in (px); 0 for the full width. */
  width: number;
  bundle?: Bundle;
  source?: RecordSource;
}

const meta: Meta<BannerArgs> = {
  title: 'Elements/Patient banner',
  component: 'care-patient-banner',
  tags: ['autodocs'],
  args: { expanded: false, headingLevel: 2, width: 0 },
  argTypes: {
    expanded: { control: 'boolean' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    width: { control: { type: 'range', min: 0, max: 1200, step: 20 } },
    bundle: { table: { disable: true } },
    source: { table: { disable: true } },
  },
  render: (args) =>
    html`<div style=${args.width ? `max-width: ${args.width}px` : ''}>
      <care-patient-banner
        .bundle=${args.bundle}
        .source=${args.source}
        .now=${BANNER_NOW}
        ?expanded=${args.expanded}
        heading-level=${args.headingLevel}
      ></care-patient-banner>
    </div>`,
};
export default meta;

type Story = StoryObj<BannerArgs>;

/** The UK Core example patient, his practice and his allergy records (ages counted to 15-Jun-2025). */
export const RichardSmith: Story = {
  args: { bundle: richardSmithBundle },
  parameters: { cui: ['PAB-0004', 'PAB-0016', 'PAB-0034', 'PAB-0076', 'NUM-0001..0003', 'D+Ta-0006'] },
};

/** Zone 2 open: address, contacts in CUI order, GP practice, allergies; a preferred name below the name. */
export const Expanded: Story = {
  args: { bundle: typicalAdultBundle, expanded: true },
  parameters: {
    cui: [
      'PAB-0020',
      'PAB-0026',
      'PAB-0029/0030',
      'PAB-0033/0035/0036/0037',
      'PAB-0042',
      'PAB-0046',
      'PAB-0049..0054',
      'PAB-0075',
    ],
  },
};

export const Loading: Story = { args: { source: new PendingSource() } };

export const LoadError: Story = {
  name: 'Error',
  args: {
    source: new FailingSource(errorForStatus(404, '')),
  },
};

/** S-flagged: address, telecom and GP are in the data and never shown. */
export const Restricted: Story = { args: { bundle: restrictedBundle, expanded: true } };

export const DeceasedFormal: Story = {
  args: { bundle: bannerBundle(deceasedFormal), expanded: true },
  parameters: { cui: ['PAB-0024', 'PAB-0038/0039', 'PAB-0055', 'PAB-0057..0060'] },
};

export const DeceasedInformal: Story = {
  args: { bundle: bannerBundle(deceasedInformal) },
  parameters: { cui: ['PAB-0055'] },
};

export const InvalidNhsNumber: Story = { args: { bundle: bannerBundle(invalidNhsNumber) } };

export const UnverifiedNhsNumber: Story = { args: { bundle: bannerBundle(unverifiedNhsNumber) } };

/** Born yesterday: age in hours; NHS number awaiting trace (08). */
export const Neonate: Story = { args: { bundle: bannerBundle(neonate) }, parameters: { cui: ['PAB-0034'] } };

export const Child: Story = { args: { bundle: bannerBundle(child) }, parameters: { cui: ['PAB-0034'] } };

export const PartialBirthDate: Story = { args: { bundle: bannerBundle(partialBirthDate) } };

export const BirthYearOnly: Story = { args: { bundle: bannerBundle(birthYearOnly) } };

/** Nothing known: every value says `Not known`. */
export const NoNames: Story = {
  args: { bundle: bannerBundle(noNames), expanded: true },
  parameters: { cui: ['PAB-0019'] },
};

/** Wraps, never truncates, at 320 px. */
export const LongNameNarrow: Story = {
  args: { bundle: bannerBundle(longName), width: 320, expanded: true },
  parameters: { cui: ['NID-0005'] },
};

export const NoKnownAllergies: Story = { args: { bundle: noKnownAllergiesBundle, expanded: true } };

export const AllergiesNotRecorded: Story = { args: { bundle: allergiesNotRecordedBundle, expanded: true } };

/** The allergy search and the GP lookup fail: those fields say so, the banner stays. */
export const SectionsFailing: Story = {
  args: {
    source: new RecordingSource(typicalAdultBundle, {
      failing: { AllergyIntolerance: serverError() },
      failResolve: serviceUnavailable(),
    }),
    expanded: true,
  },
};
