// The CUI conformance report generator (scripts/cui-report.js): what counts as evidence, and the
// drift it refuses to report over.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport, namedIds, renderMarkdown, storiesDeclaringPoints } from '../cui-report.js';

const catalogue = {
  standards: [
    {
      prefix: 'PAB',
      document: 'Design Guide Entry – Patient Banner',
      version: '4.0.0.0',
      scope: 'The banner.',
    },
    { prefix: 'D+Ta', document: 'Design Guide Entry – Date Display', version: '5.0.0.0', scope: 'Dates.' },
  ],
  points: [
    { id: 'PAB-0016', title: 'Name, date of birth, gender, NHS number in order' },
    { id: 'PAB-0055', title: 'Deceased: colour and pattern differ' },
    { id: 'PAB-0047', title: 'A definition of each label', notImplemented: 'No tooltips.' },
    { id: 'D+Ta-0006', title: 'Short date format', note: 'Partial dates keep their precision.' },
  ],
};

function results(...tests) {
  const files = new Map();
  for (const [file, title, result = 'passed'] of tests) {
    if (!files.has(file)) files.set(file, { file, tests: [] });
    files.get(file).tests.push({ title, result });
  }
  return { finishedAt: '2026-12-03T10:00:00.000Z', files: [...files.values()] };
}

const passing = results(
  ['test/banner.test.ts', ['<care-patient-banner>', 'zone 1 (PAB-0055)', 'PAB-0016 shows them in order']],
  ['test/banner.test.ts', ['<care-patient-banner>', 'deceased', 'PAB-0055 differs in colour and pattern']],
  ['test/dates.test.ts', ['format/dates', 'D+Ta-0006 DD-Mmm-YYYY']],
  ['test/dates.test.ts', ['format/dates', 'a test naming no point']],
);
const testFiles = ['test/banner.test.ts', 'test/dates.test.ts'];
const banner = {
  id: 'elements-patient-banner--deceased',
  title: 'Elements/Patient banner',
  name: 'Deceased',
};

describe('namedIds', () => {
  const prefixes = ['PAB', 'NUM', 'MEDi', 'D+Ta'];

  it('finds ids, ranges and lists, padded like the first number', () => {
    assert.deepEqual(namedIds('PAB-0016 / PAB-0076 shows them', prefixes), {
      ids: ['PAB-0016', 'PAB-0076'],
      malformed: [],
    });
    assert.deepEqual(namedIds('PAB-0057..0060 shows the death', prefixes).ids, [
      'PAB-0057',
      'PAB-0058',
      'PAB-0059',
      'PAB-0060',
    ]);
    assert.deepEqual(namedIds('MEDi-001/003/018 and D+Ta-0002..0003.', prefixes).ids, [
      'MEDi-001',
      'MEDi-003',
      'MEDi-018',
      'D+Ta-0002',
      'D+Ta-0003',
    ]);
  });

  it('reads only the prefixes it is given, and not inside other words or dates', () => {
    assert.deepEqual(namedIds('05-Jan-2024, XPAB-0001, PAB zone 2, MEDi: text, MEDv-062', prefixes), {
      ids: [],
      malformed: [],
    });
  });

  it('reports what starts like an id and is not one', () => {
    assert.deepEqual(namedIds('MEDi-00x brand; PAB-0060..0057; NUM-', prefixes), {
      ids: [],
      malformed: ['MEDi-00x', 'PAB-0060..0057', 'NUM-'],
    });
  });
});

