import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { notKnown } from '../../format/strings.js';
import { renderDetails, type Detail } from '../../base/details.js';
import type { AllergyEntry, AllergyReaction } from '../../model/allergies.js';

const reactionText = ({ manifestation, severity }: AllergyReaction) =>
  severity ? msg(str`${manifestation} (${severity})`) : manifestation;

/**
 * One allergy: the substance with what must not be missed beside it (high criticality,
 * unconfirmed, a contradiction), then category, reactions, onset and who recorded it. A "no known
 * allergies" statement reads as a statement.
 */
export function renderAllergy(entry: AllergyEntry, tabStop: boolean): TemplateResult {
  const details: Detail[] = [
    [msg('Category'), entry.categories.join(', ') || undefined],
    [msg('Type'), entry.type],
    [msg('Criticality'), entry.criticality],
    [msg('Reaction'), entry.reactions.map(reactionText).join('; ') || undefined],
    [msg('Onset'), entry.onset],
    [msg('Recorded'), entry.recorded?.display],
    [msg('Status'), entry.view === 'past' ? entry.clinicalStatus : undefined],
  ];
  const classes = [
    'item',
    entry.negation ? 'item--statement' : '',
    entry.highCriticality ? 'item--high' : '',
    entry.conflict ? 'item--conflict' : '',
  ].join(' ');
  return html`<li class=${classes} part="item" data-key=${entry.key} tabindex=${tabStop ? 0 : -1}>
    <div class="item__main">
      <strong class="substance">${entry.substance}</strong>
      ${entry.highCriticality ? html`<span class="tag tag--high">${msg('High criticality')}</span>` : nothing}
      ${entry.verification ? html`<span class="tag tag--unconfirmed">${entry.verification}</span>` : nothing}
      ${entry.conflict ? html`<span class="tag tag--conflict">${msg('Conflicting entries')}</span>` : nothing}
    </div>
    ${renderDetails([...details, [msg('Recorded by'), entry.recordedBy?.display ?? notKnown()]])}
  </li>`;
}
