import { expect } from '@open-wc/testing';
import type { Immunization, Location, Organization } from 'fhir/r4';
import {
  immunisationEntry,
  immunisationGroups,
  type ImmunisationItem,
} from '../../src/model/immunisations.js';
import { withholdingFor } from '../../src/model/restricted-record.js';
import { hl7r4 } from '../fixtures/hl7-r4/index.js';
import { restrictedPatient } from '../fixtures/patients.js';
import { restrictedPractice, restrictedPracticeRole } from '../fixtures/restricted-practice.js';
import { resolveUkCore, ukCore } from '../fixtures/uk-core/index.js';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const DMD = 'https://dmd.nhs.uk';

const immunisation = (extra: Partial<Immunization> = {}): Immunization => ({
  resourceType: 'Immunization',
  id: 'imm',
  status: 'completed',
  patient: { reference: 'Patient/p' },
  vaccineCode: { coding: [{ system: DMD, code: '34765811000001105', display: 'Infanrix hexa vaccine' }] },
  occurrenceDateTime: '2023-01-10',
  ...extra,
});

const hospital: Organization = {
  resourceType: 'Organization',
  id: 'trust',
  name: 'NORTHGATE TEACHING HOSPITALS NHS TRUST',
  identifier: [{ system: ODS, value: 'R9A' }],
};

