import { html, nothing, type TemplateResult } from 'lit';
import type { ResultFlag, ResultStatus } from '../../model/results.js';

/** A flag in words, a critical one marked `!!` too: never told by colour alone. */
export function renderFlag(flag: ResultFlag | undefined): TemplateResult | typeof nothing {
  if (!flag) return nothing;
  return html`<span class="flag flag--${flag.level}" part="flag"
    >${flag.level === 'critical' ? html`<span class="flag__mark" aria-hidden="true">!! </span>` : nothing}${flag.label}</span
  >`;
}

/** A report's or result's status in words (preliminary, final, amended, corrected, cancelled…). */
export function renderStatus(status: ResultStatus, label: string): TemplateResult {
  return html`<span class="status status--${status}" part="status">${label}</span>`;
}
