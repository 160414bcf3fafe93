import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';

// Attribute, property, event, part and CSS-property tables come from the Custom Elements Manifest.
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    // axe runs on every story; a violation fails the story test.
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
};

export default preview;
