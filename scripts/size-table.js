// README's cost table, written from bench/results/size.json by `npm run size` between the markers
// below, so the numbers a reader sees are the ones the budget check measured.
const START = '<!-- size-table:start (npm run size writes this table) -->';
const END = '<!-- size-table:end -->';

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

/** The table, as Markdown. */
export function renderSizeTable(result) {
  const { page, elements, shared, autoloader, single } = result;
  const pageRow = (p) =>
    `| the record page with \`${p.source}\`: ${p.elements.map((tag) => `\`<${tag}>\``).join(', ')} | ${kb(p.gzip)} |`;
  const lines = [
    '| what a page loads | min+gzip |',
    '| --- | --- |',
    `| \`${autoloader.file}\`, the autoloader (registers nothing until a \`care-*\` tag appears) | ${kb(autoloader.gzip)} |`,
    ...(shared
      ? [
          `| the shared chunk (Lit, \`@lit/*\`, the data layer, formatters, base element), once for every element | ${kb(shared.gzip)} |`,
        ]
      : []),
    ...page.pages.map(pageRow),
    `| the record page's target | ${kb(page.target)} (budget now ${kb(page.budget)}) |`,
    ...elements.map(
      (e) =>
        `| \`<${e.tag}>\` alone (with the autoloader)${e.tag === 'care-record' ? '' : `; what it adds to a page with \`<care-record>\``} | ${kb(e.alone.gzip)}${e.tag === 'care-record' ? '' : `; adds ${kb(e.adds.gzip)}`} |`,
    ),
    `| \`${single.file}\`, everything in one file | ${kb(single.gzip)} |`,
    '',
    `Where the bytes of the single file come from (its source map; gzip shared out by bytes):`,
    '',
    '| part | min | ≈ min+gzip |',
    '| --- | --- | --- |',
    ...single.breakdown.map((g) => `| \`${g.name}\` | ${kb(g.min)} | ${kb(g.gzip)} |`),
  ];
  return lines.join('\n');
}

/** `readme` with the text between the markers replaced; unchanged when it has no markers. */
export function sizeTable(readme, result) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return readme;
  return `${readme.slice(0, start + START.length)}\n\n${renderSizeTable(result)}\n\n${readme.slice(end)}`;
}
