import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './': the built app works from any folder of a web server.
export default defineConfig({ base: './', plugins: [react()] });
