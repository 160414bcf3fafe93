/**
 * The NHS CUI conformance report, built from three things nobody writes twice: the catalogue of
 * guidance points (conformance/cui-points.json), the results of a browser test run (each test proves
 * the points its own title names) and the stories (each declares the points it shows in
 * `parameters: { cui: [...] }`). Pure: scripts/conformance.js reads and writes the files.
 */
import { loadCsf } from 'storybook/internal/csf-tools';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The guidance ids a text names: a catalogue prefix, a hyphen and digits (`PAB-0055`), a range
 * (`PAB-0057..0060`) or a list (`MEDi-001/002/018`), numbers padded like the first. `malformed` holds
 * what starts like an id and is not one (`MEDi-00x`, `PAB-0060..0057`).
 */
export function namedIds(text, prefixes) {
  const pattern = new RegExp(`(?<![\\w+])(${prefixes.map(escapeRegExp).join('|')})-([\\w./]*)`, 'g');
  const ids = [];
  const malformed = [];
  for (const [, prefix, rest] of text.matchAll(pattern)) {
    const token = rest.replace(/\.+$/, '');
    const items = token.split('/').map((item) => /^(\d+)(?:\.\.(\d+))?$/.exec(item));
    if (items.some((item) => !item || (item[2] !== undefined && Number(item[2]) <= Number(item[1])))) {
      malformed.push(`${prefix}-${token}`);
      continue;
    }
    const width = items[0][1].length;
    for (const [, from, to = from] of items) {
      for (let n = Number(from); n <= Number(to); n += 1)
        ids.push(`${prefix}-${String(n).padStart(width, '0')}`);
    }
  }
  return { ids: [...new Set(ids)], malformed };
}

/** The strings of `parameters.cui` in a story's annotations, when it is written out as a literal. */
function declaredPoints(parameters, where) {
  if (parameters?.type !== 'ObjectExpression') return [];
  const cui = parameters.properties.find(
    (property) => property.type === 'ObjectProperty' && (property.key.name ?? property.key.value) === 'cui',
  );
  if (!cui) return [];
  const elements = cui.value.type === 'ArrayExpression' ? cui.value.elements : [];
  if (elements.length === 0 || elements.some((element) => element?.type !== 'StringLiteral')) {
    throw new Error(`${where}: parameters.cui must be a non-empty array of string literals`);
  }
  return elements.map((element) => element.value);
}

/** The stories of one CSF file that declare guidance points: id, title, name and what they declare. */
export function storiesDeclaringPoints(code, file) {
  const csf = loadCsf(code, { fileName: file, makeTitle: (title) => title }).parse();
  return Object.entries(csf._stories).flatMap(([key, story]) => {
    const cui = declaredPoints(csf._storyAnnotations[key]?.parameters, `${file} ${key}`);
    return cui.length ? [{ id: story.id, title: csf.meta.title, name: story.name, cui }] : [];
  });
}

const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The report, or the problems that stop it being true: a test or story naming a point the catalogue
 * lacks (or marks not implemented), an implemented point no test names, a test file missing from
 * the results. `testFiles` are the files the run should have covered.
 */
