import { expect } from '@open-wc/testing';
import type { DiagnosticReport, Observation, Reference, Resource } from 'fhir/r4';
import {
  resultEntry,
  resultsMemo,
  resultsRecord,
  searchTextOf,
  type ResultsItem,
} from '../../src/model/results.js';
import { unitOf } from '../../src/model/result-values.js';
import { withholdingFor } from '../../src/model/restricted-record.js';
import { hl7Results } from '../fixtures/hl7-r4/results.js';
import { ukCoreResults } from '../fixtures/uk-core/results.js';
import {
  resultsGp,
  resultsLab,
  resultsObservations,
  resultsPatientRestricted,
  resultsReports,
} from '../fixtures/results/synthetic-uk.js';

/** Resolves `Type/id` references among `resources`, as the element's lookup does. */
const lookup =
  (resources: readonly Resource[]) =>
  (reference: Reference): Resource | undefined => {
    const [type, id] = String(reference.reference).split('/');
    return resources.find((r) => r.resourceType === type && r.id === id);
  };
const everything = [...resultsReports, ...resultsObservations, resultsLab, resultsGp];
const record = (options = {}) =>
  resultsRecord(resultsReports, resultsObservations, { resolve: lookup(everything), ...options });
const names = (items: ResultsItem[]) =>
  items.map((item) => (item.kind === 'report' ? `R ${item.report.name}` : item.result.name));
const observation = (extra: Partial<Observation>): Observation => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'Test' },
  subject: { reference: 'Patient/x' },
  ...extra,
});