describe('storiesDeclaringPoints', () => {
  const csf = (body) => `
    import { html } from 'lit';
    export default { title: 'Elements/Patient banner', component: 'care-patient-banner' };
    ${body}`;

  it('reads parameters.cui of each story, with its Storybook id and name', () => {
    const stories = storiesDeclaringPoints(
      csf(`
        export const Deceased = { args: {}, parameters: { cui: ['PAB-0055', 'PAB-0057..0060'] } };
        export const LoadError = { name: 'Error', parameters: { a11y: {}, 'cui': ['PAB-0019'] } };
        export const Plain = { args: {} };`),
      'stories/patient-banner.stories.ts',
    );
    assert.deepEqual(stories, [
      { ...banner, cui: ['PAB-0055', 'PAB-0057..0060'] },
      {
        id: 'elements-patient-banner--load-error',
        title: 'Elements/Patient banner',
        name: 'Error',
        cui: ['PAB-0019'],
      },
    ]);
  });

  it('refuses a cui parameter it cannot read', () => {
    assert.throws(
      () => storiesDeclaringPoints(csf(`export const A = { parameters: { cui: POINTS } };`), 'x.stories.ts'),
      /x\.stories\.ts A: parameters\.cui must be a non-empty array of string literals/,
    );
  });
});

describe('buildReport', () => {
  it('lists each point with the tests whose own titles name it and the stories that declare it', () => {
    const stories = [{ ...banner, cui: ['PAB-0055'] }];
    const { report, problems } = buildReport({ catalogue, results: passing, stories, testFiles });
    assert.deepEqual(problems, []);
    assert.equal(report.run, '2026-12-03T10:00:00.000Z');
    assert.deepEqual(report.summary, { points: 4, passed: 3, failed: 0, notImplemented: 1 });
    const deceased = report.points.find((point) => point.id === 'PAB-0055');
    assert.deepEqual(deceased, {
      id: 'PAB-0055',
      standard: 'PAB',
      title: 'Deceased: colour and pattern differ',
      status: 'passed',
      // The suite title `zone 1 (PAB-0055)` is a heading, not evidence.
      stories: [banner],
      tests: [
        {
          file: 'test/banner.test.ts',
          title: '<care-patient-banner> › deceased › PAB-0055 differs in colour and pattern',
          result: 'passed',
        },
      ],
    });
    assert.equal(
      report.points.find((point) => point.id === 'D+Ta-0006').note,
      'Partial dates keep their precision.',
    );
  });

  it('lists points not implemented with the reason, and no evidence', () => {
    const { report } = buildReport({ catalogue, results: passing, stories: [], testFiles });
    assert.deepEqual(
      report.points.find((point) => point.id === 'PAB-0047'),
      {
        id: 'PAB-0047',
        standard: 'PAB',
        title: 'A definition of each label',
        status: 'not implemented',
        reason: 'No tooltips.',
      },
    );
  });

  it('marks a point failed when any of its tests failed or was skipped', () => {
    const run = results(
      ['test/banner.test.ts', ['PAB-0016 in order'], 'passed'],
      ['test/banner.test.ts', ['PAB-0016 in order, narrow'], 'failed'],
      ['test/banner.test.ts', ['PAB-0055 pattern'], 'skipped'],
      ['test/dates.test.ts', ['D+Ta-0006 short date'], 'passed'],
    );
    const { report, problems } = buildReport({ catalogue, results: run, stories: [], testFiles });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      report.points.map((point) => [point.id, point.status]),
      [
        ['PAB-0016', 'failed'],
        ['PAB-0055', 'failed'],
        ['PAB-0047', 'not implemented'],
        ['D+Ta-0006', 'passed'],
      ],
    );
    assert.deepEqual(report.summary, { points: 4, passed: 1, failed: 2, notImplemented: 1 });
  });

  it('fails when an implemented point has no test naming it', () => {
    const run = results(
      ['test/banner.test.ts', ['PAB-0016 in order']],
      ['test/dates.test.ts', ['D+Ta-0006 ok']],
    );
    const { problems } = buildReport({ catalogue, results: run, stories: [], testFiles });
    assert.deepEqual(problems, [
      'PAB-0055 (Deceased: colour and pattern differ) is implemented in conformance/cui-points.json but no test ' +
        'title names it: name the test that proves it, or mark it notImplemented with the reason',
    ]);
  });

  it('fails when a test or a story names an id the catalogue lacks, or a malformed one', () => {
    const run = results(...passing.files.flatMap(({ file, tests }) => tests.map((t) => [file, t.title])), [
      'test/dates.test.ts',
      ['format/dates', 'PAB-0099 and MEDi-001 (no such standard) and PAB-00x'],
    ]);
    const stories = [{ ...banner, cui: ['PAB-0055/0056'] }];
    const { problems } = buildReport({ catalogue, results: run, stories, testFiles });
    assert.deepEqual(problems, [
      'test "format/dates › PAB-0099 and MEDi-001 (no such standard) and PAB-00x" (test/dates.test.ts) names ' +
        '"PAB-00x", which is not a guidance id (write PAB-0001, PAB-0001/0003 or PAB-0001..0004)',
      'test "format/dates › PAB-0099 and MEDi-001 (no such standard) and PAB-00x" (test/dates.test.ts) names ' +
        'PAB-0099, which is not in conformance/cui-points.json',
      'story elements-patient-banner--deceased names PAB-0056, which is not in conformance/cui-points.json',
    ]);
  });

  it('fails when a test or a story names a point marked not implemented', () => {
    const run = results(...passing.files.flatMap(({ file, tests }) => tests.map((t) => [file, t.title])), [
      'test/banner.test.ts',
      ['PAB-0047 labels have tooltips'],
    ]);
    const { problems } = buildReport({
      catalogue,
      results: run,
      stories: [{ ...banner, cui: ['PAB-0047'] }],
      testFiles,
    });
    assert.deepEqual(problems, [
      'test "PAB-0047 labels have tooltips" (test/banner.test.ts) names PAB-0047, which conformance/cui-points.json marks not implemented',
      'story elements-patient-banner--deceased names PAB-0047, which conformance/cui-points.json marks not implemented',
    ]);
  });

  it('fails on results from a partial run or a file that did not load, and says only that', () => {
    const run = {
      ...passing,
      files: [{ file: 'test/dates.test.ts', errors: ['SyntaxError: x'], tests: [] }],
    };
    assert.deepEqual(buildReport({ catalogue, results: run, stories: [], testFiles }), {
      problems: [
        'the test results lack 1 of 2 test files (test/banner.test.ts): they are from a partial run; run the whole suite',
        'test/dates.test.ts did not run: SyntaxError: x',
      ],
    });
  });

  it('fails on a catalogue id of no listed standard, or listed twice', () => {
    const broken = {
      ...catalogue,
      points: [...catalogue.points, catalogue.points[0], { id: 'XYZ-1', title: 'x' }],
    };
    const { problems } = buildReport({ catalogue: broken, results: passing, stories: [], testFiles });
    assert.deepEqual(problems.slice(0, 2), [
      'catalogue: PAB-0016 is listed twice',
      'catalogue: "XYZ-1" is not one id of a standard the catalogue lists',
    ]);
  });
});

