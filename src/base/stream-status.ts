import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Pager, PagerGroup } from '../data/pager.js';
import { formatCount as count } from '../format/quantity.js';
import { plainText } from '../format/text.js';
import { errorText } from './errors.js';

export interface StreamStatusOptions {
  /** The notice's title when a part stopped, e.g. "Some medications could not be loaded, so this list is incomplete." */
  incomplete: string;
  /** What a search is called for a clinician: "Prescriptions (MedicationRequest)". */
  partName(type: string): string;
  /** A failed page is being asked for again. */
  resuming: boolean;
  /** Try again: asks for the failed pages again. */
  onResume(): void;
}

/**
 * Where a streaming section has got to. While pages arrive: "Loaded 350 of 5,000" (or "350+" when the
 * server gives no total) with a progress bar. Once no more will come: nothing when everything
 * arrived, else a notice naming each part that stopped, how far it got and why (a failed page,
 * with Try again; a link back to a page already read; a total the pages never reached).
 */
export function renderStreamStatus(stream: PagerGroup, options: StreamStatusOptions): TemplateResult {
  return html`${renderWarnings(stream.warnings)}${renderProgress(stream, options)}`;
}

/**
 * What the server said inside its answer (`search.mode` `outcome`), e.g. that some data is withheld:
 * shown at the top of the section, in its words (cleaned as every server text is).
 */
function renderWarnings(warnings: readonly string[]): TemplateResult | typeof nothing {
  if (warnings.length === 0) return nothing;
  return html`<div class="notice notice--server" part="warning" role="note">
    <p class="notice__title">${msg('The record server says:')}</p>
    ${warnings.map((warning) => html`<p><bdi>${plainText(warning)}</bdi></p>`)}
  </div>`;
}

function renderProgress(stream: PagerGroup, options: StreamStatusOptions): TemplateResult | typeof nothing {
  if (!stream.done) {
    const { loaded, total } = stream;
    const known = total !== undefined && total > 0;
    return html`<div class="stream" part="progress">
      <span class="stream__label" id="stream-label" role="status">
        ${known ? msg(str`Loaded ${count(loaded)} of ${count(total)}`) : msg(str`Loaded ${count(loaded)}+`)}
      </span>
      <progress
        aria-labelledby="stream-label"
        max=${known ? total : nothing}
        value=${known ? Math.min(loaded, total) : nothing}
      ></progress>
    </div>`;
  }
  const stopped = stream.stopped;
  if (stopped.length === 0) return nothing;
  return html`<div class="notice" part="error" role="alert">
    <p class="notice__title">${options.incomplete}</p>
    ${stopped.map((pager) => html`<p>${options.partName(pager.type)}: ${howFar(pager)}</p>`)}
    ${
      stream.canResume
        ? html`<button
            class="care-button"
            type="button"
            aria-disabled=${options.resuming ? 'true' : 'false'}
            @click=${() => {
              if (!options.resuming) options.onResume();
            }}
          >
            ${options.resuming ? msg('Loading the rest…') : msg('Try again')}
          </button>`
        : nothing
    }
  </div>`;
}

/** "50 of 96 loaded. <why>", or for a total the pages never reached, what the server left out. */
function howFar(pager: Pager): string {
  const { loaded, total, error } = pager;
  if (!error) {
    return msg(
      str`showing ${count(loaded)} of ${count(total ?? loaded)}: the record server sent no link to the rest.`,
    );
  }
  const read =
    total !== undefined && total > loaded
      ? msg(str`${count(loaded)} of ${count(total)} loaded.`)
      : loaded === 0
        ? msg('none loaded.')
        : msg(str`${count(loaded)} loaded, the rest not.`);
  return `${read} ${errorText(error)}`;
}
