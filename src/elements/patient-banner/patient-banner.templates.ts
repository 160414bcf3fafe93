import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { BannerModel } from '../../model/banner.js';

/** A value; an unknown one (`Not known`) in a quieter style, still in words (PAB-0019). */
export function value(text: string, unknown = text === msg('Not known')): TemplateResult {
  return unknown ? html`<span class="unknown">${text}</span>` : html`${text}`;
}

/** A flag beside the NHS number (invalid, unverified), in words with an icon. */
export function flag(text: string, detail?: string): TemplateResult {
  return html`<span class="flag"
    ><span class="flag__icon" aria-hidden="true">!</span> ${text}${
      detail ? html`<span class="flag__detail">: <bdi>${detail}</bdi></span>` : nothing
    }</span
  >`;
}

/**
 * Zone 1 (PAB-0016, PAB-0076): name, date of birth with age, date of death and age at death,
 * gender and NHS number, in this order; `Deceased` and `Restricted record` markers in words.
 */
export function renderZone1(
  model: BannerModel,
  parts: { level: number; nhsNumber: TemplateResult; restrictedMarker: TemplateResult },
): TemplateResult {
  const { deceased } = model;
  const nameKnown = !model.missing.includes('name');
  return html`<div part="zone1" class="zone1 ${deceased ? 'zone1--deceased' : ''}">
    <div class="identity">
      <div
        part="name"
        class="name ${nameKnown ? '' : 'name--unknown'}"
        role="heading"
        aria-level=${parts.level}
      >
        ${nameKnown ? model.name : html`<span class="visually-hidden">${msg('Name')} </span>${model.name}`}
      </div>
      ${
        model.preferredName
          ? html`<p class="preferred">
              <span class="label">${msg('Preferred name')}</span> <bdi>${model.preferredName}</bdi>
            </p>`
          : nothing
      }
      ${
        deceased || model.restricted
          ? html`<div class="markers">
              ${deceased ? html`<span class="marker marker--deceased">${msg('Deceased')}</span>` : nothing}
              ${model.restricted ? parts.restrictedMarker : nothing}
            </div>`
          : nothing
      }
    </div>
    <dl class="demographics ${deceased ? 'demographics--deceased' : ''}">
      <div class="item item--born">
        <dt>${msg('Born')}</dt>
        <dd>
          ${value(model.birthDate, model.missing.includes('birthDate'))}${
            model.age ? html` <span class="age">(${model.age})</span>` : nothing
          }
        </dd>
      </div>
      ${
        deceased
          ? html`<div class="item item--died">
                <dt>${msg('Died')}</dt>
                <dd>
                  ${value(deceased.date, model.missing.includes('deceasedDate'))}
                  ${
                    deceased.notificationDisplay
                      ? html`<span class="notification">${deceased.notificationDisplay}</span>`
                      : nothing
                  }
                </dd>
              </div>
              <div class="item item--age-at-death">
                <dt>${msg('Age at Death')}</dt>
                <dd>${value(deceased.ageAtDeath)}</dd>
              </div>`
          : nothing
      }
      <div class="item item--gender">
        <dt>${msg('Gender')}</dt>
        <dd>${value(model.gender, model.genderCode === 'unknown')}</dd>
      </div>
      <div class="item item--nhs">
        <dt>${msg('NHS No.')}</dt>
        <dd>${parts.nhsNumber}</dd>
      </div>
    </dl>
  </div>`;
}

/** Zone 2: address, contacts, GP practice and allergy status; for a restricted record, allergies alone. */
export function renderZone2(model: BannerModel, practiceFailed: boolean): TemplateResult {
  const allergyClass = model.allergyStatus === 'known' ? 'allergy--known' : '';
  const allergies = html`<div class="item">
    <dt>${msg('Allergies')}</dt>
    <dd><span class="allergy ${allergyClass}">${model.allergyStatusLabel}</span></dd>
  </div>`;
  if (model.restricted) {
    return html`<p class="restricted-note">
        ${msg('This is a restricted record: address, contact details and GP practice are not shown.')}
      </p>
      <dl class="details">${allergies}</dl>`;
  }
  const notKnown = msg('Not known');
  const address = model.address ?? [];
  const contacts = model.contacts ?? [];
  return html`<dl class="details">
    <div class="item item--address">
      <dt>${msg('Address')}</dt>
      <dd>
        ${
          address.length > 0
            ? address.map((line) => html`<span class="address-line">${line}</span>`)
            : value(notKnown, true)
        }
      </dd>
    </div>
    <div class="item item--contacts">
      <dt>${msg('Contact details')}</dt>
      <dd>
        ${
          contacts.length > 0
            ? html`<ul class="contacts">
                ${contacts.map((c) => html`<li><span class="label">${c.label}</span> <bdi>${c.value}</bdi></li>`)}
              </ul>`
            : value(notKnown, true)
        }
      </dd>
    </div>
    <div class="item item--gp">
      <dt>${msg('GP practice')}</dt>
      <dd>
        ${
          model.gp
            ? model.gp
            : html`${value(notKnown, true)}${
                practiceFailed
                  ? html` <span class="note">${msg('The GP practice could not be loaded.')}</span>`
                  : nothing
              }`
        }
      </dd>
    </div>
    ${allergies}
  </dl>`;
}
