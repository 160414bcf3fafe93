import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatDateTime } from '../format/dates.js';
import { errorText } from './errors.js';

/** An error in plain English with a way to try again. */
export function renderErrorState(error: unknown, title: string, retry: () => void): TemplateResult {
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
