import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { CareLoadEvent } from '../../base/events.js';
import { formatCount } from '../../format/quantity.js';
import { CareRecord } from '../record/record.component.js';
import { recordStyles } from '../record/record.styles.js';
import { sharedRecordStyles } from './shared-record.styles.js';

/** One tab: its name in the `section` attribute, its title, and the element that shows it. */
interface Section {
  name: string;
  tag: string;
  title(): string;
  render(level: number): TemplateResult;
  /** Registers the element: its code is fetched when the tab is first opened. */
  load(): Promise<unknown>;
}

/** The sections, in tab order. A new section is one entry here. */
const SECTIONS: readonly Section[] = [
  {
    name: 'allergies',
    tag: 'care-allergy-list',
    title: () => msg('Allergies'),
    render: (level) => html`<care-allergy-list heading-level=${level}></care-allergy-list>`,
    load: () => import('../allergy-list/allergy-list.js'),
  },
  {
    name: 'problems',
    tag: 'care-problem-list',
    title: () => msg('Problems'),
    render: (level) => html`<care-problem-list heading-level=${level}></care-problem-list>`,
    load: () => import('../problem-list/problem-list.js'),
  },
  {
    name: 'medications',
    tag: 'care-medication-list',
    title: () => msg('Medications'),
    render: (level) => html`<care-medication-list heading-level=${level}></care-medication-list>`,
    load: () => import('../medication-list/medication-list.js'),
  },
  {
    name: 'results',
    tag: 'care-results',
    title: () => msg('Results'),
    render: (level) => html`<care-results heading-level=${level}></care-results>`,
    load: () => import('../results/results.js'),
  },
  {
    name: 'documents',
    tag: 'care-document-list',
    title: () => msg('Documents'),
    render: (level) => html`<care-document-list heading-level=${level}></care-document-list>`,
    load: () => import('../document-list/document-list.js'),
  },
  {
    name: 'encounters',
    tag: 'care-encounter-timeline',
    title: () => msg('Encounters'),
    render: (level) => html`<care-encounter-timeline heading-level=${level}></care-encounter-timeline>`,
    load: () => import('../encounter-timeline/encounter-timeline.js'),
  },
  {
    name: 'immunisations',
    tag: 'care-immunisation-list',
    title: () => msg('Immunisations'),
    render: (level) => html`<care-immunisation-list heading-level=${level}></care-immunisation-list>`,
    load: () => import('../immunisation-list/immunisation-list.js'),
  },
];

/**
 * A whole shared care record in one element: the patient banner, a summary (allergies, active
 * problems, current medicines, latest results, last encounters), then every section as a tab with
 * its count. A section loads when it is first opened (its element's code is fetched then) and stays
 * loaded; `section` names the open one, so a host can deep-link it.
 * Takes the record source and patient as `<care-record>` does (`endpoint`, `bundle-src`,
 * `patient`, `nhs-number`, `.bundle`, `.source`, `.accessToken` …), reads the Patient once for all.
 *
 * Keyboard: the tabs are one tab stop; ArrowLeft / ArrowRight, Home / End move and open a tab.
 *
 * @summary The whole record: banner, summary, and the sections as tabs.
 * @tagname care-shared-record
 * @slot break-glass - The host's own override flow, shown when the server refuses access for want of a
 *   legitimate relationship or consent.
 *
 * @fires care-access - The patient's record was first shown (banner, summary and the open section),
 *   and again for each section when first opened: `detail` = patient, sections, time.
 * @fires care-load - From each element inside, as it loads.
 * @fires care-select - From each element inside.
 * @fires care-error - The patient could not be loaded (once), or a section failed.
 *
 * @csspart tabs - The tab list.
 * @csspart tab - One tab.
 * @csspart panel - The open section's panel.
 * @csspart loading - A section whose code is still being fetched.
 * @csspart error - A section whose code did not arrive (with Try again).
 */
export class CareSharedRecord extends CareRecord {
  static override styles = [...recordStyles, sharedRecordStyles];

  /**
   * The open section (`allergies`, `problems`, `medications`, `results`, `documents`, `encounters`,
   * `immunisations`); reflects the user's choice.
   */
  @property({ reflect: true }) section = 'allergies';

  /** Level (1-6) of the record's headings; the sections' own headings are one deeper. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Sections opened so far (each loads when first opened, then stays). */
  @state() private opened = new Set<string>();
  /** Each section's count, once it has loaded. */
  @state() private counts = new Map<string, number>();
  /** Sections whose code could not be fetched: each says so, with Try again. */
  @state() private notFetched = new Set<string>();

