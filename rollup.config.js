import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/**
 * tsc writes dist/ (one ES module per source file, with .d.ts); rollup then bundles the
 * self-registering CDN build from it: Lit included, production mode, minified.
 */
export default {
  input: 'dist/all.js',
  output: {
    file: 'dist/cdn/care-record-elements.js',
    format: 'es',
    sourcemap: true,
    // The virtualizer loads a polyfill lazily; one file is what a <script> tag can take.
    inlineDynamicImports: true,
  },
  plugins: [
    nodeResolve({ exportConditions: ['production'], browser: true }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
