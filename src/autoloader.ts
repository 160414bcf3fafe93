/** Imports one element's registration module (which defines its tag). */
export type ElementLoader = () => Promise<unknown>;

export interface Autoloader {
  /** Loads every element used under `root` (and `root` itself) that is not defined yet. */
  discover(root: ParentNode): Promise<void>;
  /** Loads one element by tag; resolves once it is defined. */
  load(tagName: string): Promise<void>;
}

/**
 * Registers elements on first use, as the CDN entry does: nothing is loaded until a `care-*` tag
 * appears in `root` (the whole document by default), and then only that element's module.
 * A tag added later, by the host's script or framework, is seen by a MutationObserver. Elements
 * inside a shadow root of the host's own are not seen: call `discover(shadowRoot)` for those.
 */
export function autoload(
  loaders: Readonly<Record<string, ElementLoader>>,
  root: ParentNode & Node = document.documentElement,
): Autoloader {
  const loading = new Map<string, Promise<void>>();
  const known = (tagName: string) => Object.hasOwn(loaders, tagName);

  const load = (tagName: string): Promise<void> => {
    if (!known(tagName)) return Promise.reject(new Error(`care-record-elements: no element <${tagName}>`));
    let done = loading.get(tagName);
    if (!done) {
      done = loaders[tagName]()
        .then(() => customElements.whenDefined(tagName))
        .then(
          () => undefined,
          (error: unknown) => {
            // Forget the failure, so the next time the tag is seen (or a reload) tries again.
            loading.delete(tagName);
            console.error(`care-record-elements: <${tagName}> could not be loaded`, error);
          },
        );
      loading.set(tagName, done);
    }
    return done;
  };

  const discover = async (node: ParentNode): Promise<void> => {
    const tags = new Set<string>();
    if (node instanceof Element && known(node.localName) && !customElements.get(node.localName)) {
      tags.add(node.localName);
    }
    for (const element of node.querySelectorAll(':not(:defined)')) {
      if (known(element.localName)) tags.add(element.localName);
    }
    await Promise.all([...tags].map(load));
  };

  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
    }
  }).observe(root, { childList: true, subtree: true });
  void discover(root);
  return { discover, load };
}
