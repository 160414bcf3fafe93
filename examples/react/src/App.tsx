import { useState } from 'react';
import type { Resource } from 'fhir/r4';
// Registers the elements this page uses (each registration module defines one tag).
import 'care-record-elements/elements/record/record.js';
import 'care-record-elements/elements/patient-banner/patient-banner.js';
import 'care-record-elements/elements/medication-list/medication-list.js';
import 'care-record-elements/elements/encounter-timeline/encounter-timeline.js';

// The record server: ?endpoint=… (the example's test), else VITE_FHIR_ENDPOINT, else the demo's.
const params = new URLSearchParams(location.search);
const endpoint = params.get('endpoint') ?? import.meta.env.VITE_FHIR_ENDPOINT ?? 'http://127.0.0.1:8787/fhir';
const nhsNumber = params.get('nhs-number') ?? '9992509740';

const describe = (resource: Resource) => `${resource.resourceType}/${resource.id ?? '(no id)'}`;

export function App() {
  const [selected, setSelected] = useState<string>();
  const select = (event: GlobalEventHandlersEventMap['care-select']) =>
    setSelected(describe(event.detail.resource));
  return (
    <main>
      <h1>Shared care record (React)</h1>
      <care-record endpoint={endpoint} nhs-number={nhsNumber}>
        <care-patient-banner />
        <care-medication-list headingLevel={2} oncare-select={select} />
        <care-encounter-timeline headingLevel={2} oncare-select={select} />
      </care-record>
      <p role="status" id="selected">
        {selected ? `Selected: ${selected}` : 'Select a medicine or an encounter to open it.'}
      </p>
    </main>
  );
}