describe('renderMarkdown', () => {
  it('writes one table per standard with status, reason, stories and tests', () => {
    const { report } = buildReport({
      catalogue,
      results: passing,
      stories: [{ ...banner, cui: ['PAB-0055'] }],
      testFiles,
    });
    const markdown = renderMarkdown(report);
    assert.match(markdown, /^# NHS CUI conformance report\n/);
    assert.match(markdown, /test run of 2026-12-03T10:00:00.000Z/);
    assert.match(markdown, /\*\*4 points: 3 passed, 0 failed, 1 not implemented\.\*\*/);
    assert.match(markdown, /\n## Design Guide Entry – Patient Banner 4\.0\.0\.0 \(PAB\)\n\nThe banner\.\n/);
    assert.match(
      markdown,
      /\n\| PAB-0055 \| Deceased: colour and pattern differ \| \*\*passed\*\* \| Elements\/Patient banner: Deceased \(`elements-patient-banner--deceased`\) \| passed: `test\/banner\.test\.ts` &lt;care-patient-banner> › deceased › PAB-0055 differs in colour and pattern \|\n/,
    );
    assert.ok(
      markdown.includes(
        '\n| PAB-0047 | A definition of each label | not implemented: No tooltips. |  |  |\n',
      ),
    );
    assert.match(markdown, /\| D\+Ta-0006 \| Short date format<br>_Partial dates keep their precision\._ \|/);
  });
});
