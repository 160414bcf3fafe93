import { expect, fixture, html } from '@open-wc/testing';
import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import { LitElement } from 'lit';
import { patientContext, sourceContext } from '../../src/data/context.js';
import type { PatientSelector } from '../../src/data/patient.js';
import type { RecordSource } from '../../src/data/record-source.js';

class TestProvider extends LitElement {
  source = new ContextProvider(this, { context: sourceContext });
  patient = new ContextProvider(this, { context: patientContext });
}
/** Consumes with contexts created separately, as a second copy of the library would. */
class TestConsumer extends LitElement {
  source = new ContextConsumer(this, {
    context: createContext<RecordSource | undefined>(Symbol.for('care-record-source')),
    subscribe: true,
  });
  patient = new ContextConsumer(this, {
    context: createContext<PatientSelector | undefined>(Symbol.for('care-record-patient')),
    subscribe: true,
  });
}
customElements.define('test-data-context-provider', TestProvider);
customElements.define('test-data-context-consumer', TestConsumer);

describe('contexts', () => {
  it('are keyed by registered symbols', () => {
    expect(sourceContext).to.equal(Symbol.for('care-record-source'));
    expect(patientContext).to.equal(Symbol.for('care-record-patient'));
  });

  it('reach consumers that created their own copies of the contexts', async () => {
    const provider = await fixture<TestProvider>(
      html`<test-data-context-provider
        ><test-data-context-consumer></test-data-context-consumer
      ></test-data-context-provider>`,
    );
    const consumer = provider.querySelector('test-data-context-consumer') as TestConsumer;
    const source = {} as RecordSource;
    provider.source.setValue(source);
    provider.patient.setValue({ nhsNumber: '9434765919' });
    expect(consumer.source.value).to.equal(source);
    expect(consumer.patient.value).to.deep.equal({ nhsNumber: '9434765919' });
  });
});
