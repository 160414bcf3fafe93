import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

/** A `no-restricted-imports` pattern for a relative import of `src/<folder>/…` from another layer. */
function layer(folder, why) {
  return {
    regex: `^(\\.\\./)+${folder}(/|$)`,
    message: `Layer violation (DESIGN.md §2): ${why}.`,
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'storybook-static/',
      'custom-elements.json',
      'release/',
      'examples/*/dist/',
      'examples/*/.angular/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  litA11y.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.name=/^(it|describe)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
  // Layers (DESIGN.md §2): imports only go downward. format/ is pure and at the bottom; model/ maps
  // FHIR to view models with format/ alone; data/ owns every request and may use both; base/ holds
  // the shared element machinery; elements/ compose everything below them.
  {
    files: ['src/format/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              'data',
              'format/ holds pure formatters and never touches the data layer (requests, sources, cache)',
            ),
            layer('model', 'format/ sits below model/: move what both need into format/'),
            layer('base', 'format/ is pure and never depends on the base element'),
            layer('elements', 'format/ is pure and never depends on an element'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              'data',
              'model/ maps FHIR to view models as pure functions: take resources as arguments, never import the data layer (move pure helpers such as reference parsing into format/)',
            ),
            layer('base', 'model/ is pure and never depends on the base element'),
            layer('elements', 'model/ is pure and never depends on an element'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              'base',
              'data/ sits below the elements: it never imports the base element (turn data-layer errors into text in base/, not here)',
            ),
            layer('elements', 'data/ sits below the elements: it never imports an element'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/base/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              'elements',
              'base/ is shared by every element and never imports one: move what is shared into base/',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
