import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatDateTime } from '../format/dates.js';
import { accessRefusal, errorText } from './errors.js';

/**
 * An error in plain English with a way to try again; a refusal of access (no legitimate
 * relationship, no consent) is its own state, with the server's reason and the `break-glass` slot
 * where the host puts its own override flow.
 */
export function renderErrorState(error: unknown, title: string, retry: () => void): TemplateResult {
  const refusal = accessRefusal(error);
  if (refusal !== undefined) {
    return html`<div class="state state--error state--access" part="error access" role="alert">
      <p class="state__title">${msg('Access not permitted')}</p>
      <p>${refusal}</p>
      <slot name="break-glass"></slot>
    </div>`;
  }
  return html`<div class="state state--error" part="error" role="alert">
    <p class="state__title">${title}</p>
    <p>${errorText(error)}</p>
    <button class="care-button" type="button" @click=${retry}>${msg('Try again')}</button>
  </div>`;
}

/** A refresh failed: what is shown is the earlier answer, and says so, with its time. */
export function renderNotRefreshed(error: unknown, at: Date, retry: () => void): TemplateResult {
  const when = formatDateTime(at.toISOString());
  return html`<div class="notice notice--stale" part="error" role="alert">
    <p class="state__title">${msg(str`Not refreshed: showing the record as loaded at ${when}.`)}</p>
    <p>${errorText(error)}</p>
    <button class="care-button" type="button" @click=${retry}>${msg('Try again')}</button>
  </div>`;
}
