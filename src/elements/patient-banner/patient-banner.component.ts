import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { AllergyIntolerance, List, Patient } from 'fhir/r4';
import { RecordElement, asRecordError, type RecordScope } from '../../base/record-element.js';
import { baseStyles } from '../../base/styles.js';
import type { Pager } from '../../data/pager.js';
import { allergyQueries } from '../../data/queries.js';
import { isAbortError, RecordError } from '../../data/record-error.js';
import { registeredPractice, type PracticeResult } from '../../data/practice.js';
import { withheldCopy } from '../../model/restricted-record.js';
import { allergyRecord, type AllergyStatus } from '../../model/allergies.js';
import { bannerModel, type BannerModel } from '../../model/banner.js';
import { bannerStyles } from './patient-banner.styles.js';
import { flag, renderZone1, renderZone2, value } from './patient-banner.templates.js';

/** What one load of the banner holds: the Patient and the two sections read alongside it. */
interface BannerData {
  patient: Patient;
  practice: PracticeResult;
  allergyStatus: AllergyStatus;
}

let nextId = 0;

/**
 * The NHS CUI patient banner. Zone 1 always shows, in this order, the patient's name, date of
 * birth (with age), gender and NHS number, plus date of death and age at death for a deceased
 * patient (on a striped background, marked `Deceased` in words). Zone 2, collapsed by default
 * behind one button, shows address, contact details, registered GP practice and allergy status.
 * A restricted (S-flagged) record never shows address, contact details or GP practice.
 *
 * @summary NHS CUI patient banner (zone 1 + collapsible zone 2).
 * @tagname care-patient-banner
 *
 * @fires care-load - The banner is rendered; `detail.count` is 1.
 * @fires care-error - The patient could not be loaded; `detail.error` is a `RecordError`. A failure
 *   to read the GP practice or the allergies does not fire it: that field alone says so.
 * @fires care-select - Not fired by the banner (it has no items to select).
 *
 * @csspart base - The banner region (`section`).
 * @csspart zone1 - Zone 1: name, date of birth, gender, NHS number (and death details).
 * @csspart zone2 - Zone 2: address, contacts, GP practice, allergy status.
 * @csspart name - The patient's name.
 * @csspart nhs-number - The spaced NHS number.
 * @csspart toggle - The button that shows and hides zone 2.
 * @csspart loading - The loading state.
 * @csspart error - The error state.
 * @csspart restricted - The `Restricted record` marker.
 *
 * @cssproperty --care-patient-banner-background - Zone 1 background (default light grey `#f0f4f5`).
 * @cssproperty --care-patient-banner-deceased-background - Zone 1 background of a deceased patient (default `#d8dde0`).
 * @cssproperty --care-patient-banner-deceased-stripe - Colour of the diagonal stripes over a deceased patient's zone 1.
 * @cssproperty --care-patient-banner-color - Banner text colour.
 * @cssproperty --care-patient-banner-border-color - Banner border colour.
 * @cssproperty --care-patient-banner-zone2-background - Zone 2 background (default white).
 * @cssproperty --care-patient-banner-flag-background - Background of the NHS number and allergy flags.
 */
export class CarePatientBanner extends RecordElement<BannerData> {
  static override styles = [baseStyles, bannerStyles];

  /** Shows zone 2 (address, contacts, GP practice, allergies) from the start. Presentational. */
  @property({ type: Boolean, reflect: true }) expanded = false;

  /** What the copy button last did, announced politely. */
  @state() private copyStatus = '';

