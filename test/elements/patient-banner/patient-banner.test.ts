import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Bundle, Patient } from 'fhir/r4';
import '../../../src/elements/patient-banner/patient-banner.js';
import '../../../src/elements/record/record.js';
import type { CarePatientBanner } from '../../../src/elements/patient-banner/patient-banner.component.js';
import type { CareErrorEvent, CareLoadEvent, CareSelectEvent } from '../../../src/base/events.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import type { RecordSource } from '../../../src/data/record-source.js';
import { richardSmithBundle } from '../../fixtures/patient-banner/richard-smith.js';
import {
  BANNER_NOW,
  LONG_FAMILY_NAME,
  RESTRICTED_SECRETS,
  allergiesNotRecordedBundle,
  bannerBundle,
  birthYearOnly,
  child,
  deceasedFormal,
  deceasedInformal,
  deceasedNoDate,
  invalidNhsNumber,
  longName,
  neonate,
  neonateDays,
  noKnownAllergiesBundle,
  noNames,
  partialBirthDate,
  restrictedBundle,
  riversideSurgery,
  typicalAdult,
  typicalAdultBundle,
  unverifiedNhsNumber,
} from '../../fixtures/patient-banner/synthetic.js';
import {
  FailingSource,
  PendingSource,
  RecordingSource,
  serverError,
  serviceUnavailable,
} from '../../fixtures/sources.js';
import { $, $$, clean, root } from '../../helpers/dom.js';

interface Rendered {
  el: CarePatientBanner;
  loads: CareLoadEvent[];
  errors: CareErrorEvent[];
  selects: CareSelectEvent[];
}

