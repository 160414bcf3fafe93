import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import type { Resource } from 'fhir/r4';
// Registers the elements this page uses (each registration module defines one tag).
import 'care-record-elements/elements/record/record.js';
import 'care-record-elements/elements/patient-banner/patient-banner.js';
import 'care-record-elements/elements/medication-list/medication-list.js';
import 'care-record-elements/elements/encounter-timeline/encounter-timeline.js';

// The record server: ?endpoint=… (the example's test), else the demo's.
const params = new URLSearchParams(location.search);

/**
 * Angular has no typings for custom elements in templates: CUSTOM_ELEMENTS_SCHEMA lets the
 * care-* tags through, [property] bindings set properties, [attr.x] sets attributes, and
 * (care-select) listens to the elements' events ($event is typed `Event`; the handler narrows it).
 */
@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Shared care record (Angular)</h1>
      <care-record [endpoint]="endpoint" [attr.nhs-number]="nhsNumber">
        <care-patient-banner></care-patient-banner>
        <care-medication-list [headingLevel]="2" (care-select)="select($event)"></care-medication-list>
        <care-encounter-timeline [headingLevel]="2" (care-select)="select($event)"></care-encounter-timeline>
      </care-record>
      <p id="selected" role="status">
        {{ selected() ? 'Selected: ' + selected() : 'Select a medicine or an encounter to open it.' }}
      </p>
    </main>
  `,
})
export class AppComponent {
  readonly endpoint = params.get('endpoint') ?? 'http://127.0.0.1:8787/fhir';
  readonly nhsNumber = params.get('nhs-number') ?? '9992509740';
  readonly selected = signal<string | undefined>(undefined);

  select(event: Event): void {
    const { resource } = (event as GlobalEventHandlersEventMap['care-select']).detail;
    this.selected.set(describe(resource));
  }
}

const describe = (resource: Resource) => `${resource.resourceType}/${resource.id ?? '(no id)'}`;