describe('model/immunisations', () => {
  describe('immunisationEntry (UK Core examples)', () => {
    it('influenza vaccine: the dm+d name as written, its date, Given, and the practice that runs the clinic', () => {
      const entry = immunisationEntry(ukCore.immunisationInfluenza, { resolve: resolveUkCore });
      expect(entry).to.deep.include({
        id: 'UKCore-Immunization-InfluenzaVaccine-Example',
        vaccine:
          'Influenza vaccine (split virion, inactivated) suspension for injection 0.5ml pre-filled syringes (Pfizer Ltd)',
        vaccineKey: `code|${DMD}|11278411000001109`,
        status: 'given',
        statusLabel: 'Given',
        dateDisplay: '10-Jan-2013',
        location: 'WhiteRoseNurseClinic',
        subpotent: false,
        missing: [],
      });
      // Provenance through the location's managing organisation, with its ODS code.
      expect(entry.givenBy?.display).to.equal('WHITE ROSE MEDICAL CENTRE (GP5)');
    });

    it('a location that cannot be followed still names where it was given; who gave it is not known', () => {
      const entry = immunisationEntry(ukCore.immunisationInfluenza);
      expect(entry.givenBy).to.equal(undefined);
      expect(entry.location).to.equal(undefined);
      expect(entry.missing).to.deep.equal(['givenBy']);
    });

    it('performer: the organisation that gave it (name and ODS code), not the vaccinator', () => {
      const entry = immunisationEntry(ukCore.immunisationPerformer);
      expect(entry.givenBy?.display).to.equal('ELLAND ROAD STADIUM - COVID VACCINATION CENTRE (C4B2A)');
      expect(entry.givenBy?.ods).to.equal('C4B2A');
    });

    it('protocolApplied: dose 1, protecting against COVID-19', () => {
      const entry = immunisationEntry(ukCore.immunisationProtocolApplied);
      expect(entry.doses).to.deep.equal([{ label: 'Dose 1', number: 1, targetDiseases: ['COVID-19'] }]);
    });

    it('route, site, batch, manufacturer and amount as the record words them', () => {
      expect(immunisationEntry(ukCore.immunisationIntramuscular).route).to.equal(
        'Intramuscular route (qualifier value)',
      );
      expect(immunisationEntry(ukCore.immunisationLeftUpperArm).site).to.equal(
        'Left upper arm structure (body structure)',
      );
      expect(immunisationEntry(ukCore.immunisationLotNumber).batch).to.equal('R04X');
      expect(immunisationEntry(ukCore.immunisationManufacturer).manufacturer).to.equal(
        'DREAMLAND Pharmaceuticals Ltd',
      );
      expect(immunisationEntry(ukCore.immunisationUnitsOfMeasure).amount).to.equal('0.5 milliliter');
    });

    it('the nine COVID-19 examples are one vaccine (one dm+d code)', () => {
      const keys = new Set(
        [
          ukCore.immunisationAstraZeneca,
          ukCore.immunisationIntramuscular,
          ukCore.immunisationLeftUpperArm,
          ukCore.immunisationLotNumber,
          ukCore.immunisationManufacturer,
          ukCore.immunisationPatientConform,
          ukCore.immunisationPerformer,
          ukCore.immunisationProtocolApplied,
          ukCore.immunisationUnitsOfMeasure,
        ].map((resource) => immunisationEntry(resource).vaccineKey),
      );
      expect([...keys]).to.deep.equal([`code|${DMD}|39114911000001105`]);
    });
  });

  describe('immunisationEntry (HL7 R4 examples)', () => {
    it('CodeableConcept.text before the coding; batch and expiry; site, route, amount; subpotent', () => {
      const entry = immunisationEntry(hl7r4.immunisationExample);
      expect(entry).to.deep.include({
        vaccine: 'Fluvax (Influenza)',
        dateDisplay: '10-Jan-2013',
        batch: 'AAJN11K',
        site: 'left arm',
        route: 'Injection, intramuscular',
        amount: '5 mg',
        subpotent: true,
      });
      expect(entry.expiry?.display).to.equal('15-Feb-2015');
      // Only people performed it and Location/1 is not to hand: no organisation is known.
      expect(entry.givenBy).to.equal(undefined);
    });

    it('not-done is Not given, with its reason, never Given', () => {
      const entry = immunisationEntry(hl7r4.immunisationNotGiven);
      expect(entry).to.deep.include({
        vaccine: 'DTP',
        status: 'not-given',
        statusLabel: 'Not given',
        statusReason: 'medical precaution',
        dateDisplay: '10-Jan-2013',
      });
    });

    it('not-done without a reason says the reason is missing', () => {
      const entry = immunisationEntry(immunisation({ status: 'not-done' }));
      expect(entry.statusLabel).to.equal('Not given');
      expect(entry.missing).to.include('statusReason');
    });

    it('a historical record: the date as written, no sort key, and where it was reported from', () => {
      const entry = immunisationEntry(hl7r4.immunisationHistorical);
      expect(entry.dateDisplay).to.equal('January 2012');
      expect(entry.date).to.equal(undefined);
      expect(entry.sortKey).to.equal(undefined);
      expect(entry.reportedFrom).to.equal('Written Record');
    });

    it('two protocols: each dose with its series; a disease with no display shows its code', () => {
      const entry = immunisationEntry(hl7r4.immunisationProtocol);
      expect(entry.vaccine).to.equal('Twinrix (HepA/HepB)');
      expect(entry.doses).to.deep.equal([
        { label: 'Dose 1', number: 1, series: '2-dose', targetDiseases: ['40468003'] },
        { label: 'Dose 2', number: 2, series: '3-dose', targetDiseases: ['66071002'] },
      ]);
    });

    it('subpotent false is not subpotent', () => {
      expect(immunisationEntry(hl7r4.immunisationSubpotent).subpotent).to.equal(false);
    });
  });

  describe('immunisationEntry (edge cases)', () => {
    it('dose numbers: of how many, written as a string, or in words as written', () => {
      const doses = (protocolApplied: Immunization['protocolApplied']) =>
        immunisationEntry(immunisation({ protocolApplied })).doses.map((dose) => dose.label);
      expect(doses([{ doseNumberPositiveInt: 2, seriesDosesPositiveInt: 3 }])).to.deep.equal(['Dose 2 of 3']);
      expect(doses([{ doseNumberString: '3', seriesDosesString: '3' }])).to.deep.equal(['Dose 3 of 3']);
      expect(doses([{ doseNumberString: 'Booster' }])).to.deep.equal(['Booster']);
      expect(doses([{ doseNumberPositiveInt: 0 } as never])).to.deep.equal([undefined]);
    });

    it('entered-in-error and an unknown status are never Given', () => {
      expect(immunisationEntry(immunisation({ status: 'entered-in-error' })).statusLabel).to.equal(
        'Entered in error',
      );
      const unknown = immunisationEntry(immunisation({ status: 'unknown' as never }));
      expect(unknown).to.deep.include({ status: 'unknown', statusLabel: 'Status not known' });
    });

    it('a dateTime is shown as its date; the sort key keeps the time', () => {
      const entry = immunisationEntry(immunisation({ occurrenceDateTime: '2011-05-06T22:00:28+00:00' }));
      expect(entry.dateDisplay).to.equal('06-May-2011');
      expect(entry.sortKey).to.equal(Date.UTC(2011, 4, 6, 23, 0, 28));
    });

    it('malformed resources render what they can and never throw', () => {
      for (const bad of [null, undefined, 42, 'x', {}, { resourceType: 'Immunization', vaccineCode: 'x' }]) {
        const entry = immunisationEntry(bad as never);
        expect(entry.vaccine).to.equal('Not known');
        expect(entry.dateDisplay).to.equal('Not known');
        expect(entry.statusLabel).to.equal('Status not known');
        expect(entry.missing).to.include.members(['vaccine', 'date', 'givenBy']);
      }
      const odd = immunisationEntry(
        immunisation({
          performer: [null, { actor: 'x' }, { actor: { display: '  ' } }] as never,
          protocolApplied: [null, { targetDisease: 'x' }] as never,
          location: ['x'] as never,
          doseQuantity: { unit: 'ml' },
        }),
      );
      expect(odd.doses).to.deep.equal([{ targetDiseases: [] }]);
      expect(odd.amount).to.equal(undefined);
      expect(odd.givenBy).to.equal(undefined);
    });

    it('a PractitionerRole performer leads to its organisation; a contained location to its contained organisation', () => {
      const byRole = immunisationEntry(
        immunisation({ performer: [{ actor: { reference: 'PractitionerRole/r' } }] }),
        {
          resolve: (ref) =>
            ref.reference === 'PractitionerRole/r'
              ? {
                  resourceType: 'PractitionerRole',
                  id: 'r',
                  organization: { reference: 'Organization/trust' },
                }
              : ref.reference === 'Organization/trust'
                ? hospital
                : undefined,
        },
      );
      expect(byRole.givenBy?.display).to.equal('NORTHGATE TEACHING HOSPITALS NHS TRUST (R9A)');

      const contained = immunisationEntry(
        immunisation({
          contained: [
            {
              resourceType: 'Location',
              id: 'clinic',
              name: 'Baby clinic',
              managingOrganization: { reference: '#org' },
            } as Location,
            { ...hospital, id: 'org' },
          ],
          location: { reference: '#clinic' },
        }),
      );
      expect(contained.location).to.equal('Baby clinic');
      expect(contained.givenBy?.display).to.equal('NORTHGATE TEACHING HOSPITALS NHS TRUST (R9A)');
    });

    it('a performer that is not a person still names who gave it by its display', () => {
      const entry = immunisationEntry(
        immunisation({
          performer: [
            { actor: { reference: 'Practitioner/x', display: 'Nurse A Smith' } },
            { actor: { reference: 'urn:uuid:0f5c', display: 'School Aged Immunisation Service' } },
          ],
        }),
      );
      expect(entry.givenBy?.display).to.equal('School Aged Immunisation Service');
    });
  });

  describe('restricted records', () => {
    const withholding = withholdingFor(restrictedPatient);
    const resolve = (ref: { reference?: string }) =>
      ref.reference === 'Organization/synthetic-practice-y00001'
        ? restrictedPractice
        : ref.reference === 'PractitionerRole/gp-role'
          ? restrictedPracticeRole
          : ref.reference === 'Organization/trust'
            ? hospital
            : undefined;

    it('a location is never shown nor followed: the kind of setting alone stands for who gave it', () => {
      let asked = 0;
      const entry = immunisationEntry(ukCore.immunisationInfluenza, {
        withholding,
        resolve: (ref) => {
          asked += 1;
          return resolveUkCore(ref);
        },
      });
      expect(entry.location).to.equal(undefined);
      expect(entry.givenBy).to.deep.equal({
        display: 'Location (withheld: restricted record)',
        withheld: 'location',
      });
      expect(asked).to.equal(0);
    });

    it('the registered GP practice (directly or through a role) is withheld; a hospital is not', () => {
      const practice = immunisationEntry(
        immunisation({ performer: [{ actor: { reference: 'Organization/synthetic-practice-y00001' } }] }),
        { withholding, resolve },
      );
      expect(practice.givenBy?.display).to.equal('GP practice (withheld: restricted record)');
      expect(JSON.stringify(practice)).not.to.contain('Y00001');
      const role = immunisationEntry(
        immunisation({ performer: [{ actor: { reference: 'PractitionerRole/gp-role' } }] }),
        { withholding, resolve },
      );
      expect(role.givenBy?.display).to.equal('GP practice (withheld: restricted record)');
      const trust = immunisationEntry(
        immunisation({ performer: [{ actor: { reference: 'Organization/trust' } }] }),
        { withholding, resolve },
      );
      expect(trust.givenBy?.display).to.equal('NORTHGATE TEACHING HOSPITALS NHS TRUST (R9A)');
    });

    it('a pharmacy named by display only is withheld (restricted: true without the patient)', () => {
      const entry = immunisationEntry(
        immunisation({ performer: [{ actor: { type: 'Organization', display: 'High Street Pharmacy' } }] }),
        { restricted: true },
      );
      expect(entry.givenBy?.display).to.equal('Pharmacy (withheld: restricted record)');
    });

    it('a vaccination centre stays (it does not say where the patient lives)', () => {
      const entry = immunisationEntry(ukCore.immunisationPerformer, { withholding });
      expect(entry.givenBy?.display).to.equal('ELLAND ROAD STADIUM - COVID VACCINATION CENTRE (C4B2A)');
    });
  });

  describe('immunisationGroups', () => {
    let position = 0;
    const item = (extra: Partial<Immunization>): ImmunisationItem => {
      position += 1;
      const resource = immunisation({ id: `i${position}`, ...extra });
      return { key: `k${position}`, entry: immunisationEntry(resource) };
    };
    const coded = (code: string, display: string) => ({ coding: [{ system: DMD, code, display }] });
    const sixInOne = coded('34765811000001105', 'Infanrix hexa');
    const mmr = coded('13968211000001108', 'M-M-RVAXPRO');
    const flu = coded('43208811000001106', 'Fluenz');
    const view = (items: ImmunisationItem[]) =>
      immunisationGroups(items).map((group) => [
        group.vaccine,
        group.items.map(
          (i) => `${i.entry.dateDisplay}${i.entry.doses[0]?.label ? ` ${i.entry.doses[0].label}` : ''}`,
        ),
      ]);

    it('the childhood schedule: newest first by latest dose, doses of one vaccine together, in the order given', () => {
      const items = [
        item({ vaccineCode: flu, occurrenceDateTime: '2025-10-14' }),
        item({
          vaccineCode: mmr,
          occurrenceDateTime: '2026-02-01',
          protocolApplied: [{ doseNumberPositiveInt: 2 }],
        }),
        item({
          vaccineCode: sixInOne,
          occurrenceDateTime: '2022-12-28',
          protocolApplied: [{ doseNumberPositiveInt: 3 }],
        }),
        item({
          vaccineCode: mmr,
          occurrenceDateTime: '2023-09-05',
          protocolApplied: [{ doseNumberPositiveInt: 1 }],
        }),
        item({
          vaccineCode: sixInOne,
          occurrenceDateTime: '2022-11-30',
          protocolApplied: [{ doseNumberPositiveInt: 2 }],
        }),
        item({
          vaccineCode: sixInOne,
          occurrenceDateTime: '2022-11-02',
          protocolApplied: [{ doseNumberPositiveInt: 1 }],
        }),
      ];
      expect(view(items)).to.deep.equal([
        ['M-M-RVAXPRO', ['05-Sep-2023 Dose 1', '01-Feb-2026 Dose 2']],
        ['Fluenz', ['14-Oct-2025']],
        ['Infanrix hexa', ['02-Nov-2022 Dose 1', '30-Nov-2022 Dose 2', '28-Dec-2022 Dose 3']],
      ]);
    });

    it('same name without a code is one vaccine; an unnamed vaccine stands alone; undated last', () => {
      const items = [
        item({ vaccineCode: { text: 'Hepatitis B vaccine' }, occurrenceDateTime: '2020-01-01' }),
        item({ vaccineCode: { text: 'hepatitis  B vaccine' }, occurrenceDateTime: '2020-02-01' }),
        item({ vaccineCode: {}, occurrenceDateTime: '2021-01-01' }),
        item({ vaccineCode: {}, occurrenceDateTime: '2019-01-01' }),
        item({ vaccineCode: { text: 'BCG' }, occurrenceDateTime: undefined, occurrenceString: 'as a child' }),
      ];
      expect(view(items)).to.deep.equal([
        ['Not known', ['01-Jan-2021']],
        ['hepatitis  B vaccine', ['01-Jan-2020', '01-Feb-2020']],
        ['Not known', ['01-Jan-2019']],
        ['BCG', ['as a child']],
      ]);
    });

    it('doses of one course are one vaccine whatever the brand; another course of the same disease is not', () => {
      const measles = {
        coding: [{ system: 'http://snomed.info/sct', code: '14189004', display: 'Measles' }],
      };
      const mumps = { coding: [{ system: 'http://snomed.info/sct', code: '36989005', display: 'Mumps' }] };
      const meningococcal = {
        coding: [
          { system: 'http://snomed.info/sct', code: '23511006', display: 'Meningococcal infectious disease' },
        ],
      };
      const priorix = coded('34925111000001104', 'Priorix');
      const items = [
        item({
          vaccineCode: mmr,
          occurrenceDateTime: '2023-10-02',
          protocolApplied: [
            { targetDisease: [measles, mumps], doseNumberPositiveInt: 1, seriesDosesPositiveInt: 2 },
          ],
        }),
        item({
          vaccineCode: priorix,
          occurrenceDateTime: '2026-02-02',
          protocolApplied: [
            { targetDisease: [mumps, measles], doseNumberPositiveInt: 2, seriesDosesPositiveInt: 2 },
          ],
        }),
        // A Priorix recorded without its course still joins by its product code.
        item({ vaccineCode: priorix, occurrenceDateTime: '2026-03-01' }),
        item({
          vaccineCode: coded('23584211000001109', 'Bexsero'),
          occurrenceDateTime: '2023-01-23',
          protocolApplied: [
            { targetDisease: [meningococcal], doseNumberPositiveInt: 2, seriesDosesPositiveInt: 3 },
          ],
        }),
        item({
          vaccineCode: coded('39779611000001104', 'MenQuadfi'),
          occurrenceDateTime: '2024-01-23',
          protocolApplied: [
            { targetDisease: [meningococcal], doseNumberPositiveInt: 1, seriesDosesPositiveInt: 1 },
          ],
        }),
      ];
      expect(view(items)).to.deep.equal([
        ['Priorix', ['02-Oct-2023 Dose 1 of 2', '02-Feb-2026 Dose 2 of 2', '01-Mar-2026']],
        ['MenQuadfi', ['23-Jan-2024 Dose 1 of 1']],
        ['Bexsero', ['23-Jan-2023 Dose 2 of 3']],
      ]);
    });

    it('a dose without a date goes after the dated doses of its vaccine; ties by dose number', () => {
      const items = [
        item({
          vaccineCode: mmr,
          occurrenceDateTime: undefined,
          protocolApplied: [{ doseNumberPositiveInt: 1 }],
        }),
        item({
          vaccineCode: mmr,
          occurrenceDateTime: '2024-01-01',
          protocolApplied: [{ doseNumberPositiveInt: 3 }],
        }),
        item({
          vaccineCode: mmr,
          occurrenceDateTime: '2024-01-01',
          protocolApplied: [{ doseNumberPositiveInt: 2 }],
        }),
      ];
      const [group] = immunisationGroups(items);
      expect(group.items.map((i) => i.entry.doses[0].label)).to.deep.equal(['Dose 2', 'Dose 3', 'Dose 1']);
      expect(group.latest).to.equal(Date.UTC(2024, 0, 1));
    });
  });
});
