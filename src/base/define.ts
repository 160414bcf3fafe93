import { ContextRoot } from '@lit/context';

let contextRootAttached = false;

/**
 * Registers a tag once. A second registration of the same class (two copies of a registration
 * module) is ignored and a different class under a taken name warns instead of throwing, so one
 * stray script cannot break a portal page.
 */
export function define(tagName: string, elementClass: CustomElementConstructor): void {
  // Elements may upgrade before the <care-record> around them (scripts load in any order);
  // a ContextRoot replays their context requests once the provider arrives.
  if (!contextRootAttached && typeof document !== 'undefined') {
    new ContextRoot().attach(document.documentElement);
    contextRootAttached = true;
  }
  const existing = customElements.get(tagName);
  if (existing === undefined) {
    customElements.define(tagName, elementClass);
  } else if (existing !== elementClass) {
    console.warn(
      `care-record-elements: <${tagName}> is already defined by another script; keeping the first.`,
    );
  }
}
