import { elementsOnly } from './scripts/manifest-plugin.js';

/**
 * `npm run manifest` writes custom-elements.json: the element classes and their registration
 * modules, with the base classes analysed too so that what the elements inherit is listed.
 */
export default {
  globs: ['src/elements/*/*.ts', 'src/base/record-element.ts', 'src/base/record-config.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.templates.ts'],
  litelement: true,
  plugins: [elementsOnly()],
};