export function buildReport({ catalogue, results, stories, testFiles }) {
  const problems = [];
  const prefixes = catalogue.standards.map((standard) => standard.prefix);
  const points = new Map();
  for (const point of catalogue.points) {
    const { ids } = namedIds(point.id, prefixes);
    if (ids.length !== 1 || ids[0] !== point.id) {
      problems.push(`catalogue: "${point.id}" is not one id of a standard the catalogue lists`);
    } else if (points.has(point.id)) {
      problems.push(`catalogue: ${point.id} is listed twice`);
    }
    points.set(point.id, { point, tests: [], stories: [] });
  }

  // Evidence from part of the suite would read as missing tests: say so, and nothing else.
  const ran = new Map(results.files.map((entry) => [entry.file, entry]));
  const missing = testFiles.filter((file) => !ran.has(file));
  if (missing.length) {
    problems.push(
      `the test results lack ${missing.length} of ${testFiles.length} test files (${missing.slice(0, 3).join(', ')}` +
        `${missing.length > 3 ? ', …' : ''}): they are from a partial run; run the whole suite`,
    );
  }
  for (const { file, tests, errors } of results.files) {
    if (tests.length === 0 && errors?.length) problems.push(`${file} did not run: ${errors[0]}`);
  }
  if (problems.length) return { problems };

  /** Files each mention of `text` under the points it names, or says why it cannot. */
  function claim(text, where, evidence, list) {
    const { ids, malformed } = namedIds(text, prefixes);
    for (const mention of malformed) {
      problems.push(
        `${where} names "${mention}", which is not a guidance id (write PAB-0001, PAB-0001/0003 or PAB-0001..0004)`,
      );
    }
    for (const id of ids) {
      const entry = points.get(id);
      if (!entry) problems.push(`${where} names ${id}, which is not in conformance/cui-points.json`);
      else if (entry.point.notImplemented) {
        problems.push(`${where} names ${id}, which conformance/cui-points.json marks not implemented`);
      } else entry[list].push(evidence);
    }
  }

  for (const { file, tests } of results.files) {
    for (const test of tests) {
      const title = test.title.join(' › ');
      claim(test.title.at(-1), `test "${title}" (${file})`, { file, title, result: test.result }, 'tests');
    }
  }
  for (const story of stories) {
    const { id, title, name } = story;
    for (const text of story.cui) claim(text, `story ${id}`, { id, title, name }, 'stories');
  }

  const rows = [...points.values()].map(({ point, tests, stories: shown }) => {
    const { id, title, note, notImplemented } = point;
    const standard = prefixes.find((prefix) => id.startsWith(`${prefix}-`));
    if (notImplemented) return { id, standard, title, status: 'not implemented', reason: notImplemented };
    if (tests.length === 0) {
      problems.push(
        `${id} (${title}) is implemented in conformance/cui-points.json but no test title names it: ` +
          'name the test that proves it, or mark it notImplemented with the reason',
      );
    }
    const passed = tests.length > 0 && tests.every((test) => test.result === 'passed');
    return {
      id,
      standard,
      title,
      ...(note ? { note } : {}),
      status: passed ? 'passed' : 'failed',
      stories: [...new Map(shown.map((story) => [story.id, story])).values()].sort((a, b) =>
        byText(a.id, b.id),
      ),
      tests: tests.sort((a, b) => byText(a.file, b.file) || byText(a.title, b.title)),
    };
  });
  const count = (status) => rows.filter((row) => row.status === status).length;
  const report = {
    run: results.finishedAt,
    summary: {
      points: rows.length,
      passed: count('passed'),
      failed: count('failed'),
      notImplemented: count('not implemented'),
    },
    standards: catalogue.standards,
    points: rows,
  };
  return { report, problems };
}

/** Text for a Markdown table cell. */
const cell = (text) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');

/** The report as Markdown: one table per standard. */
export function renderMarkdown(report) {
  const { summary } = report;
  const lines = [
    '# NHS CUI conformance report',
    '',
    `Written by \`npm run conformance\` from the browser test run of ${report.run}: do not edit by hand.`,
    'Each NHS Common User Interface (CUI) guidance point the elements implement, with the tests that prove',
    'it (a test proves the points its own title names) and the stories that show it; points deliberately',
    'not implemented, with the reason. The catalogue of points is `conformance/cui-points.json`.',
    '',
    `**${summary.points} points: ${summary.passed} passed, ${summary.failed} failed, ` +
      `${summary.notImplemented} not implemented.**`,
  ];
  for (const standard of report.standards) {
    lines.push(
      '',
      `## ${cell(standard.document)} ${standard.version} (${standard.prefix})`,
      '',
      cell(standard.scope),
      '',
      '| Point | Guidance | Status | Stories | Tests |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const point of report.points.filter((p) => p.standard === standard.prefix)) {
      const guidance = cell(point.title) + (point.note ? `<br>_${cell(point.note)}_` : '');
      const status = point.reason ? `not implemented: ${cell(point.reason)}` : `**${point.status}**`;
      const stories = (point.stories ?? [])
        .map((story) => `${cell(story.title)}: ${cell(story.name)} (\`${story.id}\`)`)
        .join('<br>');
      const tests = (point.tests ?? [])
        .map((test) => `${test.result}: \`${test.file}\` ${cell(test.title)}`)
        .join('<br>');
      lines.push(`| ${point.id} | ${guidance} | ${status} | ${stories} | ${tests} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
