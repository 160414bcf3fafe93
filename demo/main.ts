// The demo portal: a trust intranet page that finds a patient on the record server and shows
// their shared care record with the library's elements. Vite serves this file and the library's
// TypeScript source (../src); scripts/start.js serves /config.json and the demo data.
import { html, nothing, render } from 'lit';
import type { Patient } from 'fhir/r4';
import {
  FhirRestSource,
  NHS_NUMBER_SYSTEM,
  formatDate,
  isAbortError,
  isRecordError,
  nhsNumberOf,
  patientNames,
  type CareErrorEvent,
  type CareLoadEvent,
  type CareSelectEvent,
  type CareRecord,
} from '../src/all.js';

/** What scripts/start.js serves as /config.json. */
interface DemoConfig {
  /** The record server's FHIR R4 base URL. */
  fhirBaseUrl: string;
  /** Bundle files under /data/ for single-Bundle mode. */
  bundles: DemoBundle[];
}
interface DemoBundle {
  /** Path under /data/, e.g. `synthea/Bradly_Douglas_….json`. */
  file: string;
  label: string;
  group: string;
  patientId?: string;
}
/** The parts of demo/data/generated/index.json the quick picks use. */
interface GeneratedPatient {
  id: string;
  case: string;
  counts?: { encounters?: number };
}

/** What the page shows; kept in the URL (`?patient=…` or `?bundle=…`) so a reload keeps it. */
type View = { kind: 'none' } | { kind: 'patient'; id: string } | { kind: 'bundle'; file: string };

const SEARCH_LIMIT = 20;
const LOG_LIMIT = 100;
const RICHARD_SMITH = 'UKCore-Patient-RichardSmith-Example';

/** The generated cases worth a quick pick, in the order shown, with what each shows off. */
const PICKS: { case: string; label: (p: GeneratedPatient) => string }[] = [
  { case: 'typical', label: () => 'Typical adult, penicillin allergy' },
  { case: 'neonate', label: () => 'Newborn baby, no medication, birth dose of hepatitis B' },
  { case: 'child', label: () => 'Young child, childhood immunisations' },
  { case: 'very-old', label: () => 'Over 100, currently an inpatient' },
  { case: 'deceased-formal', label: () => 'Deceased (formal notification)' },
  { case: 'deceased-informal', label: () => 'Deceased (informal notification)' },
  { case: 'restricted', label: () => 'Restricted record (S flag)' },
  { case: 'unverified-nhs-number', label: () => 'NHS number not verified' },
  { case: 'missing-data', label: () => 'Missing address, GP and gender' },
  { case: 'long-names', label: () => 'Very long names' },
  { case: 'preferred-name', label: () => 'Preferred name' },
  {
    case: 'large-record',
    label: (p) => `Large record: ${(p.counts?.encounters ?? 5000).toLocaleString('en-GB')} encounters`,
  },
];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const sections = $<CareRecord>('record');
const sharedRecord = $<CareRecord>('shared-record');
const layoutWhole = $<HTMLInputElement>('layout-whole');
const layoutSections = $<HTMLInputElement>('layout-sections');
const recordArea = $('record-heading').parentElement!;
const recordEmpty = $('record-empty');
const recordSource = $('record-source');
const recordHeading = $('record-heading');
const modeServer = $<HTMLInputElement>('mode-server');
const modeBundle = $<HTMLInputElement>('mode-bundle');
const serverPanel = $('server-panel');
const bundlePanel = $('bundle-panel');
const bundleSelect = $<HTMLSelectElement>('bundle-select');
const searchForm = $<HTMLFormElement>('search-form');
const searchInput = $<HTMLInputElement>('search-input');
const searchError = $('search-error');
const searchStatus = $('search-status');
const searchResults = $<HTMLUListElement>('search-results');
const quickPicks = $<HTMLUListElement>('quick-picks');
const log = $<HTMLOListElement>('log');

let config: DemoConfig = { fhirBaseUrl: '', bundles: [] };
let source: FhirRestSource | undefined;
let picks: { id: string; label: string; name: string }[] = [];
let searchController: AbortController | undefined;

// --- What is shown: URL <-> view --------------------------------------------------------------

