import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { AllergyIntolerance, Organization, Patient, PractitionerRole, Reference } from 'fhir/r4';
import { RecordElement, asRecordError, type RecordScope } from '../../base/record-element.js';
import { baseStyles } from '../../base/styles.js';
import type { Pager } from '../../data/pager.js';
import { allergyQuery } from '../../data/queries.js';
import { isAbortError, RecordError } from '../../data/record-error.js';
import type { RecordSource } from '../../data/record-source.js';
import { withheldCopy } from '../../model/restricted-record.js';
import { allergyStatusFrom, bannerModel, type AllergyStatus, type BannerModel } from '../../model/banner.js';
import { bannerStyles } from './patient-banner.styles.js';

/** The registered GP practice as far as it could be found. */
type PracticeResult =
  | { status: 'none' }
  | { status: 'found'; organisation: Organization }
  /** The reference could not be followed (a failed request); its own `display` may still speak. */
  | { status: 'failed'; display?: string };

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
    const [practice, allergies] = await Promise.all([
      restricted ? ({ status: 'none' } as const) : loadPractice(source, patient, signal),
      loadAllergyStatus(search(allergyQuery()), signal),
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

  protected override render(): TemplateResult {
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
      ${this.#renderZone1(model)}
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
        ${this.#renderZone2(model, data.practice)}
      </div>
    </section>`;
  }

  #renderZone1(model: BannerModel): TemplateResult {
    const { deceased } = model;
    const level = this.headingLevelAt();
    const nameKnown = !model.missing.includes('name');
    return html`<div part="zone1" class="zone1 ${deceased ? 'zone1--deceased' : ''}">
      <div class="identity">
        <div part="name" class="name ${nameKnown ? '' : 'name--unknown'}" role="heading" aria-level=${level}>
          ${nameKnown ? model.name : html`<span class="visually-hidden">${msg('Name')} </span>${model.name}`}
        </div>
        ${
          model.preferredName
            ? html`<p class="preferred">
                <span class="label">${msg('Preferred name')}</span> <bdi>${model.preferredName}</bdi>
              </p>`
            : nothing
        }
        ${
          deceased || model.restricted
            ? html`<div class="markers">
                ${deceased ? html`<span class="marker marker--deceased">${msg('Deceased')}</span>` : nothing}
                ${model.restricted ? this.renderRestrictedMarker() : nothing}
              </div>`
            : nothing
        }
      </div>
      <dl class="demographics ${deceased ? 'demographics--deceased' : ''}">
        <div class="item item--born">
          <dt>${msg('Born')}</dt>
          <dd>
            ${this.#value(model.birthDate, model.missing.includes('birthDate'))}${
              model.age ? html` <span class="age">(${model.age})</span>` : nothing
            }
          </dd>
        </div>
        ${
          deceased
            ? html`<div class="item item--died">
                  <dt>${msg('Died')}</dt>
                  <dd>
                    ${this.#value(deceased.date, model.missing.includes('deceasedDate'))}
                    ${
                      deceased.notificationDisplay
                        ? html`<span class="notification">${deceased.notificationDisplay}</span>`
                        : nothing
                    }
                  </dd>
                </div>
                <div class="item item--age-at-death">
                  <dt>${msg('Age at Death')}</dt>
                  <dd>${this.#value(deceased.ageAtDeath)}</dd>
                </div>`
            : nothing
        }
        <div class="item item--gender">
          <dt>${msg('Gender')}</dt>
          <dd>${this.#value(model.gender, model.genderCode === 'unknown')}</dd>
        </div>
        <div class="item item--nhs">
          <dt>${msg('NHS No.')}</dt>
          <dd>${this.#renderNhsNumber(model)}</dd>
        </div>
      </dl>
    </div>`;
  }

  /** A value; an unknown one (`Not known`) in a quieter style, still in words (PAB-0019). */
  #value(text: string, unknown = text === msg('Not known')): TemplateResult {
    return unknown ? html`<span class="unknown">${text}</span>` : html`${text}`;
  }

  #renderNhsNumber(model: BannerModel): TemplateResult {
    const nhs = model.nhsNumber;
    if (!nhs.digits) return this.#value(nhs.display, true);
    const flags: TemplateResult[] = [];
    if (!nhs.valid) flags.push(this.#flag(msg('Invalid NHS number')));
    if (nhs.verified === false) {
      flags.push(
        this.#flag(
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

  #flag(text: string, detail?: string): TemplateResult {
    return html`<span class="flag"
      ><span class="flag__icon" aria-hidden="true">!</span> ${text}${
        detail ? html`<span class="flag__detail">: <bdi>${detail}</bdi></span>` : nothing
      }</span
    >`;
  }

  #renderZone2(model: BannerModel, practice: PracticeResult): TemplateResult {
    const allergyClass = model.allergyStatus === 'known' ? 'allergy--known' : '';
    const allergies = html`<div class="item">
      <dt>${msg('Allergies')}</dt>
      <dd><span class="allergy ${allergyClass}">${model.allergyStatusLabel}</span></dd>
    </div>`;
    if (model.restricted) {
      return html`<p class="restricted-note">
          ${msg('This is a restricted record: address, contact details and GP practice are not shown.')}
        </p>
        <dl class="details">${allergies}</dl>`;
    }
    const notKnown = msg('Not known');
    const address = model.address ?? [];
    const contacts = model.contacts ?? [];
    return html`<dl class="details">
      <div class="item item--address">
        <dt>${msg('Address')}</dt>
        <dd>
          ${
            address.length > 0
              ? address.map((line) => html`<span class="address-line">${line}</span>`)
              : this.#value(notKnown, true)
          }
        </dd>
      </div>
      <div class="item item--contacts">
        <dt>${msg('Contact details')}</dt>
        <dd>
          ${
            contacts.length > 0
              ? html`<ul class="contacts">
                  ${contacts.map((c) => html`<li><span class="label">${c.label}</span> <bdi>${c.value}</bdi></li>`)}
                </ul>`
              : this.#value(notKnown, true)
          }
        </dd>
      </div>
      <div class="item item--gp">
        <dt>${msg('GP practice')}</dt>
        <dd>
          ${
            model.gp
              ? model.gp
              : html`${this.#value(notKnown, true)}${
                  practice.status === 'failed'
                    ? html` <span class="note">${msg('The GP practice could not be loaded.')}</span>`
                    : nothing
                }`
          }
        </dd>
      </div>
      ${allergies}
    </dl>`;
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

/** The registered GP practice: the first `generalPractitioner` that leads to an Organization. */
async function loadPractice(
  source: RecordSource,
  patient: Patient,
  signal: AbortSignal,
): Promise<PracticeResult> {
  const references = (Array.isArray(patient.generalPractitioner) ? patient.generalPractitioner : []).filter(
    (ref): ref is Reference => typeof ref === 'object' && ref !== null,
  );
  let failed: PracticeResult | undefined;
  for (const reference of references) {
    try {
      const resolved = await source.resolve(reference, { from: patient, signal });
      if (resolved?.resourceType === 'Organization') return { status: 'found', organisation: resolved };
      if (resolved?.resourceType === 'PractitionerRole') {
        const role = resolved as PractitionerRole;
        const organisation = role.organization
          ? await source.resolve(role.organization, { from: role, signal })
          : undefined;
        if (organisation?.resourceType === 'Organization') return { status: 'found', organisation };
      }
    } catch (error) {
      if (isAbortError(error)) throw error;
      failed ??= { status: 'failed', ...(reference.display ? { display: reference.display } : {}) };
    }
  }
  return failed ?? { status: 'none' };
}

/**
 * The allergy status from every page of the patient's AllergyIntolerances; `unavailable` (with the
 * reason) when the search fails, or when the server answers with another patient's records.
 */
async function loadAllergyStatus(
  allergies: Pager<AllergyIntolerance>,
  signal: AbortSignal,
): Promise<{ status: AllergyStatus; error?: RecordError }> {
  try {
    await allergies.loadAll({ signal });
    return { status: allergyStatusFrom(allergies.resources) };
  } catch (error) {
    if (isAbortError(error)) throw error;
    return { status: allergyStatusFrom(undefined, true), error: asRecordError(error) };
  }
}