/** Renders a banner fed by a Bundle or a source, with the clock pinned, and waits for `care-load`. */
async function renderBanner(
  data: { bundle?: Bundle; source?: RecordSource },
  {
    expanded = false,
    width,
    patient,
    wait = 'load',
  }: { expanded?: boolean; width?: number; patient?: string; wait?: 'load' | 'error' | 'none' } = {},
): Promise<Rendered> {
  const loads: CareLoadEvent[] = [];
  const errors: CareErrorEvent[] = [];
  const selects: CareSelectEvent[] = [];
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style=${width ? `width: ${width}px` : ''}>
      <care-patient-banner
        .bundle=${data.bundle}
        .source=${data.source}
        .now=${BANNER_NOW}
        patient=${patient ?? ''}
        ?expanded=${expanded}
        @care-load=${(e: CareLoadEvent) => loads.push(e)}
        @care-error=${(e: CareErrorEvent) => errors.push(e)}
        @care-select=${(e: CareSelectEvent) => selects.push(e)}
      ></care-patient-banner>
    </div>`,
  );
  const el = wrapper.querySelector('care-patient-banner')!;
  if (wait === 'load') await waitUntil(() => loads.length > 0, 'care-load never fired', { timeout: 3000 });
  if (wait === 'error') await waitUntil(() => errors.length > 0, 'care-error never fired', { timeout: 3000 });
  await el.updateComplete;
  return { el, loads, errors, selects };
}

const textOf = (node: Element | ShadowRoot | null) => clean(node?.textContent);
/** The value (`dd`) shown against a zone label (`dt`). */
function valueFor(el: HTMLElement, label: string): string | undefined {
  const dt = $$(el, 'dt').find((d) => clean(d.textContent) === label);
  return dt ? textOf(dt.nextElementSibling) : undefined;
}
const labels = (el: HTMLElement, scope: string) => $$(el, `${scope} dt`).map((d) => clean(d.textContent));

describe('<care-patient-banner>', () => {
  describe('UK Core Richard Smith', () => {
    it('shows zone 1 from the public example and fires care-load with count 1', async () => {
      const { el, loads, errors, selects } = await renderBanner({ bundle: richardSmithBundle });
      expect(textOf($(el, '[part="name"]'))).to.equal('SMITH, Richard');
      expect(valueFor(el, 'Born')).to.equal('11-Sep-1970 (54y)');
      expect(valueFor(el, 'Gender')).to.equal('Male');
      expect(textOf($(el, '[part="nhs-number"]'))).to.equal('991 200 3888');
      expect(loads).to.have.length(1);
      expect(loads[0].detail).to.deep.equal({ count: 1, complete: true });
      expect(loads[0].bubbles && loads[0].composed).to.equal(true);
      expect(errors).to.have.length(0);
      expect(selects).to.have.length(0);
    });

    it('resolves the GP practice through the source and searches allergies and the allergy List by patient id', async () => {
      const source = new RecordingSource(richardSmithBundle);
      const { el } = await renderBanner({ source }, { expanded: true });
      expect(source.calls).to.include(
        'resolve Organization/UKCore-Organization-WhiteRoseMedicalCentre-Example',
      );
      expect(source.calls).to.include.members([
        'search AllergyIntolerance?patient=UKCore-Patient-RichardSmith-Example&_sort=-date&_count=50',
        'search List?patient=UKCore-Patient-RichardSmith-Example&code=http%3A%2F%2Fsnomed.info%2Fsct%7C886921000000105&_count=50',
      ]);
      expect(valueFor(el, 'GP practice')).to.equal('WHITE ROSE MEDICAL CENTRE (GP5)');
      expect(valueFor(el, 'Allergies')).to.equal('Known allergies');
      expect($$(el, '.address-line').map((l) => clean(l.textContent))).to.deep.equal([
        '4 Sandmoor Drive',
        'LEEDS',
        'LS17 7DF',
      ]);
      expect(valueFor(el, 'Contact details')).to.equal('Phone 01131231234');
    });

    it('passes axe when loaded, collapsed and expanded', async () => {
      const { el } = await renderBanner({ bundle: richardSmithBundle });
      await expect(el).to.be.accessible();
      ($(el, '[part="toggle"]') as HTMLButtonElement).click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });

  describe('zone 1 (PAB-0016, PAB-0076, PAB-0033..0053)', () => {
    it('PAB-0016 / PAB-0076 shows name, date of birth, gender, NHS number in that order', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      expect(labels(el, '[part="zone1"]')).to.deep.equal(['Born', 'Gender', 'NHS No.']);
      const zone1 = textOf($(el, '[part="zone1"]'));
      const order = ['HARGREAVES, Alice Jane (Mrs)', 'Born', 'Gender', 'NHS No.'].map((t) =>
        zone1.indexOf(t),
      );
      expect(order.every((index) => index >= 0)).to.equal(true);
      expect([...order].sort((a, b) => a - b)).to.deep.equal(order);
      // Tab order follows: the copy button (in the NHS number) comes before the zone 2 toggle.
      const focusable = $$(el, 'button').map((b) => b.getAttribute('part') ?? b.className);
      expect(focusable).to.deep.equal(['copy', 'toggle']);
    });

    it('PAB-0049..0053 family name in upper case, given names as recorded, title in parentheses', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      expect(textOf($(el, '[part="name"]'))).to.equal('HARGREAVES, Alice Jane (Mrs)');
    });

    it('PAB-0020/0037/0054 shows the preferred name below the name', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      const preferred = $(el, '.preferred')!;
      expect(textOf(preferred)).to.equal('Preferred name Ali');
      const name = $(el, '[part="name"]')!;
      expect(preferred.getBoundingClientRect().top).to.be.greaterThan(name.getBoundingClientRect().top);
    });

    it('NID-0005 never truncates a very long name: it wraps, in full, without overflow', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(longName) }, { width: 320 });
      const name = $(el, '[part="name"]')!;
      const expected = `${LONG_FAMILY_NAME.toUpperCase()}, Hubert Blaine Wolfgang Alexander Maximilian Bartholomew (Professor Sir)`;
      expect(textOf(name)).to.equal(expected);
      const style = getComputedStyle(name);
      expect(style.textOverflow).to.not.equal('ellipsis');
      expect(style.whiteSpace).to.equal('normal');
      expect(name.scrollWidth).to.be.at.most(name.clientWidth);
      expect(name.getBoundingClientRect().height).to.be.greaterThan(parseFloat(style.lineHeight) * 2);
      const base = $(el, '[part="base"]')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    });

    it('PAB-0033/0035/0036/0038/0039/0042/0046 labels have no colons and are quieter than their values', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(deceasedFormal) });
      const dts = $$(el, '[part="zone1"] dt');
      expect(dts.map((d) => clean(d.textContent))).to.deep.equal([
        'Born',
        'Died',
        'Age at Death',
        'Gender',
        'NHS No.',
      ]);
      expect(textOf($(el, '[part="zone1"]'))).to.not.include(':');
      for (const dt of dts) {
        const dd = dt.nextElementSibling!;
        expect(Number(getComputedStyle(dd).fontWeight)).to.be.greaterThan(
          Number(getComputedStyle(dt).fontWeight),
        );
      }
    });

    it('PAB-0034 shows the age of a living patient in parentheses after the birth date, unlabelled', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      expect(valueFor(el, 'Born')).to.equal('04-Mar-1981 (44y)');
      expect(labels(el, '[part="zone1"]')).to.not.include('Age');
    });

    it('CUI Table 7: hours for a neonate born yesterday (birth time extension)', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(neonate) });
      expect(valueFor(el, 'Born')).to.equal('14-Jun-2025 (27hrs)');
    });

    it('CUI Table 7: days under four weeks', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(neonateDays) });
      expect(valueFor(el, 'Born')).to.equal('05-Jun-2025 (10d)');
    });

    it('CUI Table 7: years and months for a child', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(child) });
      expect(valueFor(el, 'Born')).to.equal('11-May-2021 (4y 1m)');
      expect(textOf($(el, '[part="name"]'))).to.equal('PATEL, Arjun (Master)');
    });

    it('keeps the precision of a partial birth date and gives a whole-year age when certain', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(partialBirthDate) });
      expect(valueFor(el, 'Born')).to.equal('Mar-1956 (69y)');
    });

    it('leaves the age out when a birth year alone cannot give it', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(birthYearOnly) });
      expect(valueFor(el, 'Born')).to.equal('1956');
      expect(valueFor(el, 'Gender')).to.equal('Other');
    });

    it('PAB-0019 says Not known for every unknown value, never ?', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(noNames) }, { expanded: true });
      expect(textOf($(el, '[part="name"]'))).to.equal('Name Not known');
      expect(valueFor(el, 'Gender')).to.equal('Not known');
      expect(valueFor(el, 'NHS No.')).to.equal('Not known');
      expect(valueFor(el, 'Address')).to.equal('Not known');
      expect(valueFor(el, 'Contact details')).to.equal('Not known');
      expect(valueFor(el, 'GP practice')).to.equal('Not known');
      expect(valueFor(el, 'Allergies')).to.equal('Allergies not recorded');
      expect(textOf(root(el))).to.not.include('?');
      // No NHS number: nothing to copy.
      expect($(el, 'button.copy')).to.equal(null);
      expect($(el, '[part="base"]')!.getAttribute('aria-label')).to.equal('Patient: Not known');
      await expect(el).to.be.accessible();
    });

    it('names the region after the patient and the name heading follows heading-level', async () => {
      const { el } = await renderBanner({ bundle: richardSmithBundle });
      const base = $(el, '[part="base"]')!;
      expect(base.tagName).to.equal('SECTION');
      expect(base.getAttribute('aria-label')).to.equal('Patient: SMITH, Richard');
      expect($(el, '[part="name"]')!.getAttribute('role')).to.equal('heading');
      expect($(el, '[part="name"]')!.getAttribute('aria-level')).to.equal('2');
      el.headingLevel = 4;
      await el.updateComplete;
      expect($(el, '[part="name"]')!.getAttribute('aria-level')).to.equal('4');
    });
  });

  describe('deceased (PAB-0055)', () => {
    it('PAB-0055 zone 1 differs in colour and pattern, and says Deceased in words', async () => {
      const living = await renderBanner({ bundle: typicalAdultBundle });
      const livingStyle = getComputedStyle($(living.el, '[part="zone1"]')!);
      const { el } = await renderBanner({ bundle: bannerBundle(deceasedFormal) });
      const zone1 = $(el, '[part="zone1"]')!;
      const style = getComputedStyle(zone1);
      expect(style.backgroundColor).to.not.equal(livingStyle.backgroundColor);
      expect(style.backgroundImage).to.include('repeating-linear-gradient');
      expect(livingStyle.backgroundImage).to.equal('none');
      expect(textOf($(el, '.marker--deceased'))).to.equal('Deceased');
    });

    it('PAB-0057..0060 shows date of death below the birth date and age at death without parentheses', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(deceasedFormal) }, { width: 900 });
      expect(valueFor(el, 'Born')).to.equal('29-Feb-1940');
      expect(valueFor(el, 'Died')).to.match(/^03-Nov-2024 /);
      expect(valueFor(el, 'Age at Death')).to.equal('84y');
      const born = $(el, '.item--born')!.getBoundingClientRect();
      const died = $(el, '.item--died')!.getBoundingClientRect();
      expect(died.top).to.be.at.least(born.bottom - 1);
      expect(Math.abs(died.left - born.left)).to.be.below(2);
    });

    it('shows a formal death notification in words', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(deceasedFormal) });
      expect(textOf($(el, '.notification'))).to.equal(
        'Formal - death notice received from Registrar of Deaths',
      );
    });

    it('shows an informal death notification in words', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(deceasedInformal) });
      expect(valueFor(el, 'Died')).to.include('01-Jun-2025');
      expect(valueFor(el, 'Age at Death')).to.equal('93y');
      expect(textOf($(el, '.notification'))).to.match(/^Informal - death notice received via an update/);
    });

    it('says Not known for a death without a date', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(deceasedNoDate) });
      expect(valueFor(el, 'Died')).to.equal('Not known');
      expect(valueFor(el, 'Age at Death')).to.equal('Not known');
      expect(valueFor(el, 'Born')).to.equal('01-Jan-1950');
    });

    it('does not mark a patient whose death notice was removed (U) as deceased', async () => {
      const { el } = await renderBanner({ bundle: richardSmithBundle });
      expect($(el, '.zone1--deceased')).to.equal(null);
      expect(textOf(root(el))).to.not.include('Deceased');
    });

    it('passes axe when deceased', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(deceasedFormal) }, { expanded: true });
      await expect(el).to.be.accessible();
    });
  });

  describe('NHS number (NUM-0001..0003)', () => {
    afterEach(() => {
      delete (navigator as { clipboard?: unknown }).clipboard;
      document.getSelection()?.removeAllRanges();
    });

    function stubClipboard(writeText: (text: string) => Promise<void>) {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    }

    it('NUM-0001/0002 shows 3-3-4 digits on one line', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle }, { width: 320 });
      const number = $(el, '[part="nhs-number"]')!;
      expect(textOf(number)).to.equal('999 001 0005');
      expect(getComputedStyle(number).whiteSpace).to.equal('nowrap');
      expect(number.getClientRects()).to.have.length(1);
    });

    it('NUM-0003 the copy button puts the ten digits on the clipboard and confirms it', async () => {
      const copied: string[] = [];
      stubClipboard(async (text) => void copied.push(text));
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      const button = $<HTMLButtonElement>(el, 'button.copy')!;
      expect(clean(button.textContent)).to.equal('Copy NHS number');
      button.click();
      await waitUntil(() => copied.length > 0);
      expect(copied).to.deep.equal(['9990010005']);
      await el.updateComplete;
      const status = $(el, '.copy-status')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(textOf(status)).to.equal('NHS number copied');
    });

    it('NUM-0003 says so and selects the number when the clipboard refuses', async () => {
      stubClipboard(async () => {
        throw new DOMException('Denied', 'NotAllowedError');
      });
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      $<HTMLButtonElement>(el, 'button.copy')!.click();
      await waitUntil(() => textOf($(el, '.copy-status')) !== '');
      expect(textOf($(el, '.copy-status'))).to.match(/^Could not copy/);
      expect(document.getSelection()!.toString().replace(/\s/g, '')).to.equal('9990010005');
    });

    it('NUM-0003 copying the spaced number by hand gives the digits alone', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      const number = $(el, '[part="nhs-number"]')!;
      document.getSelection()!.selectAllChildren(number);
      const clipboardData = new DataTransfer();
      const event = new ClipboardEvent('copy', {
        clipboardData,
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      number.dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(true);
      expect(clipboardData.getData('text/plain')).to.equal('9990010005');
    });

    it('leaves a copy of other text alone', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      const name = $(el, '[part="name"]')!;
      document.getSelection()!.selectAllChildren(name);
      const clipboardData = new DataTransfer();
      const event = new ClipboardEvent('copy', {
        clipboardData,
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      $(el, '[part="nhs-number"]')!.dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(false);
    });

    it('flags an NHS number that fails Modulus 11, and still shows it', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(invalidNhsNumber) });
      expect(textOf($(el, '[part="nhs-number"]'))).to.equal('999 001 0004');
      expect(textOf($(el, '.flag'))).to.equal('! Invalid NHS number');
      await expect(el).to.be.accessible();
    });

    it('flags an unverified NHS number (status not 01) with its status in words', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(unverifiedNhsNumber) });
      expect(textOf($(el, '[part="nhs-number"]'))).to.equal('999 001 1370');
      expect(textOf($(el, '.flag'))).to.equal('! Unverified: Number present but not traced');
    });

    it('flags a neonate number awaiting trace (08) as unverified', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(neonate) });
      expect(textOf($(el, '.flag'))).to.include('Unverified');
    });

    it('does not flag a valid, verified number', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      expect($$(el, '.flag')).to.have.length(0);
    });
  });

  describe('zone 2 (PAB-0004, PAB-0075)', () => {
    it('PAB-0004 is collapsed by default behind one button with aria-expanded and aria-controls', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      const toggles = $$(el, '[part="toggle"]');
      expect(toggles).to.have.length(1);
      const toggle = toggles[0];
      expect(toggle.tagName).to.equal('BUTTON');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      const zone2 = $(el, '[part="zone2"]')!;
      expect(toggle.getAttribute('aria-controls')).to.equal(zone2.id);
      expect(zone2.hidden).to.equal(true);
      expect(zone2.getBoundingClientRect().height).to.equal(0);
      expect(el.hasAttribute('expanded')).to.equal(false);
    });

    it('PAB-0075 opens and closes with a click, reflecting expanded, and fires nothing', async () => {
      const { el, loads, errors, selects } = await renderBanner({ bundle: typicalAdultBundle });
      const toggle = $<HTMLButtonElement>(el, '[part="toggle"]')!;
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(clean(toggle.textContent)).to.equal('Hide details');
      expect($(el, '[part="zone2"]')!.hidden).to.equal(false);
      expect(el.expanded).to.equal(true);
      expect(el.hasAttribute('expanded')).to.equal(true);
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(clean(toggle.textContent)).to.equal('Show details');
      expect($(el, '[part="zone2"]')!.hidden).to.equal(true);
      expect(el.hasAttribute('expanded')).to.equal(false);
      expect([loads.length, errors.length, selects.length]).to.deep.equal([1, 0, 0]);
    });

    it('PAB-0075 opens with the keyboard (Tab to the toggle, Enter, then Space)', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle });
      const toggle = $<HTMLButtonElement>(el, '[part="toggle"]')!;
      $<HTMLButtonElement>(el, 'button.copy')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement).to.equal(toggle);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    });

    it('the expanded attribute opens zone 2 from the start', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle }, { expanded: true });
      expect($(el, '[part="toggle"]')!.getAttribute('aria-expanded')).to.equal('true');
      expect($(el, '[part="zone2"]')!.hidden).to.equal(false);
    });

    it('PAB-0026 shows the current home address with its postcode, not an old one', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle }, { expanded: true });
      expect($$(el, '.address-line').map((l) => clean(l.textContent))).to.deep.equal([
        '12 Acacia Avenue',
        'Nether Edge',
        'Sheffield',
        'S7 1AA',
      ]);
      expect(textOf(root(el))).to.not.include('Former Road');
    });

    it('PAB-0029/0030 lists contacts in CUI order: Home, Work, Mobile, Email', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle }, { expanded: true });
      expect($$(el, '.contacts li').map((li) => clean(li.textContent))).to.deep.equal([
        'Home 0114 496 0001',
        'Work 0114 496 0002',
        'Mobile 07700 900456',
        'Email alice.hargreaves@example.com',
      ]);
    });

    it('shows the registered GP practice with its ODS code', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle }, { expanded: true });
      expect(valueFor(el, 'GP practice')).to.equal('RIVERSIDE SURGERY (Y90001)');
      expect(labels(el, '[part="zone2"]')).to.deep.equal([
        'Address',
        'Contact details',
        'GP practice',
        'Allergies',
      ]);
    });

    it('follows a PractitionerRole to its practice', async () => {
      const role = {
        resourceType: 'PractitionerRole' as const,
        id: 'synthetic-role',
        organization: { reference: 'Organization/synthetic-gp-riverside' },
      };
      const patient = {
        ...typicalAdult,
        generalPractitioner: [{ reference: 'PractitionerRole/synthetic-role' }],
      };
      const { el } = await renderBanner(
        { bundle: bannerBundle(patient, role, riversideSurgery) },
        { expanded: true },
      );
      expect(valueFor(el, 'GP practice')).to.equal('RIVERSIDE SURGERY (Y90001)');
    });

    it('a GP practice that cannot be loaded says so in that field only', async () => {
      const source = new RecordingSource(typicalAdultBundle, { failResolve: serviceUnavailable() });
      const { el, errors } = await renderBanner({ source }, { expanded: true });
      expect(valueFor(el, 'GP practice')).to.equal('Not known The GP practice could not be loaded.');
      expect(textOf($(el, '[part="name"]'))).to.equal('HARGREAVES, Alice Jane (Mrs)');
      expect(valueFor(el, 'Allergies')).to.equal('Known allergies');
      expect(errors).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('a GP reference that cannot be followed falls back to its display', async () => {
      const patient = {
        ...typicalAdult,
        generalPractitioner: [{ reference: 'Organization/gone', display: 'OLD MILL SURGERY' }],
      };
      const source = new RecordingSource(bannerBundle(patient), { failResolve: serviceUnavailable() });
      const { el } = await renderBanner({ source }, { expanded: true });
      expect(valueFor(el, 'GP practice')).to.equal('OLD MILL SURGERY');
    });
  });

  describe('allergy status', () => {
    it('Known allergies', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle }, { expanded: true });
      expect(valueFor(el, 'Allergies')).to.equal('Known allergies');
    });

    it('No known allergies', async () => {
      const { el } = await renderBanner({ bundle: noKnownAllergiesBundle }, { expanded: true });
      expect(valueFor(el, 'Allergies')).to.equal('No known allergies');
    });

    it('Allergies not recorded', async () => {
      const { el } = await renderBanner({ bundle: allergiesNotRecordedBundle }, { expanded: true });
      expect(valueFor(el, 'Allergies')).to.equal('Allergies not recorded');
    });

    it('Allergies unavailable when the search fails, and the rest of the banner stays', async () => {
      const source = new RecordingSource(typicalAdultBundle, {
        failing: { AllergyIntolerance: serverError() },
      });
      const { el, errors, loads } = await renderBanner({ source }, { expanded: true });
      expect(valueFor(el, 'Allergies')).to.equal('Allergies unavailable');
      expect(valueFor(el, 'GP practice')).to.equal('RIVERSIDE SURGERY (Y90001)');
      expect(valueFor(el, 'Born')).to.equal('04-Mar-1981 (44y)');
      expect(errors).to.have.length(0);
      expect(loads[0].detail.count).to.equal(1);
    });

    it('GP and allergies both failing still leave zone 1 whole', async () => {
      const source = new RecordingSource(typicalAdultBundle, {
        failing: { AllergyIntolerance: serverError() },
        failResolve: serviceUnavailable(),
      });
      const { el } = await renderBanner({ source }, { expanded: true });
      expect(textOf($(el, '[part="nhs-number"]'))).to.equal('999 001 0005');
      expect(valueFor(el, 'Allergies')).to.equal('Allergies unavailable');
      expect(valueFor(el, 'GP practice')).to.include('could not be loaded');
    });
  });

  describe('restricted record', () => {
    it('shows a Restricted record marker in zone 1 and no address, telecom or GP anywhere', async () => {
      const source = new RecordingSource(restrictedBundle);
      const { el } = await renderBanner({ source }, { expanded: true });
      const marker = $(el, '[part="zone1"] [part="restricted"]');
      expect(textOf(marker)).to.equal('Restricted record');
      const everything = root(el).innerHTML;
      for (const secret of Object.values(RESTRICTED_SECRETS)) expect(everything).to.not.include(secret);
      expect(labels(el, '[part="zone2"]')).to.deep.equal(['Allergies']);
      expect(valueFor(el, 'Allergies')).to.equal('Known allergies');
      expect(textOf($(el, '.restricted-note'))).to.include('not shown');
      // The practice is never even asked for.
      expect(source.calls.some((c) => c.startsWith('resolve'))).to.equal(false);
    });

    it('passes axe when restricted', async () => {
      const { el } = await renderBanner({ bundle: restrictedBundle }, { expanded: true });
      await expect(el).to.be.accessible();
    });
  });

  describe('states', () => {
    it('loading: a skeleton with busy text, and axe passes', async () => {
      const { el, loads } = await renderBanner({ source: new PendingSource() }, { wait: 'none' });
      await aTimeout(20);
      const loading = $(el, '[part="loading"]')!;
      expect(loading.getAttribute('role')).to.equal('status');
      expect(loading.getAttribute('aria-busy')).to.equal('true');
      expect(textOf(loading)).to.equal('Loading patient details');
      expect(loads).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('error: the message, a retry that works, care-error with the RecordError, and axe passes', async () => {
      const error = errorForStatus(404, '');
      const failing = new FailingSource(error);
      const { el, errors, loads } = await renderBanner({ source: failing }, { wait: 'error' });
      const alert = $(el, '[part="error"]')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(textOf(alert)).to.include("The patient's details could not be shown");
      expect(textOf(alert)).to.include('The record server has no such record (404 Not Found).');
      expect(errors).to.have.length(1);
      expect(errors[0].detail.error).to.equal(error);
      expect(errors[0].detail.error.kind).to.equal('not-found');
      expect(loads).to.have.length(0);
      await expect(el).to.be.accessible();
      const calls = failing.calls;
      $<HTMLButtonElement>(el, '[part="error"] button')!.click();
      await waitUntil(() => errors.length === 2);
      expect(failing.calls).to.be.greaterThan(calls);
    });

    it('no source: says what is missing', async () => {
      const { el } = await renderBanner({}, { wait: 'none' });
      expect(textOf($(el, '[part="error"]'))).to.include('No record source is set');
    });

    it('works inside <care-record>, reading its source and patient', async () => {
      const loads: CareLoadEvent[] = [];
      const wrapper = await fixture(
        html`<care-record .bundle=${typicalAdultBundle}>
          <care-patient-banner
            .now=${BANNER_NOW}
            @care-load=${(e: CareLoadEvent) => loads.push(e)}
          ></care-patient-banner>
        </care-record>`,
      );
      await waitUntil(() => loads.length > 0);
      const el = wrapper.querySelector('care-patient-banner')!;
      expect(textOf($(el, '[part="name"]'))).to.equal('HARGREAVES, Alice Jane (Mrs)');
    });

    it('a patient change mid-request never shows the old patient under the new one', async () => {
      const both = bannerBundle(typicalAdult, child);
      const source = new RecordingSource(both, {
        hold: (call) => call.startsWith(`search AllergyIntolerance?patient=${typicalAdult.id}&`),
      });
      const { el, loads } = await renderBanner({ source }, { patient: typicalAdult.id, wait: 'none' });
      await waitUntil(() =>
        source.calls.some((call) => call.startsWith(`search AllergyIntolerance?patient=${typicalAdult.id}&`)),
      );
      expect($(el, '[part="loading"]')).to.not.equal(null);
      el.patient = child.id;
      await waitUntil(() => loads.length > 0);
      source.release();
      await aTimeout(30);
      await el.updateComplete;
      expect(textOf($(el, '[part="name"]'))).to.equal('PATEL, Arjun (Master)');
      expect(textOf(root(el))).to.not.include('HARGREAVES');
      expect(loads).to.have.length(1);
    });

    it('resets the copy confirmation when the patient changes', async () => {
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: async () => {} },
      });
      const both = bannerBundle(typicalAdult, child);
      const { el, loads } = await renderBanner({ bundle: both }, { patient: typicalAdult.id });
      $<HTMLButtonElement>(el, 'button.copy')!.click();
      await waitUntil(() => textOf($(el, '.copy-status')) === 'NHS number copied');
      el.patient = child.id;
      await waitUntil(() => loads.length === 2);
      await el.updateComplete;
      expect(textOf($(el, '.copy-status'))).to.equal('');
      delete (navigator as { clipboard?: unknown }).clipboard;
    });
  });

  describe('malformed data', () => {
    it('renders what it can from wrong types and missing fields', async () => {
      const patient = {
        resourceType: 'Patient',
        id: 'malformed',
        name: 'Smith',
        gender: 42,
        birthDate: 'yesterday',
        identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: 'not-a-number' },
        telecom: [null, { system: 'phone' }, { value: '0114 496 0009', use: 'home' }],
        address: 'somewhere',
        generalPractitioner: [{ display: 'CORNER SURGERY' }],
      } as unknown as Patient;
      const { el } = await renderBanner({ bundle: bannerBundle(patient) }, { expanded: true });
      expect(textOf($(el, '[part="name"]'))).to.equal('Name Not known');
      expect(valueFor(el, 'Born')).to.equal('Not known');
      expect(valueFor(el, 'Gender')).to.equal('Not known');
      expect(valueFor(el, 'Contact details')).to.equal('Home 0114 496 0009');
      expect(valueFor(el, 'GP practice')).to.equal('CORNER SURGERY');
      expect(textOf(root(el))).to.not.include('?');
      expect(textOf(root(el))).to.not.include('undefined');
    });
  });

  describe('layout', () => {
    it('stacks zone 1 at 320 px and nothing overflows', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(longName) }, { width: 320, expanded: true });
      expect(getComputedStyle($(el, '[part="zone1"]')!).flexDirection).to.equal('column');
      const items = ['.item--born', '.item--gender', '.item--nhs'].map((s) =>
        $(el, s)!.getBoundingClientRect(),
      );
      expect(items[1].top).to.be.greaterThan(items[0].top);
      expect(items[2].top).to.be.greaterThan(items[1].top);
      for (const part of ['base', 'zone1', 'zone2']) {
        const node = $(el, `[part="${part}"]`)!;
        expect(node.scrollWidth, part).to.be.at.most(node.clientWidth);
      }
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
    });

    it('lays zone 1 items out in a row on a wide container', async () => {
      const { el } = await renderBanner({ bundle: typicalAdultBundle }, { width: 1000 });
      const [born, gender, nhs] = ['.item--born', '.item--gender', '.item--nhs'].map(
        (s) => $(el, s)!.getBoundingClientRect().top,
      );
      expect(gender).to.equal(born);
      expect(nhs).to.equal(born);
    });

    it('keeps the deceased marking in forced-colors mode (a dashed frame where backgrounds are dropped)', async () => {
      const { el } = await renderBanner({ bundle: bannerBundle(deceasedFormal) });
      const sheets = [...root(el).adoptedStyleSheets, ...[...root(el).styleSheets]];
      const forced = sheets
        .flatMap((sheet) => [...sheet.cssRules])
        .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule)
        .filter((rule) => rule.conditionText.includes('forced-colors: active'))
        .flatMap((rule) => [...rule.cssRules] as CSSStyleRule[]);
      const deceased = forced.find((rule) => rule.selectorText === '.zone1--deceased');
      expect(deceased?.style.outlineStyle).to.equal('dashed');
      expect(textOf($(el, '.marker--deceased'))).to.equal('Deceased');
    });
  });
});