/** The element the chosen layout shows the record in; the other is emptied so it loads nothing. */
function activeRecord(): CareRecord {
  const [shown, other] = layoutWhole.checked ? [sharedRecord, sections] : [sections, sharedRecord];
  other.hidden = true;
  for (const name of ['endpoint', 'bundle-src', 'patient']) other.removeAttribute(name);
  return shown;
}

/** `?layout=whole` shows the record in `<care-shared-record>`, else in `<care-record>`. */
function layoutFromUrl(): void {
  layoutWhole.checked = new URLSearchParams(location.search).get('layout') === 'whole';
  layoutSections.checked = !layoutWhole.checked;
}

function viewFromUrl(): View {
  const params = new URLSearchParams(location.search);
  const bundle = params.get('bundle');
  if (bundle) return { kind: 'bundle', file: bundle };
  const patient = params.get('patient');
  if (patient) return { kind: 'patient', id: patient };
  return { kind: 'none' };
}

function urlOf(view: View): string {
  const layout = layoutWhole.checked ? '&layout=whole' : '';
  if (view.kind === 'patient') return `?patient=${encodeURIComponent(view.id)}${layout}`;
  if (view.kind === 'bundle') return `?bundle=${encodeURIComponent(view.file)}${layout}`;
  return location.pathname;
}

function navigate(view: View, options: { focus?: boolean } = {}): void {
  const url = urlOf(view);
  if (url !== (location.search || location.pathname)) history.pushState(null, '', url);
  show(view);
  if (options.focus) recordHeading.focus();
}

/** Points the layout's record element at the view: its elements reload and cancel what is in flight. */
function show(view: View): void {
  const record = activeRecord();
  setMode(view.kind === 'bundle' ? 'bundle' : 'server');
  renderPicks(view);
  if (view.kind === 'none') {
    record.hidden = true;
    recordEmpty.hidden = false;
    recordSource.textContent = '';
    record.removeAttribute('patient');
  } else if (view.kind === 'patient') {
    record.removeAttribute('bundle-src');
    record.setAttribute('endpoint', config.fhirBaseUrl);
    record.setAttribute('patient', view.id);
    record.hidden = false;
    recordEmpty.hidden = true;
    renderSource(html`From the record server: <code>${config.fhirBaseUrl}/Patient/${view.id}</code>`);
    logInfo(`Patient/${view.id} from the record server`);
  } else {
    const bundle = config.bundles.find((one) => one.file === view.file);
    if (!bundle) {
      record.hidden = true;
      recordEmpty.hidden = false;
      renderSource(html`There is no demo Bundle file <code>${view.file}</code>. Choose one from the list.`);
      return;
    }
    bundleSelect.value = bundle.file;
    record.removeAttribute('endpoint');
    record.removeAttribute('patient');
    record.setAttribute('bundle-src', `/data/${bundle.file}`);
    record.hidden = false;
    recordEmpty.hidden = true;
    renderSource(
      html`From one Bundle file: <code>/data/${bundle.file}</code> (no requests to the record server)`,
    );
    logInfo(`Bundle /data/${bundle.file}`);
  }
}

function renderSource(content: unknown): void {
  render(content, recordSource);
}

function setMode(mode: 'server' | 'bundle'): void {
  modeServer.checked = mode === 'server';
  modeBundle.checked = mode === 'bundle';
  serverPanel.hidden = mode !== 'server';
  bundlePanel.hidden = mode !== 'bundle';
}

// --- Patient search ---------------------------------------------------------------------------

function showSearchError(message: string | undefined): void {
  searchError.hidden = !message;
  searchError.textContent = message ? `Error: ${message}` : '';
  searchInput.setAttribute('aria-describedby', message ? 'search-error search-hint' : 'search-hint');
  searchInput.toggleAttribute('aria-invalid', Boolean(message));
  searchForm.classList.toggle('search--error', Boolean(message));
}

