import { SandboxAdminError } from './sandboxAdmin.js';
import { startDemo } from './startDemo.js';

// `pnpm demo`: the sandbox on :4010, the back end on :3001, the app on :5173.
const demo = await startDemo({
  ...(process.env.MAKINI_URL ? { makiniUrl: process.env.MAKINI_URL } : {}),
  ...(process.env.MAKINI_SANDBOX_ADMIN_TOKEN
    ? { sandboxAdminToken: process.env.MAKINI_SANDBOX_ADMIN_TOKEN }
    : {}),
  // Names the demo is reached as besides localhost, e.g. DEMO_ALLOWED_HOSTS=demo.internal,demo.test:8080
  allowedHosts: (process.env.DEMO_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean),
}).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    console.error(
      `Port ${(error as { port?: number }).port} is in use: stop what listens there (another demo?) and run again.`,
    );
    process.exit(1);
  }
  if (error instanceof SandboxAdminError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
console.log(`
  Acme Procurement demo is running.

  Open   ${demo.appUrl}
  API    ${demo.backendUrl}  (holds the Makini tokens; the browser never sees them)
  Makini ${demo.makiniUrl}  (the embedded sandbox; Link consent page, webhooks, faults)

  Try it: Developer → "Rotate credentials", watch the status turn red,
  then Reconnect with the new password shown in the developer panel.
  Ctrl-C stops everything.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
