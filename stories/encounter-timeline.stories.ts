import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Bundle } from 'fhir/r4';
import '../src/elements/encounter-timeline/encounter-timeline.js';
import { errorForStatus } from '../src/data/fhir-http.js';
import { RecordError } from '../src/data/record-error.js';
import type { RecordSource } from '../src/data/record-source.js';
import { fiveThousandSource, generateEncounters } from '../test/fixtures/encounter-timeline/paged-source.js';
import { hl7r4 } from '../test/fixtures/hl7-r4/index.js';
import { PagedSource } from '../test/fixtures/sources.js';
import { ukCore } from '../test/fixtures/uk-core/index.js';
import {
  deceasedTimelineBundle,
  emptyTimelineBundle,
  malformedTimelineBundle,
  recordBundle,
  restrictedTimelineBundle,
  timelinePatient,
  ukEncounters,
  ukTimelineBundle,
} from '../test/fixtures/encounter-timeline/uk-encounters.js';

interface TimelineArgs {
  headingLevel: number;
  pageSize: number;
  /** Width of the container the timeline sits in (px); 0 for the full width. */
  width: number;
  bundle?: Bundle;
  source?: RecordSource;
}

const meta: Meta<TimelineArgs> = {
  title: 'Elements/Encounter timeline',
  component: 'care-encounter-timeline',
  tags: ['autodocs'],
  args: { headingLevel: 2, pageSize: 50, width: 0 },
  argTypes: {
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    pageSize: { control: { type: 'number', min: 1, max: 5000 } },
    width: { control: { type: 'range', min: 0, max: 1200, step: 20 } },
    bundle: { table: { disable: true } },
    source: { table: { disable: true } },
  },
  render: (args) =>
    html`<div style=${args.width ? `max-width: ${args.width}px` : ''}>
      <care-encounter-timeline
        .bundle=${args.bundle}
        .source=${args.source}
        heading-level=${args.headingLevel}
        page-size=${args.pageSize}
      ></care-encounter-timeline>
    </div>`,
};
export default meta;

type Story = StoryObj<TimelineArgs>;

/**
 * Synthetic UK record: GP, A&E, an inpatient spell with admission and discharge method,
 * outpatients, community, mental health and social care; planned, in progress, finished and cancelled.
 */
export const Loaded: Story = {
  args: { bundle: ukTimelineBundle },
  parameters: { cui: ['D+Ta-0002..0004', 'D+Ta-0006/0007/0009/0018', 'D+Tb-0001/0002/0008'] },
};

/** The UK Core example inpatient encounter of Richard Smith, with its trust, ward and consultant. */
export const RichardSmith: Story = {
  name: 'UK Core Richard Smith',
  args: {
    bundle: recordBundle(ukCore.patientRichardSmith, [
      ukCore.encounterInpatient,
      ukCore.organisationLeeds,
      ukCore.locationCardiology,
      ukCore.practitionerGose,
    ]),
  },
};

/** HL7 R4 examples: an encounter with no period, an Australian time zone, a contained home location. */
export const Hl7Examples: Story = {
  name: 'HL7 R4 examples',
  args: {
    bundle: recordBundle(hl7r4.patientExample, [
      hl7r4.encounterExample,
      hl7r4.encounterEmerg,
      hl7r4.encounterHome,
    ]),
  },
};

/** The first page never arrives. */
export const Loading: Story = {
  args: {
    source: new PagedSource(
      { patient: timelinePatient, resources: ukEncounters() },
      {
        gate: (request) => (request.startsWith('search Encounter') ? new Promise<void>(() => {}) : undefined),
      },
    ),
  },
};

export const Empty: Story = { args: { bundle: emptyTimelineBundle } };

/** The server refuses: the RecordError's message with Try again. */
export const ErrorState: Story = {
  name: 'Error',
  args: {
    source: new PagedSource(
      { patient: timelinePatient, resources: ukEncounters() },
      {
        gate: (request) => {
          if (request.startsWith('search Encounter')) {
            throw errorForStatus(403, '');
          }
        },
      },
    ),
  },
};

/** S-flagged record: the `Restricted record` marker, and no location at all (not even in the DOM). */
export const Restricted: Story = { args: { bundle: restrictedTimelineBundle } };

/** A deceased patient: every encounter is still shown. */
export const Deceased: Story = { args: { bundle: deceasedTimelineBundle } };

/** No period, no class, an unknown class code and wrong JSON types: each shows what it can. */
export const Malformed: Story = { args: { bundle: malformedTimelineBundle } };

/** 5,000 encounters on the server, 50 a page: the first page at once, the rest streaming in with progress. */
export const FiveThousandPaged: Story = {
  name: '5,000 encounters (streamed in pages)',
  args: { source: fiveThousandSource() },
};

/** 5,000 encounters loaded at once: only the rows in view are in the DOM. */
export const FiveThousandLoaded: Story = {
  name: '5,000 encounters (all loaded, virtualised)',
  args: { source: fiveThousandSource(), pageSize: 5000 },
};

/** The second page fails: the first page stays, a notice says how far it got, and Try again asks for that page. */
export const LaterPageError: Story = {
  args: {
    source: new PagedSource(
      { patient: timelinePatient, resources: generateEncounters(120) },
      {
        gate: (request) => {
          if (request.startsWith('next')) throw new RecordError('timeout', 'timeout', { timeout: 30_000 });
        },
      },
    ),
  },
};

/** Reflow at 320 CSS px: filters stack, details go under their labels. */
export const Narrow: Story = { args: { bundle: ukTimelineBundle, width: 320 } };
