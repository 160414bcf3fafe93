import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // base './': the built app works from any folder of a web server.
  base: './',
  plugins: [
    // care-* tags are custom elements, not Vue components.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('care-') } } }),
  ],
});
