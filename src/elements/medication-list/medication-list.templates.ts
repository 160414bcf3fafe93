import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { notKnown, repeatIssues } from '../../format/strings.js';
import { renderDetails, type Detail } from '../../base/details.js';
import type { MedicationRow } from '../../model/medication-rows.js';
import type { MedicationView } from '../../model/medications.js';

/**
 * One medicine as a CUI medication line with its status, acute / repeat / repeat dispensing and
 * whether it was prescribed elsewhere; then its dates, issues and who recorded it.
 */
export function renderMedicationRow(
  { key, line, sources }: MedicationRow,
  view: MedicationView,
  tabStop: boolean,
): TemplateResult {
  const attributes = [line.brand, line.strength, line.form].filter((a): a is string => !!a);
  const nameKnown = !line.missing.includes('name');
  const date = view === 'current' ? line.startDate : line.endDate;
  const details: Detail[] = [
    [view === 'current' ? msg('Start date') : msg('End date'), date?.display ?? notKnown()],
    [msg('Start date'), view === 'past' && !line.endDate ? line.startDate?.display : undefined],
    [msg('Repeat issues'), repeatIssues(line.repeat?.issued, line.repeat?.allowed)],
    [msg('Review date'), line.repeat?.reviewDate?.display],
    [msg('Last issued'), line.lastIssued?.display],
  ];
  return html`<li class="item item--${line.status}" part="item" data-key=${key} tabindex=${tabStop ? 0 : -1}>
    <div class="item__main">
      <span class="line">
        <strong class=${nameKnown ? 'line__name' : 'line__name line__name--unknown'}>${line.name}</strong
        >${attributes.map(
          (attribute) => html`<span class="line__sep"> — </span><span class="line__attr">${attribute}</span>`,
        )}
      </span>
      <span class="line__dose"
        ><span class="line__dose-label">${msg('DOSE')}</span> <bdi>${line.dose}</bdi></span
      >
      <span class="status status--${line.status}">${line.statusLabel}</span>
      ${line.courseLabel ? html`<span class="tag tag--${line.course}">${line.courseLabel}</span>` : nothing}
      ${
        line.prescribedElsewhereLabel
          ? html`<span class="tag tag--elsewhere">${line.prescribedElsewhereLabel}</span>`
          : nothing
      }
    </div>
    ${renderDetails([
      ...details,
      // Provenance is the organisation; a person's name alone does not say where it was recorded.
      [
        msg('Recorded by'),
        sources.length ? sources.map((source) => source.display ?? notKnown()).join('; ') : notKnown(),
      ],
    ])}
  </li>`;
}
