import { expect } from '@open-wc/testing';
import type { Encounter, HumanName, Location, Practitioner, PractitionerRole, Reference } from 'fhir/r4';
import { encounterEntry, sortEncounterEntries } from '../../src/model/encounters.js';
import { resolveUkCore, ukCore } from '../fixtures/uk-core/index.js';
import type { Resource } from 'fhir/r4';
import { withholdingFor } from '../../src/model/restricted-record.js';
import { restrictedPatient } from '../fixtures/patients.js';
import { restrictedPractice, restrictedPracticeRole } from '../fixtures/restricted-practice.js';

const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const UK = 'https://fhir.hl7.org.uk/StructureDefinition/';

const encounter = (extra: Partial<Encounter>): Encounter => ({
  resourceType: 'Encounter',
  id: 'enc',
  status: 'finished',
  class: { system: ACT, code: 'AMB' },
  period: { start: '2024-01-05T14:05:00Z' },
  ...extra,
});

describe('model/encounters', () => {
  it('UK Core inpatient encounter: dates, class, stay, organisation, location, practitioner, methods', () => {
    const entry = encounterEntry(ukCore.encounterInpatient, resolveUkCore);
    expect(entry).to.deep.include({
      id: 'UKCore-Encounter-InpatientEncounter-Example',
      display: '10-Dec-2019 13:00',
      lengthOfStay: '1 day',
      class: 'inpatient',
      classLabel: 'Inpatient',
      type: 'Seen in hospital ward',
      reason: 'General treatment',
      location: 'CARDIOLOGY SJUH',
      practitioner: 'Mrs Sandra Gose',
      status: 'finished',
      statusLabel: 'Finished',
      admissionMethod: 'Elective Admission: Planned',
      dischargeMethod: 'Patient discharged on clinical advice or with clinical consent',
      yearKey: '2019',
      monthKey: '2019-12',
    });
    expect(entry.organisation).to.deep.include({ name: 'LEEDS TEACHING HOSPITALS NHS TRUST', ods: 'RR8' });
    expect(entry.end?.display).to.equal('11-Dec-2019 13:00');
    expect(entry.sortKey).to.equal(entry.start?.sortKey);
    expect(entry.missing).to.deep.equal([]);
  });

  it('restricted patient: no location in the model; the provider (provenance) stays', () => {
    const entry = encounterEntry(ukCore.encounterInpatient, resolveUkCore, { restricted: true });
    expect(entry).to.not.have.property('location');
    expect(JSON.stringify(entry)).to.not.match(/CARDIOLOGY|BECKETT|LS9/);
    expect(entry.organisation?.ods).to.equal('RR8');
  });

  it('without a resolver: the provider reference is kept for the element to resolve, marked missing', () => {
    const entry = encounterEntry(ukCore.encounterInpatient);
    expect(entry).to.not.have.any.keys('location', 'practitioner');
    expect(entry.organisation).to.deep.equal({
      reference: { reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example' },
    });
    expect(entry.missing).to.deep.equal(['organisation']);
  });

  it('class mapping from v3 ActCode', () => {
    const cases: Record<string, string> = {
      IMP: 'Inpatient',
      ACUTE: 'Inpatient',
      NONAC: 'Inpatient',
      SS: 'Inpatient',
      OBSENC: 'Inpatient',
      AMB: 'Outpatient',
      PRENC: 'Outpatient',
      EMER: 'Emergency',
      FLD: 'Community',
      HH: 'Home visit',
      VR: 'Virtual',
      XYZ: 'Other',
      amb: 'Outpatient',
    };
    for (const [code, label] of Object.entries(cases)) {
      expect(encounterEntry(encounter({ class: { code } })).classLabel, code).to.equal(label);
    }
    const noClass = encounterEntry(encounter({ class: undefined }));
    expect(noClass.class).to.equal('other');
    expect(noClass.missing).to.include('class');
  });

  it('status mapping keeps the FHIR word as the label', () => {
    const cases: [Encounter['status'], string, string][] = [
      ['planned', 'planned', 'Planned'],
      ['arrived', 'in-progress', 'Arrived'],
      ['triaged', 'in-progress', 'Triaged'],
      ['in-progress', 'in-progress', 'In progress'],
      ['onleave', 'in-progress', 'On leave'],
      ['finished', 'finished', 'Finished'],
      ['cancelled', 'cancelled', 'Cancelled'],
      ['entered-in-error', 'other', 'Entered in error'],
      ['unknown', 'other', 'Not known'],
    ];
    for (const [status, key, label] of cases) {
      const entry = encounterEntry(encounter({ status }));
      expect([entry.status, entry.statusLabel], status).to.deep.equal([key, label]);
    }
  });

  it('length of stay for inpatients only: days between dates, less than 1 day when same day', () => {
    const stay = (start: string, end: string, code = 'IMP') =>
      encounterEntry(encounter({ class: { code }, period: { start, end } })).lengthOfStay;
    expect(stay('2024-01-01T10:00:00Z', '2024-01-04T09:00:00Z')).to.equal('3 days');
    expect(stay('2024-01-01T10:00:00Z', '2024-01-01T18:00:00Z')).to.equal('less than 1 day');
    expect(stay('2024-01-05', '2024-01-01')).to.equal(undefined);
    expect(stay('2024-01', '2024-02')).to.equal(undefined);
    expect(stay('2024-01-01', '2024-01-03', 'AMB')).to.equal(undefined);
  });

  it('displays DD-Mmm-YYYY HH:mm in UK time; a date alone when no time was recorded', () => {
    expect(encounterEntry(encounter({ period: { start: '2024-07-05T14:05:00Z' } })).display).to.equal(
      '05-Jul-2024 15:05',
    );
    const dateOnly = encounterEntry(encounter({ period: { start: '2024-07' } }));
    expect(dateOnly.display).to.equal('Jul-2024');
    expect([dateOnly.yearKey, dateOnly.monthKey]).to.deep.equal(['2024', '2024-07']);
    const yearOnly = encounterEntry(encounter({ period: { start: '2024' } }));
    expect(yearOnly).to.deep.include({ yearKey: '2024' }).and.not.have.property('monthKey');
  });

  it('practitioner: attender first; PractitionerRole resolved to its practitioner; display otherwise', () => {
    const participants = encounter({
      participant: [
        { individual: { display: 'Nurse A' } },
        {
          type: [{ coding: [{ code: 'ATND' }] }],
          individual: { reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example' },
        },
      ],
    });
    expect(encounterEntry(participants, resolveUkCore).practitioner).to.equal('Mrs Sandra Gose');
    const gose: PractitionerRole = {
      resourceType: 'PractitionerRole',
      id: 'role',
      practitioner: { reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example' },
    };
    const role = encounter({ participant: [{ individual: { reference: '#role' } }], contained: [gose] });
    expect(encounterEntry(role, resolveUkCore).practitioner).to.equal('Mrs Sandra Gose');
    expect(encounterEntry(role).practitioner).to.equal(undefined);
    const drB: PractitionerRole = {
      resourceType: 'PractitionerRole',
      id: 'role',
      practitioner: { display: 'Dr B' },
    };
    const roleDisplay = encounter({
      participant: [{ individual: { reference: '#role' } }],
      contained: [drB],
    });
    expect(encounterEntry(roleDisplay).practitioner).to.equal('Dr B');
  });

  it('practitioner: a name shared by many encounters is worked out once per Practitioner', () => {
    let reads = 0;
    const counted = (name: HumanName): HumanName =>
      Object.defineProperty({ ...name }, 'family', {
        enumerable: true,
        get: () => {
          reads += 1;
          return name.family;
        },
      });
    const doctor: Practitioner = {
      resourceType: 'Practitioner',
      id: 'doc',
      name: [counted({ family: 'Okonkwo', given: ['Beatrix'], prefix: ['Dr'] })],
    };
    const resolve = (ref: Reference) => (ref.reference === 'Practitioner/doc' ? doctor : undefined);
    const seen = encounter({ participant: [{ individual: { reference: 'Practitioner/doc' } }] });
    const names = Array.from({ length: 5 }, () => encounterEntry(seen, resolve).practitioner);
    expect(names).to.deep.equal(Array(5).fill('Dr Beatrix Okonkwo'));
    const readsForFirst = reads;
    expect(encounterEntry(seen, resolve).practitioner).to.equal('Dr Beatrix Okonkwo');
    expect(reads).to.equal(readsForFirst);

    // A new name list is read afresh.
    doctor.name = [{ family: 'Okonkwo-Smith', given: ['Beatrix'], prefix: ['Dr'] }];
    expect(encounterEntry(seen, resolve).practitioner).to.equal('Dr Beatrix Okonkwo-Smith');

    // A name with an end date depends on the clock, so it is not kept.
    reads = 0;
    doctor.name = [
      counted({ use: 'official', family: 'Former', period: { end: '2001-01-01' } }),
      counted({ use: 'official', family: 'Current', prefix: ['Dr'] }),
    ];
    expect(encounterEntry(seen, resolve).practitioner).to.equal('Dr Current');
    const readsOnce = reads;
    expect(encounterEntry(seen, resolve).practitioner).to.equal('Dr Current');
    expect(reads).to.equal(readsOnce * 2);
  });

  it('location: first location display, or the resolved (or contained) Location name', () => {
    const home: Location = { resourceType: 'Location', id: 'home', description: "Client's home" };
    const contained = encounter({ location: [{ location: { reference: '#home' } }], contained: [home] });
    expect(encounterEntry(contained).location).to.equal("Client's home");
    expect(encounterEntry(encounter({ location: [{ location: { display: 'Ward 1' } }] })).location).to.equal(
      'Ward 1',
    );
  });

  it('organisation from a serviceProvider reference display and identifier', () => {
    const entry = encounterEntry(
      encounter({
        serviceProvider: {
          display: 'Riverside Surgery',
          identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y00001' },
        },
      }),
    );
    expect(entry.organisation?.display).to.equal('Riverside Surgery (Y00001)');
  });

  it('admission and discharge methods on the Encounter or under hospitalization', () => {
    const method = (code: string) => ({ coding: [{ code, display: `Method ${code}` }] });
    const entry = encounterEntry(
      encounter({
        extension: [{ url: `${UK}Extension-UKCore-AdmissionMethod`, valueCodeableConcept: method('21') }],
        hospitalization: {
          extension: [{ url: `${UK}Extension-UKCore-DischargeMethod`, valueCodeableConcept: method('4') }],
        },
      }),
    );
    expect([entry.admissionMethod, entry.dischargeMethod]).to.deep.equal(['Method 21', 'Method 4']);
  });

  it('reason from reasonReference display when there is no reasonCode', () => {
    const entry = encounterEntry(encounter({ reasonReference: [{ display: 'Chest pain' } as Reference] }));
    expect(entry.reason).to.equal('Chest pain');
  });

  it('malformed input never throws and lists what is missing', () => {
    for (const bad of [
      undefined,
      null,
      {},
      'Encounter',
      { resourceType: 'Encounter', period: 'x', class: [], location: {} },
    ]) {
      const entry = encounterEntry(bad as unknown as Encounter);
      expect(entry.display, JSON.stringify(bad)).to.equal('Not known');
      expect(entry.class).to.equal('other');
      expect(entry.missing).to.include.members(['start', 'class', 'type', 'organisation']);
    }
  });

  it('sortEncounterEntries: newest first, undated last', () => {
    const entries = [
      encounterEntry(encounter({ id: 'old', period: { start: '2020-01-01' } })),
      encounterEntry(encounter({ id: 'none', period: undefined })),
      encounterEntry(encounter({ id: 'new', period: { start: '2024-01-01' } })),
    ];
    expect(sortEncounterEntries(entries).map((e) => e.id)).to.deep.equal(['new', 'old', 'none']);
  });
});

describe('model/encounters: text as written, never disguised', () => {
  it('the organisation, type, reason and clinician come out without bidi controls or zero-width characters', () => {
    const entry = encounterEntry(
      encounter({
        id: 'enc\u200B1',
        type: [{ text: 'Clinic\u200B visit' }],
        reasonCode: [{ text: '\u202EniaP\u202C' }],
        serviceProvider: {
          display: 'LEEDS TEACHING\u2060 HOSPITALS \u202DNHS\u202C TRUST',
          identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'R\u200BR8' },
        },
        participant: [{ individual: { display: 'Dr \u2067Jane\u2069 Sm\u200Bith' } }],
      }),
    );
    expect(entry.organisation).to.deep.include({
      name: 'LEEDS TEACHING HOSPITALS NHS TRUST',
      ods: 'RR8',
      display: 'LEEDS TEACHING HOSPITALS NHS TRUST (RR8)',
    });
    expect(entry.type).to.equal('Clinic visit');
    expect(entry.reason).to.equal('niaP');
    expect(entry.practitioner).to.equal('Dr Jane Smith');
    // The id is kept as sent: it is compared, never shown.
    expect(entry.id).to.equal('enc\u200B1');
  });

  it('an organisation name that is only controls counts as missing', () => {
    const entry = encounterEntry(
      encounter({ serviceProvider: { display: '\u200B\u202E', type: 'Organization' } }),
    );
    expect(entry.organisation?.display).to.equal(undefined);
    expect(entry.missing).to.include('organisation');
  });
});

describe('model/encounters: restricted (S-flagged) record', () => {
  // The synthetic restricted patient is registered at `Organization/synthetic-practice-y00001`
  // (RIVERSIDE SURGERY, ODS Y00001); the same practice also appears under a urn:uuid.
  const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
  const PRACTICE_UUID = 'urn:uuid:6f1d2c3b-0000-4000-8000-00000000a002';
  const withholding = withholdingFor({
    ...restrictedPatient,
    generalPractitioner: [...(restrictedPatient.generalPractitioner ?? []), { reference: PRACTICE_UUID }],
  });
  const LABEL = 'GP practice (withheld: restricted record)';
  const WITHHELD = { display: LABEL, withheld: 'gp-practice' };
  const CLINICIAN = 'Clinician (withheld: restricted record)';
  const SECRETS = /RIVERSIDE|Y00001|synthetic-practice|6f1d2c3b|Dr A Jones|Hidden/i;
  const practice = restrictedPractice;
  const role = restrictedPracticeRole;
  const resolve = (reference: Reference): Resource | undefined =>
    ({
      'Organization/synthetic-practice-y00001': practice,
      'PractitionerRole/gp-role': role,
      'Location/home': { resourceType: 'Location', id: 'home', name: 'Hidden House' } as Location,
    })[reference.reference ?? ''] ?? resolveUkCore(reference);
  const atPractice = (serviceProvider: Reference) =>
    encounter({
      serviceProvider,
      participant: [{ individual: { reference: 'Practitioner/dr-a', display: 'Dr A Jones' } }],
      location: [{ location: { reference: 'Location/home', display: 'Hidden House' } }],
    });

  it('the registered practice by relative, absolute, urn:uuid, identifier-only and display-only references', () => {
    for (const serviceProvider of [
      { reference: 'Organization/synthetic-practice-y00001' },
      { reference: 'https://fhir.example.nhs.uk/R4/Organization/synthetic-practice-y00001/_history/4' },
      { reference: PRACTICE_UUID },
      { identifier: { system: ODS, value: 'Y00001' } },
      { display: 'Riverside Surgery' },
    ]) {
      for (const resolver of [resolve, undefined]) {
        const entry = encounterEntry(atPractice(serviceProvider), resolver, {
          restricted: true,
          withholding,
        });
        expect(entry.organisation, JSON.stringify(serviceProvider)).to.deep.equal(WITHHELD);
        // The clinician who saw the patient there would name the practice.
        expect(entry.practitioner).to.equal(CLINICIAN);
        expect(entry).to.not.have.property('location');
        expect(entry.missing).to.not.include('organisation');
        expect(JSON.stringify(entry)).to.not.match(SECRETS);
      }
    }
  });

  it('a PractitionerRole of the practice as the clinician: withheld, the hospital provider shown', () => {
    const entry = encounterEntry(
      encounter({
        serviceProvider: { reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example' },
        participant: [{ individual: { reference: 'PractitionerRole/gp-role' } }],
      }),
      resolve,
      { withholding },
    );
    expect(entry.practitioner).to.equal(CLINICIAN);
    expect(entry.organisation).to.deep.include({ name: 'LEEDS TEACHING HOSPITALS NHS TRUST', ods: 'RR8' });
  });

  it('a different hospital organisation stays shown, with its clinician; its location does not', () => {
    const entry = encounterEntry(ukCore.encounterInpatient, resolveUkCore, { restricted: true, withholding });
    expect(entry.organisation).to.deep.include({ name: 'LEEDS TEACHING HOSPITALS NHS TRUST', ods: 'RR8' });
    expect(entry.organisation).to.not.have.property('withheld');
    expect(entry.practitioner).to.equal('Mrs Sandra Gose');
    expect(entry).to.not.have.property('location');
    expect(JSON.stringify(entry)).to.not.match(/CARDIOLOGY|BECKETT|LS9/);
  });

  it('the organisation filter sees the neutral label once for the practice, and the hospital by name', () => {
    const entries = [
      encounterEntry(atPractice({ reference: 'Organization/synthetic-practice-y00001' }), resolve, {
        withholding,
      }),
      encounterEntry(atPractice({ reference: PRACTICE_UUID }), resolve, { withholding }),
      encounterEntry(atPractice({ display: 'White Rose Medical Centre' }), resolve, { withholding }),
      encounterEntry(ukCore.encounterInpatient, resolveUkCore, { withholding }),
    ];
    const organisations = [...new Set(entries.map((e) => e.organisation?.display))].sort();
    expect(organisations).to.deep.equal([LABEL, 'LEEDS TEACHING HOSPITALS NHS TRUST (RR8)']);
  });

  it('withholding implies restricted; restricted alone still withholds a GP practice by its ODS code', () => {
    const byCode = atPractice({ identifier: { system: ODS, value: 'B82005' } });
    expect(encounterEntry(byCode, resolve, { restricted: true }).organisation).to.deep.equal(WITHHELD);
    expect(encounterEntry(byCode, resolve, { withholding })).to.not.have.property('location');
    // Unrestricted: the practice, clinician and location are shown as before.
    const shown = encounterEntry(
      atPractice({ reference: 'Organization/synthetic-practice-y00001' }),
      resolve,
    );
    expect(shown.organisation).to.deep.include({ name: 'RIVERSIDE SURGERY', ods: 'Y00001' });
    expect(shown.practitioner).to.equal('Dr A Jones');
    expect(shown.location).to.equal('Hidden House');
  });

  it('the registered GP as a person is a withheld clinician wherever they take part', () => {
    const registered = withholdingFor({
      ...restrictedPatient,
      generalPractitioner: [{ reference: 'Practitioner/dr-a', display: 'Dr A Jones' }],
    });
    const entry = encounterEntry(
      encounter({
        serviceProvider: { reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example' },
        participant: [{ individual: { reference: 'Practitioner/dr-a', display: 'Dr A Jones' } }],
      }),
      resolveUkCore,
      { withholding: registered },
    );
    expect(entry.practitioner).to.equal(CLINICIAN);
    expect(entry.organisation?.ods).to.equal('RR8');
  });
});
