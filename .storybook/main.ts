import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  // conformance.mdx: the NHS CUI conformance report page (renders conformance/cui-report.json).
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  viteFinal: async (viteConfig) => ({
    ...viteConfig,
    // One copy of Lit for every story (otherwise "Multiple versions of Lit loaded").
    optimizeDeps: {
      ...viteConfig.optimizeDeps,
      include: [
        ...(viteConfig.optimizeDeps?.include ?? []),
        'lit',
        'lit/decorators.js',
        'lit/directives/class-map.js',
        '@lit/context',
        '@lit/task',
        '@lit/localize',
      ],
    },
  }),
};

export default config;
