import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { manifestArgTypes, type Manifest } from './manifest-arg-types.js';

// Descriptions come from the Custom Elements Manifest, which lists only the public API.
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    // axe runs on every story; a violation fails the story test.
    a11y: { test: 'error' },
    controls: { expanded: true },
    docs: {
      // One row per public property (not one for it and one for its attribute), with a control
      // that fits its type.
      extractArgTypes: (tagName: string) => manifestArgTypes(manifest as Manifest, tagName),
    },
  },
};

export default preview;