  get #current(): Section {
    return SECTIONS.find((section) => section.name === this.section) ?? SECTIONS[0];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (
      changed.has('patient') ||
      changed.has('nhsNumber') ||
      changed.has('source') ||
      changed.has('bundle')
    ) {
      this.counts = new Map();
    }
    const current = this.#current.name;
    if (!this.opened.has(current)) {
      const first = this.opened.size === 0;
      this.opened = new Set([...this.opened, current]);
      this.#fetch(this.#current);
      if (!first) this.announceAccess([this.#current.tag]);
    }
  }

  /** Fetches a section's code, once it is opened; the element upgrades in place when it comes. */
  #fetch(section: Section): void {
    if (customElements.get(section.tag)) return;
    this.notFetched = new Set([...this.notFetched].filter((name) => name !== section.name));
    this.fetchSection(section.load).then(
      () => this.requestUpdate(),
      () => (this.notFetched = new Set(this.notFetched).add(section.name)),
    );
  }

  /** Fetches a section element's code (`load` imports its module): the one place a tab asks for it. */
  protected fetchSection(load: () => Promise<unknown>): Promise<unknown> {
    return load();
  }

  /** Until a section's element is defined: that it is coming, or that its code did not arrive. */
  #renderFetching(section: Section): TemplateResult | typeof nothing {
    if (customElements.get(section.tag)) return nothing;
    if (!this.notFetched.has(section.name)) {
      return html`<div class="state" part="loading" role="status">
        <p>${msg(str`Loading the ${section.title()} section…`)}</p>
      </div>`;
    }
    return html`<div class="state state--error" part="error" role="alert">
      <p class="state__title">${msg(str`The ${section.title()} section could not be loaded`)}</p>
      <p>
        ${msg(
          'Its code did not arrive from the web server. Check your connection and try again; if it still fails, reload the page.',
        )}
      </p>
      <button class="care-button" type="button" @click=${() => this.#fetch(section)}>
        ${msg('Try again')}
      </button>
    </div>`;
  }

  protected override sectionsShown(): string[] {
    return ['care-patient-banner', 'care-record-summary', this.#current.tag];
  }

  #open(section: Section, focus = false): void {
    this.section = section.name;
    if (focus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#tab-${section.name}`)?.focus(),
      );
  }

  #onKeydown(event: KeyboardEvent): void {
    const index = SECTIONS.indexOf(this.#current);
    const last = SECTIONS.length - 1;
    const to = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.#open(SECTIONS[to], true);
  }

  #onLoad(name: string, event: CareLoadEvent): void {
    this.counts = new Map(this.counts).set(name, event.detail.count);
  }

  protected override renderRecord(): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 2));
    const current = this.#current;
    return html`<div class="print-layout">
      <div class="print-layout__head"><care-patient-banner heading-level=${level}></care-patient-banner></div>
      <div class="print-layout__body">
        <care-record-summary heading-level=${level}></care-record-summary>
        <div
          class="tabs__list"
          part="tabs"
          role="tablist"
          aria-label=${msg('Sections of the record')}
          @keydown=${this.#onKeydown}
        >
          ${SECTIONS.map((section) => {
            const count = this.counts.get(section.name);
            const selected = section === current;
            return html`<button
              id="tab-${section.name}"
              class="tabs__tab"
              part="tab"
              role="tab"
              type="button"
              aria-selected=${selected ? 'true' : 'false'}
              aria-controls="panel-${section.name}"
              tabindex=${selected ? 0 : -1}
              @click=${() => this.#open(section)}
            >
              ${count === undefined ? section.title() : msg(str`${section.title()} (${formatCount(count)})`)}
            </button>`;
          })}
        </div>
        ${SECTIONS.filter((section) => this.opened.has(section.name)).map(
          (section) =>
            html`<div
              id="panel-${section.name}"
              class="tabs__panel"
              part=${section === current ? 'panel' : ''}
              role="tabpanel"
              aria-labelledby="tab-${section.name}"
              ?hidden=${section !== current}
              @care-load=${(event: CareLoadEvent) => this.#onLoad(section.name, event)}
            >
              ${this.#renderFetching(section)} ${section.render(level + 1)}
            </div>`,
        )}
      </div>
    </div>`;
  }
}
