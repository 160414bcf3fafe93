import { css, html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import {
  EMPTY_DATE_INPUT,
  parseDateInput,
  type DateField,
  type DateInputParts,
  type DateInputResult,
} from '../format/date-input.js';
import { formatDate } from '../format/dates.js';

/** The dates a range filter lets through, `YYYY-MM-DD`; empty for no bound. */
export interface DateRange {
  from: string;
  to: string;
}

type Bound = keyof DateRange;

interface BoundState {
  parts: DateInputParts;
  /** What is wrong, in words, and the boxes it concerns. */
  error?: { message: string; fields: DateField[] };
}

export interface DateRangeOptions {
  /** Prefix of the ids in the host's shadow root (`<prefix>-from-day`, …). */
  idPrefix: string;
  /** The range the dates now say, whenever it changes; a bound with an error is left out. */
  change(range: DateRange): void;
}

const NO_RANGE: DateRange = { from: '', to: '' };

/**
 * A from and to date filter in the NHS design system's date input pattern: for each date, a
 * fieldset with a legend, the hint "For example, 15 3 2024" and three labelled text boxes (day,
 * month, year; `inputmode="numeric"`), never `<input type="date">`, which shows `mm/dd/yyyy` in
 * US-English browsers. A date is read when all three boxes are filled or emptied, and when the
 * focus leaves the fieldset (then a half-typed date is an error). An impossible date (31 2 2024)
 * or a from date after the to date is an error said in words, linked to the fieldset and marking
 * the boxes concerned (`aria-invalid`); that bound does not filter until it is put right.
 *
 * A template and a controller, not an element: it lives in the shadow root of the list that
 * uses it (its labels, hint and error ids in the same tree as the inputs), registers no tag and
 * adds no custom element to a portal's page. The host adds `dateRangeStyles` to its styles.
 */
export class DateRangeInput implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #options: DateRangeOptions;
  #bounds: Record<Bound, BoundState> = { from: { parts: EMPTY_DATE_INPUT }, to: { parts: EMPTY_DATE_INPUT } };
  #applied: DateRange = NO_RANGE;

  constructor(host: ReactiveElement, options: DateRangeOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostUpdate(): void {}

  /** Empties both dates (a new patient, Clear filters); the host resets its own filter. */
  reset(): void {
    this.#bounds = { from: { parts: EMPTY_DATE_INPUT }, to: { parts: EMPTY_DATE_INPUT } };
    this.#applied = NO_RANGE;
    this.#host.requestUpdate();
  }

  /** Reads both dates; `complete` also reports a half-typed date (the focus left its fieldset). */
  #read(bound: Bound, complete: boolean): void {
    const results = {
      from: parseDateInput(this.#bounds.from.parts),
      to: parseDateInput(this.#bounds.to.parts),
    };
    // A half-typed date stays quiet while the user is still in its boxes.
    if (!complete && results[bound].kind === 'incomplete') return;
    for (const which of ['from', 'to'] as const) {
      if (which === bound || this.#bounds[which].error)
        this.#bounds[which].error = errorOf(which, results[which]);
    }
    const from = results.from.kind === 'date' ? results.from.value : '';
    let to = results.to.kind === 'date' ? results.to.value : '';
    if (from && to && from > to) {
      this.#bounds.to.error = {
        message: msg(str`To date must be the same as or after the from date, ${formatDate(from)}`),
        fields: ['day', 'month', 'year'],
      };
      to = '';
    }
    const range = { from: this.#bounds.from.error ? '' : from, to: this.#bounds.to.error ? '' : to };
    this.#host.requestUpdate();
    if (range.from === this.#applied.from && range.to === this.#applied.to) return;
    this.#applied = range;
    this.#options.change(range);
  }

  render(): TemplateResult {
    return html`${this.#renderBound('from', msg('From date'))}${this.#renderBound('to', msg('To date'))}`;
  }

  #renderBound(bound: Bound, legend: string): TemplateResult {
    const id = `${this.#options.idPrefix}-${bound}`;
    const { parts, error } = this.#bounds[bound];
    const labels: Record<DateField, string> = { day: msg('Day'), month: msg('Month'), year: msg('Year') };
    const onInput = (field: DateField) => (event: Event) => {
      const state = this.#bounds[bound];
      state.parts = { ...state.parts, [field]: (event.target as HTMLInputElement).value };
    };
    const onFocusOut = (event: FocusEvent) => {
      const into = event.relatedTarget as Node | null;
      if (!into || !(event.currentTarget as Node).contains(into)) this.#read(bound, true);
    };
    return html`<fieldset
      class="date-input ${error ? 'date-input--error' : ''}"
      aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"
      @change=${() => this.#read(bound, false)}
      @focusout=${onFocusOut}
    >
      <legend class="date-input__legend">${legend}</legend>
      <p class="date-input__hint" id="${id}-hint">${msg('For example, 15 3 2024')}</p>
      ${
        error
          ? html`<p class="date-input__error" id="${id}-error">
              <span class="visually-hidden">${msg('Error:')}</span> ${error.message}
            </p>`
          : nothing
      }
      <div class="date-input__boxes">
        ${(['day', 'month', 'year'] as const).map(
          (field) =>
            html`<div class="date-input__item date-input__item--${field}">
              <label for="${id}-${field}">${labels[field]}</label>
              <input
                id="${id}-${field}"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                .value=${live(parts[field])}
                aria-invalid=${error?.fields.includes(field) ? 'true' : nothing}
                @input=${onInput(field)}
              />
            </div>`,
        )}
      </div>
    </fieldset>`;
  }
}

/** The error for one date, in the words the NHS design system uses, or none. */
function errorOf(bound: Bound, result: DateInputResult): BoundState['error'] {
  if (result.kind === 'date' || result.kind === 'empty') return undefined;
  const name = bound === 'from' ? msg('From date') : msg('To date');
  const { fields } = result;
  if (result.kind === 'year-digits')
    return { message: msg(str`${name} must include a year of 4 numbers`), fields };
  if (result.kind === 'not-real') return { message: msg(str`${name} must be a real date`), fields };
  const missing = fields.map((field) => ({ day: msg('day'), month: msg('month'), year: msg('year') })[field]);
  const list = missing.length === 1 ? missing[0] : msg(str`${missing[0]} and ${missing[1]}`);
  return { message: msg(str`${name} must include a ${list}`), fields };
}

/** The date inputs' look: NHS.UK text inputs sized to what they hold, the error in red with a bar. */
export const dateRangeStyles = css`
  .date-input {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .date-input--error {
    padding-inline-start: calc(var(--_space) * 1.5);
    border-inline-start: 4px solid var(--_error);
  }
  .date-input__legend {
    padding: 0;
    font-weight: 600;
  }
  .date-input__hint {
    margin: 0 0 calc(var(--_space) / 2);
    color: var(--_text-secondary);
  }
  .date-input__error {
    margin: 0 0 calc(var(--_space) / 2);
    color: var(--_error);
    font-weight: 600;
  }
  .date-input__boxes {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 1.5);
  }
  .date-input__item {
    display: grid;
    gap: calc(var(--_space) / 4);
  }
  .date-input__item input {
    font: inherit;
    min-height: 40px;
    width: calc(2ch + var(--_space) + 4px + 0.5em);
    padding: calc(var(--_space) / 2);
    border: 2px solid var(--_text);
    border-radius: 0;
    background: var(--_surface);
    color: var(--_text);
  }
  .date-input__item--year input {
    width: calc(4ch + var(--_space) + 4px + 0.5em);
  }
  .date-input__item input[aria-invalid='true'] {
    border-color: var(--_error);
  }
  .date-input__item input:focus-visible {
    background: var(--_surface);
    box-shadow: inset 0 0 0 2px var(--_text);
    outline: 3px solid var(--_focus);
    outline-offset: 0;
  }
  @media (forced-colors: active) {
    .date-input--error,
    .date-input__item input[aria-invalid='true'] {
      border-color: CanvasText;
    }
  }
`;