async function search(query: string): Promise<void> {
  searchController?.abort();
  showSearchError(undefined);
  const text = query.trim();
  if (text === '') {
    showSearchError('Enter a name or an NHS number');
    searchInput.focus();
    return;
  }
  const digits = text.replace(/\s/g, '');
  let params: Record<string, string | number | string[]>;
  if (/^\d+$/.test(digits)) {
    if (digits.length !== 10) {
      showSearchError('An NHS number has 10 digits, for example 943 476 5919');
      searchInput.focus();
      return;
    }
    params = { identifier: `${NHS_NUMBER_SYSTEM}|${digits}` };
  } else {
    // Each word must match a part of the name: "Smith Richard" and "SMITH, Richard" both work.
    params = { name: text.split(/[\s,]+/).filter(Boolean), _count: SEARCH_LIMIT };
  }
  if (!source) return;
  const controller = new AbortController();
  searchController = controller;
  searchResults.hidden = true;
  searchStatus.textContent = 'Searching…';
  searchForm.setAttribute('aria-busy', 'true');
  try {
    const result = await source.search<Patient>('Patient', params, { signal: controller.signal });
    const patients = result.resources.filter((one) => one.resourceType === 'Patient');
    renderResults(patients);
    const more = result.next || (result.total ?? 0) > patients.length;
    searchStatus.textContent =
      patients.length === 0
        ? `No patients found for “${text}”. Check the spelling, or search by NHS number.`
        : `${patients.length === 1 ? '1 patient' : `${patients.length} patients`} found${
            more ? ` (the first ${patients.length}: add more of the name to narrow the search)` : ''
          }.`;
  } catch (error) {
    if (isAbortError(error)) return;
    searchResults.hidden = true;
    searchStatus.textContent = `The search failed. ${isRecordError(error) ? error.message : String(error)}`;
  } finally {
    if (searchController === controller) searchForm.removeAttribute('aria-busy');
  }
}

function renderResults(patients: Patient[]): void {
  searchResults.hidden = patients.length === 0;
  render(
    patients.map((patient) => {
      const names = patientNames(patient.name);
      const nhs = nhsNumberOf(patient);
      const died = patient.deceasedDateTime ?? (patient.deceasedBoolean ? '' : undefined);
      return html`<li>
        <button
          class="result"
          type="button"
          @click=${() => navigate({ kind: 'patient', id: patient.id! }, { focus: true })}
        >
          <span class="result__name">${names.name}</span>
          <span class="result__details">
            <span>NHS No. <strong>${nhs ? nhs.display : 'Not known'}</strong></span>
            <span>Born <strong>${formatDate(patient.birthDate)}</strong></span>
            <span>Gender <strong>${genderLabel(patient.gender)}</strong></span>
            ${
              died !== undefined
                ? html`<span class="result__died"
                    >Died <strong>${died ? formatDate(died) : 'date not known'}</strong></span
                  >`
                : nothing
            }
          </span>
        </button>
      </li>`;
    }),
    searchResults,
  );
}

function genderLabel(gender: string | undefined): string {
  return gender ? gender.charAt(0).toUpperCase() + gender.slice(1) : 'Not known';
}

// --- Quick picks and Bundle files -------------------------------------------------------------

/**
 * The quick picks: a patient for each generated case, the UK Core example and a Synthea patient,
 * each named as the banner names them, from the Patient the record server holds (one search), so
 * no pick shows a name or title the record lacks, and a patient the server lacks is no pick.
 */
async function loadPicks(): Promise<void> {
  let generated: GeneratedPatient[] = [];
  try {
    const response = await fetch('/data/generated/index.json');
    if (response.ok)
      generated = ((await response.json()) as { patients?: GeneratedPatient[] }).patients ?? [];
  } catch {
    // Without the index the UK Core and Synthea picks remain.
  }
  const wanted: { id: string; label: string }[] = [];
  for (const pick of PICKS) {
    const patient = generated.find((one) => one.case === pick.case);
    if (patient) wanted.push({ id: patient.id, label: pick.label(patient) });
  }
  wanted.push({ id: RICHARD_SMITH, label: 'UK Core example record' });
  const synthea = config.bundles.find((one) => one.file.startsWith('synthea/') && one.patientId);
  if (synthea?.patientId) wanted.push({ id: synthea.patientId, label: 'Synthea patient (US data)' });
  picks = [];
  if (!source) return;
  try {
    const { resources } = await source.search<Patient>('Patient', {
      _id: wanted.map((pick) => pick.id).join(','),
      _count: wanted.length,
    });
    const names = new Map(resources.map((patient) => [patient.id, patientNames(patient.name).name]));
    for (const pick of wanted) {
      const name = names.get(pick.id);
      if (name) picks.push({ ...pick, name });
    }
  } catch (error) {
    logInfo(`The demo patients could not be read from the record server: ${String(error)}`);
  }
}

