/**
 * Config for the bundled scenarios. `npm start` runs `provision run` with it; see docs/config.md
 * for every key.
 */
import { defineConfig } from './src/config/define.js';

export default defineConfig({
  scenarios: ['scenarios'],
  reporters: ['default', 'json', 'junit', 'markdown'],
  outDir: 'reports',
  seed: 42,
  clock: '2026-01-01T00:00:00Z',
});