describe('model/results', () => {
  describe('what is listed, newest first', () => {
    it('reports with their results and lone results, by date; notes, surveys, social history and errors left out', () => {
      const { items } = record();
      expect(names(items)).to.deep.equal([
        'Blood pressure',
        'Body weight',
        'R Full blood count',
        'R Urea and electrolytes',
        'R HbA1c',
        'CRP',
        'Urine culture',
        'Urine protein (dipstick)',
        'Blood pressure',
        'R Full blood count',
        'R HbA1c',
        'R Lipid profile',
        'R Full blood count',
        'HbA1c (IFCC)',
      ]);
    });

    it('an Observation shown inside a report is not repeated on its own', () => {
      const { items } = record();
      const alone = items.filter((item) => item.kind === 'observation').map((item) => item.key);
      expect(alone).not.to.include('Observation/synthetic-result-hb-2024');
      expect(alone).not.to.include('Observation/synthetic-result-alt-error');
      expect(alone).to.include('Observation/synthetic-result-crp-2024');
    });

    it('a report keeps its results in its own order, its status in words, who performed it and its conclusion', () => {
      const ue = record().items.find((item) => item.key === 'DiagnosticReport/synthetic-report-ue-2024');
      if (ue?.kind !== 'report') throw new Error('no U&E report');
      const { report } = ue;
      expect(report.results.map((r) => r.name)).to.deep.equal([
        'Sodium',
        'Potassium',
        'Urea',
        'Creatinine',
        'eGFR',
      ]);
      expect(report.statusLabel).to.equal('Amended');
      expect(report.category).to.equal('Clinical chemistry');
      expect(report.performer?.display).to.equal('Northbrook Pathology Services NHS Trust (RX9)');
      expect(report.date?.display).to.equal('01-Mar-2024 09:12');
      expect(report.issued?.display).to.equal('01-Mar-2024 16:12');
      expect(report.conclusion).to.contain('phone the ward');
      expect(report.critical).to.equal(true);
    });

    it('a cancelled report is shown as cancelled; a result the record does not hold is counted', () => {
      const { items } = record();
      const reports = items.flatMap((item) => (item.kind === 'report' ? [item.report] : []));
      const lipids = reports.find((r) => r.name === 'Lipid profile')!;
      expect([lipids.status, lipids.statusLabel, lipids.results.length]).to.deep.equal([
        'cancelled',
        'Cancelled',
        0,
      ]);
      const oldest = reports[reports.length - 1];
      expect([oldest.results.length, oldest.missingResults]).to.deep.equal([3, 1]);
    });
  });

  describe('values, ranges and flags', () => {
    const byName = (name: string) => record().results.find((r) => r.name === name)!;

    it("a quantity with its unit, range and the lab's flag in words", () => {
      const hb = byName('Haemoglobin');
      expect(hb.value.display).to.equal('118 g/L');
      expect(hb.value.number).to.equal(118);
      expect(hb.range?.display).to.equal('130 to 180 g/L');
      expect(hb.flag).to.deep.equal({ code: 'L', label: 'Low', level: 'abnormal' });
      expect(byName('Potassium').flag).to.deep.equal({
        code: 'HH',
        label: 'Critical high',
        level: 'critical',
      });
    });

    it('a comparator is kept (`>90`, `<5 mg/L`) and such a value is not a number to plot', () => {
      const egfr = byName('eGFR');
      expect(egfr.value.display).to.equal('>90 mL/min/1.73m2');
      expect(egfr.value.number).to.equal(undefined);
      expect(byName('CRP').value.display).to.equal('<5 mg/L');
    });

    it('no value: the dataAbsentReason in words (UK Core absent-data example too)', () => {
      expect(byName('Urea').value).to.deep.equal({ display: 'No result: Sample haemolysed', absent: true });
      const absent = resultEntry(ukCoreResults.labAbsentData);
      expect(absent.value.display).to.equal('No result: Specimen unsatisfactory for evaluation');
    });

    it('words and coded values as written; blood pressure as 120/80 mmHg from its components', () => {
      expect(byName('Urine culture').value.display).to.equal('No significant growth');
      expect(byName('Urine protein (dipstick)').value.display).to.equal('Negative');
      const bp = byName('Blood pressure');
      expect(bp.value.display).to.equal('142/88 mmHg');
      expect(bp.value.parts).to.deep.equal([
        { label: 'Systolic', number: 142 },
        { label: 'Diastolic', number: 88 },
      ]);
      expect(bp.components).to.deep.equal([]);
      const ukBp = resultEntry(ukCoreResults.bloodPressure);
      expect(ukBp.value.display).to.equal('142/94 mmHg');
    });

    it('a component without a value says why, and the others are listed one by one (HL7 blood-pressure-dar)', () => {
      const entry = resultEntry(hl7Results.bloodPressureAbsent);
      expect(entry.value.display).to.equal('');
      expect(entry.components.map((c) => [c.name, c.value.display])).to.deep.equal([
        ['Systolic blood pressure', '107 mmHg'],
        ['Diastolic blood pressure', 'No result: Not performed'],
      ]);
      expect(entry.flag?.label).to.equal('Low');
    });

    it('no interpretation: a number outside the range says Above range / Below range (HL7 lipids)', () => {
      const { results } = resultsRecord([hl7Results.lipidsReport], hl7Results.lipidsObservations, {
        resolve: lookup(hl7Results.lipidsObservations),
      });
      expect(results.map((r) => [r.name, r.value.display, r.range?.display, r.flag?.label])).to.deep.equal([
        ['Cholesterol', '6.3 mmol/L', 'up to 4.5 mmol/L', 'Above range'],
        ['Triglyceride', '1.3 mmol/L', 'up to 2 mmol/L', undefined],
        ['Cholesterol in HDL', '1.3 mmol/L', 'at least 1.5 mmol/L', 'Below range'],
        ['LDL Chol. (Calc)', '4.6 mmol/L', 'up to 3 mmol/L', 'Above range'],
      ]);
      expect(results[0].flag?.derived).to.equal(true);
    });

    it('UCUM units read as people write them', () => {
      expect(
        unitOf({
          value: 1,
          unit: 'millimeter of mercury',
          system: 'http://unitsofmeasure.org',
          code: 'mm[Hg]',
        }),
      ).to.equal('mmHg');
      expect(unitOf({ value: 1, unit: '10*9/L' })).to.equal('10⁹/L');
      expect(unitOf({ value: 1, unit: 'mmol/l', code: 'mmol/L' })).to.equal('mmol/l');
    });

    it('malformed resources render what they can', () => {
      const odd = resultEntry(
        observation({ code: undefined as never, valueQuantity: { value: 'x' as never } }),
      );
      expect([odd.name, odd.value.display, odd.status]).to.deep.equal(['Not known', 'Not known', 'final']);
      const { items } = resultsRecord(
        [null as never, { resourceType: 'DiagnosticReport' } as DiagnosticReport],
        ['nonsense' as never, observation({ status: 'weird' as never, id: 'o1' })],
      );
      expect(items.map((item) => item.key)).to.deep.equal(['DiagnosticReport#0', 'Observation/o1']);
      const lone = items[1];
      if (lone.kind !== 'observation') throw new Error('expected an observation');
      expect(lone.result.statusLabel).to.equal('Status not known');
    });
  });

  describe('panels (UK Core full blood count group)', () => {
    it('a report whose result is a panel lists its members under it, not again alone', () => {
      const all = ukCoreResults.labRecord;
      const { items } = resultsRecord([ukCoreResults.labReport], ukCoreResults.labObservations, {
        resolve: lookup(all),
      });
      expect(items).to.have.length(1);
      const [only] = items;
      if (only.kind !== 'report') throw new Error('expected the report');
      const [panel] = only.report.results;
      expect(panel.name).to.equal('Full blood count');
      expect(
        panel.members.map((m) => [m.name, m.value.display, m.range?.display, m.flag?.label]),
      ).to.deep.equal([
        ['White blood cell count in fluid', '11.2 10⁹/L', '4 to 17', undefined],
        ['Nucleated red blood cell count in blood', '3.9 10¹²/L', '4 to 5.9', 'Below range'],
      ]);
      expect(only.report.performer?.display).to.equal('LEEDS TEACHING HOSPITALS NHS TRUST (RR8)');
    });
  });

  describe('streaming: rows settle in their final place', () => {
    it('only rows no later page can come before are listed until both searches are done', () => {
      const edges = [{ done: false, last: Date.UTC(2024, 2, 1) }, { done: true }];
      const keys = record({ edges }).items.map((item) => item.key);
      expect(keys).to.deep.equal([
        'Observation/synthetic-result-bp-2024',
        'Observation/synthetic-result-weight-2024',
        'DiagnosticReport/synthetic-report-fbc-2024',
        'DiagnosticReport/synthetic-report-ue-2024',
      ]);
    });
  });

  describe('a long history, page by page', () => {
    it('a row is mapped once everything it names was found, and again while a result is still missing', () => {
      const memo = resultsMemo();
      const first = record({ memo });
      const again = record({ memo });
      const same = (key: string) =>
        first.items.find((item) => item.key === key) === again.items.find((item) => item.key === key);
      expect(same('DiagnosticReport/synthetic-report-ue-2024')).to.equal(true);
      expect(same('Observation/synthetic-result-crp-2024')).to.equal(true);
      // The oldest full blood count names a result the record does not hold: mapped again each page.
      expect(same('DiagnosticReport/synthetic-report-fbc-2022')).to.equal(false);
      expect(names(again.items)).to.deep.equal(names(first.items));
    });
  });

  describe('restricted record', () => {
    it('the GP practice that recorded a result is named by kind only, and the copy kept does not name it', () => {
      const withholding = withholdingFor(resultsPatientRestricted);
      const { results } = record({ withholding });
      const bp = results.find((r) => r.name === 'Blood pressure')!;
      expect(bp.performer?.display).to.equal('GP practice (withheld: restricted record)');
      expect(JSON.stringify(bp.resource)).not.to.contain(resultsGp.id);
      expect(results.find((r) => r.name === 'Haemoglobin')!.performer?.display).to.contain(
        'Northbrook Pathology',
      );
    });

    it('a report interpreted at another GP practice (display only): named by kind, and the copy handed on does not name it', () => {
      const withholding = withholdingFor(resultsPatientRestricted);
      const report: DiagnosticReport = {
        resourceType: 'DiagnosticReport',
        id: 'interpreted',
        status: 'final',
        code: { text: 'ECG' },
        subject: { reference: `Patient/${resultsPatientRestricted.id}` },
        // Display only, as some systems send it: the name is all that says it is a GP practice.
        resultsInterpreter: [{ display: 'Hillside Surgery' }],
      };
      const [item] = resultsRecord([report], [], { resolve: lookup([resultsGp]), withholding }).items;
      if (item.kind !== 'report') throw new Error('expected the report');
      expect(item.report.performer?.display).to.equal('GP practice (withheld: restricted record)');
      expect(JSON.stringify(item.report.resource)).not.to.contain('Hillside');
    });
  });

  it("a filter matches a report by its own name and by its results' names", () => {
    const ue = record().items.find((item) => item.key === 'DiagnosticReport/synthetic-report-ue-2024')!;
    expect(searchTextOf(ue)).to.contain('urea and electrolytes');
    expect(searchTextOf(ue)).to.contain('potassium');
  });
});