  readonly #zone2Id = `care-banner-zone2-${(nextId += 1)}`;
  #copyTimer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#copyTimer);
  }

  protected override async loadRecord({
    source,
    patient,
    restricted,
    withholding,
    signal,
    search,
  }: RecordScope): Promise<BannerData> {
    // A restricted record's practice is never requested, and what could locate the patient is
    // not kept by the element (the model leaves it out too).
    const [allergyQuery, listQuery] = allergyQueries();
    const [practice, allergies] = await Promise.all([
      restricted ? ({ status: 'none' } as const) : registeredPractice(source, patient, signal),
      loadAllergyStatus([search(allergyQuery), search(listQuery)], signal),
    ]);
    // A failed lookup affects that field alone; another patient's records are a safety event the host should hear of.
    if (allergies.error?.kind === 'patient-mismatch') this.emit('care-error', { error: allergies.error });
    return {
      patient: withheldCopy(patient, withholding),
      practice,
      allergyStatus: allergies.status,
    };
  }

  protected override countOf(): number {
    return 1;
  }

  protected override patientChanged(): void {
    this.#setCopyStatus('');
  }

  protected override render() {
    return this.renderState(
      { loading: msg('Loading patient details'), error: msg("The patient's details could not be shown") },
      (data) => this.#renderBanner(data),
    );
  }

  #model(data: BannerData): BannerModel {
    const { practice } = data;
    const generalPractice =
      practice.status === 'found'
        ? practice.organisation
        : practice.status === 'failed'
          ? practice.display
          : undefined;
    return bannerModel(data.patient, {
      now: this.now,
      allergyStatus: data.allergyStatus,
      ...(generalPractice ? { generalPractice } : {}),
    });
  }

  #renderBanner(data: BannerData): TemplateResult {
    const model = this.#model(data);
    return html`<section part="base" class="banner" aria-label=${msg(str`Patient: ${model.name}`)}>
      ${renderZone1(model, {
        level: this.headingLevelAt(),
        nhsNumber: this.#renderNhsNumber(model),
        restrictedMarker: this.renderRestrictedMarker(),
      })}
      <button
        part="toggle"
        class="toggle"
        type="button"
        aria-expanded=${this.expanded ? 'true' : 'false'}
        aria-controls=${this.#zone2Id}
        @click=${this.#toggle}
      >
        <span class="chevron" aria-hidden="true"></span>
        <span class="toggle__text">${this.expanded ? msg('Hide details') : msg('Show details')}</span>
      </button>
      <div part="zone2" class="zone2" id=${this.#zone2Id} ?hidden=${!this.expanded}>
        ${renderZone2(model, data.practice.status === 'failed')}
      </div>
    </section>`;
  }

  #renderNhsNumber(model: BannerModel): TemplateResult {
    const nhs = model.nhsNumber;
    if (!nhs.digits) return value(nhs.display, true);
    const flags: TemplateResult[] = [];
    if (!nhs.valid) flags.push(flag(msg('Invalid NHS number')));
    if (nhs.verified === false) {
      flags.push(
        flag(
          msg('Unverified'),
          nhs.verificationDisplay ??
            (nhs.verificationCode ? msg(str`status ${nhs.verificationCode}`) : undefined),
        ),
      );
    }
    return html`<span class="nhs">
      <span part="nhs-number" class="nhs-number" @copy=${this.#onCopy}>${nhs.display}</span>
      ${flags}
      <button class="copy" type="button" @click=${() => this.#copy(nhs.digits)}>
        ${msg('Copy')}<span class="visually-hidden"> ${msg('NHS number')}</span>
      </button>
      <span class="copy-status" role="status">${this.copyStatus}</span>
    </span>`;
  }

  #toggle(): void {
    this.expanded = !this.expanded;
  }

  /** NUM-0003: the digits alone go on the clipboard, with a confirmation for everyone. */
  async #copy(digits: string): Promise<void> {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('No clipboard');
      await navigator.clipboard.writeText(digits);
      this.#setCopyStatus(msg('NHS number copied'));
    } catch {
      this.#selectNumber();
      this.#setCopyStatus(msg('Could not copy. The number is selected: press Ctrl+C to copy it.'));
    }
  }

  /** Copying the spaced number by hand (select + Ctrl+C) also gives the digits alone. */
  #onCopy = (event: ClipboardEvent): void => {
    const root = this.shadowRoot as (ShadowRoot & { getSelection?(): Selection | null }) | null;
    const selection = root?.getSelection?.() ?? document.getSelection();
    const digits = (selection?.toString() ?? '').replace(/\s+/g, '');
    if (!event.clipboardData || !/^\d+$/.test(digits)) return;
    event.clipboardData.setData('text/plain', digits);
    event.preventDefault();
  };

  #selectNumber(): void {
    const number = this.renderRoot.querySelector('.nhs-number');
    const selection = document.getSelection();
    if (!number || !selection) return;
    selection.selectAllChildren(number);
  }

  #setCopyStatus(text: string): void {
    clearTimeout(this.#copyTimer);
    this.copyStatus = text;
    if (text) this.#copyTimer = setTimeout(() => (this.copyStatus = ''), 5000);
  }
}

/**
 * The allergy status from every page of the patient's AllergyIntolerances and allergy List (the
 * model the allergy list uses too); `unavailable` (with the reason) when the allergies cannot be
 * read, or when the server answers with another patient's records. A server that cannot search
 * Lists only loses what an empty List would have said.
 */
async function loadAllergyStatus(
  [allergies, lists]: [Pager<AllergyIntolerance>, Pager<List>],
  signal: AbortSignal,
): Promise<{ status: AllergyStatus; error?: RecordError }> {
  const [read, listRead] = await Promise.allSettled([
    allergies.loadAll({ signal }),
    lists.loadAll({ signal }),
  ]);
  const failure = [read, listRead].find(
    (result): result is PromiseRejectedResult =>
      result.status === 'rejected' &&
      (isAbortError(result.reason) ||
        result === read ||
        asRecordError(result.reason).kind === 'patient-mismatch'),
  );
  if (failure) {
    if (isAbortError(failure.reason)) throw failure.reason;
    return { status: 'unavailable', error: asRecordError(failure.reason) };
  }
  return {
    status: allergyRecord(allergies.resources, listRead.status === 'fulfilled' ? lists.resources : []).status,
  };
}
