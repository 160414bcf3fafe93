import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/elements/encounter-timeline/encounter-timeline.js';
import { ukTimelineBundle } from '../test/fixtures/encounter-timeline/uk-encounters.js';

/**
 * The date range filter every list with date filters uses (today the encounter timeline), in the
 * NHS design system's date input pattern: day, month and year as three labelled numeric text
 * boxes in a fieldset with a legend and the hint "For example, 15 3 2024", never
 * `<input type="date">`. A template and controller (`src/base/date-range.ts`, no tag of its own),
 * shown here where it lives, in `<care-encounter-timeline>`.
 */
const meta: Meta = {
  title: 'Parts/Date range filter',
  render: () => html`<care-encounter-timeline .bundle=${ukTimelineBundle}></care-encounter-timeline>`,
};
export default meta;

type Story = StoryObj;

/** Fills a date's three boxes with `day month year`, then moves the focus out of it, as a user would. */
async function typeDate(canvas: HTMLElement, bound: 'from' | 'to', date: string) {
  const timeline = canvas.querySelector('care-encounter-timeline')!;
  const root = timeline.shadowRoot!;
  await waitFor(() => expect(root.querySelector(`#filter-${bound}-year`)).not.toBeNull());
  const [day, month, year] = date.split(' ');
  for (const [field, value] of Object.entries({ day, month, year })) {
    const box = root.querySelector<HTMLInputElement>(`#filter-${bound}-${field}`)!;
    box.focus();
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(new Event('change', { bubbles: true }));
  }
  root.querySelector<HTMLInputElement>(`#filter-${bound}-year`)!.blur();
  await timeline.updateComplete;
  return root;
}

/** Nothing typed: no date filter. */
export const Empty: Story = {};

/** A from and a to date: only October 2026 is shown. */
export const Range: Story = {
  play: async ({ canvasElement }) => {
    await typeDate(canvasElement, 'from', '1 10 2026');
    const root = await typeDate(canvasElement, 'to', '31 10 2026');
    await expect(root.querySelector('.date-input__error')).toBeNull();
  },
};

/** 31 2 2024 does not exist: the error says so and the day box is marked. */
export const ImpossibleDate: Story = {
  name: 'Impossible date',
  play: async ({ canvasElement }) => {
    const root = await typeDate(canvasElement, 'from', '31 2 2024');
    await expect(root.querySelector('#filter-from-error')?.textContent).toContain(
      'From date must be a real date',
    );
  },
};

/** Only a day typed when the focus left the date: the error names what is missing. */
export const HalfTyped: Story = {
  name: 'Half-typed date',
  play: async ({ canvasElement }) => {
    const root = await typeDate(canvasElement, 'to', '15  ');
    await expect(root.querySelector('#filter-to-error')?.textContent).toContain(
      'To date must include a month and year',
    );
  },
};

/** The from date is after the to date: the to date says so and does not filter. */
export const FromAfterTo: Story = {
  name: 'From date after to date',
  play: async ({ canvasElement }) => {
    await typeDate(canvasElement, 'from', '15 10 2026');
    const root = await typeDate(canvasElement, 'to', '1 10 2026');
    await expect(root.querySelector('#filter-to-error')?.textContent).toContain(
      'To date must be the same as or after the from date, 15-Oct-2026',
    );
  },
};