function renderPicks(view: View = viewFromUrl()): void {
  render(
    picks.map(
      (pick) =>
        html`<li>
          <a
            class="pick"
            href=${urlOf({ kind: 'patient', id: pick.id })}
            aria-current=${view.kind === 'patient' && view.id === pick.id ? 'true' : nothing}
            @click=${(event: MouseEvent) => {
              if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
                return;
              event.preventDefault();
              navigate({ kind: 'patient', id: pick.id }, { focus: true });
            }}
          >
            <span class="pick__label">${pick.label}</span>
            <span class="pick__name">${pick.name}</span>
          </a>
        </li>`,
    ),
    quickPicks,
  );
}

function renderBundleOptions(): void {
  const groups = [...new Set(config.bundles.map((one) => one.group))];
  render(
    groups.map(
      (group) =>
        html`<optgroup label=${group}>
          ${config.bundles
            .filter((one) => one.group === group)
            .map((one) => html`<option value=${one.file}>${one.label}</option>`)}
        </optgroup>`,
    ),
    bundleSelect,
  );
}

// --- Event log --------------------------------------------------------------------------------

function time(): string {
  const now = new Date();
  return [now.getHours(), now.getMinutes(), now.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}

function addLogEntry(kind: string, from: string, summary: unknown, resource?: unknown): void {
  const item = document.createElement('li');
  item.className = `event-log__item event-log__item--${kind}`;
  render(
    html`<span class="event-log__time">${time()}</span>
      <span class="event-log__kind">${kind}</span>
      ${from ? html`<code class="event-log__from">${from}</code>` : nothing}
      <span class="event-log__summary">${summary}</span>
      ${
        resource
          ? html`<details class="event-log__details">
              <summary>Resource</summary>
              <pre>${JSON.stringify(resource, null, 2)}</pre>
            </details>`
          : nothing
      }`,
    item,
  );
  log.prepend(item);
  while (log.children.length > LOG_LIMIT) log.lastElementChild?.remove();
}

function logInfo(message: string): void {
  addLogEntry('patient', '', message);
}

function tagOf(event: Event): string {
  return event.target instanceof Element ? `<${event.target.localName}>` : '';
}

recordArea.addEventListener('care-error', (event: CareErrorEvent) => {
  const { error } = event.detail;
  const status = error.status ? ` ${error.status}` : '';
  addLogEntry('care-error', tagOf(event), `${error.kind}${status}: ${error.message}`);
});
recordArea.addEventListener('care-select', (event: CareSelectEvent) => {
  const { resource } = event.detail;
  addLogEntry('care-select', tagOf(event), `${resource.resourceType}/${resource.id ?? '(no id)'}`, resource);
});
recordArea.addEventListener('care-load', (event: CareLoadEvent) => {
  const { count } = event.detail;
  addLogEntry('care-load', tagOf(event), `${count} ${count === 1 ? 'item' : 'items'}`);
});

// --- Wiring -----------------------------------------------------------------------------------

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void search(searchInput.value);
});
for (const radio of [modeServer, modeBundle]) {
  radio.addEventListener('change', () => setMode(modeBundle.checked ? 'bundle' : 'server'));
}
$('bundle-show').addEventListener('click', () => {
  if (bundleSelect.value) navigate({ kind: 'bundle', file: bundleSelect.value }, { focus: true });
});
$('log-clear').addEventListener('click', () => log.replaceChildren());
for (const radio of [layoutSections, layoutWhole]) {
  radio.addEventListener('change', () => {
    const view = viewFromUrl();
    history.replaceState(null, '', urlOf(view));
    show(view);
  });
}
window.addEventListener('popstate', () => {
  layoutFromUrl();
  show(viewFromUrl());
});

async function start(): Promise<void> {
  try {
    const response = await fetch('/config.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    config = (await response.json()) as DemoConfig;
  } catch (error) {
    searchStatus.textContent = `The demo's settings (/config.json) could not be read (${String(error)}). Start the demo with npm start.`;
    return;
  }
  source = new FhirRestSource({ endpoint: config.fhirBaseUrl });
  renderBundleOptions();
  await loadPicks();
  layoutFromUrl();
  show(viewFromUrl());
}

void start();
