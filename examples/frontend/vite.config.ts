import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // In development, /api goes to the back end (`npm start` in ../backend). Built, the back end
  // serves this app itself, from the same origin.
  server: { proxy: { '/api/': 'http://127.0.0.1:3000' } },
});
