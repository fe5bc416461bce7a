import { startReconnectBackend } from './reconnectBackend.js';

// For the "Reconnect against the sandbox" story in `pnpm storybook`: the sandbox on :4020, the
// miniature back end on :4021. Ctrl-C stops both.
const started = await startReconnectBackend({ sandbox: 4020, backend: 4021 });
console.log(
  `Sandbox ${started.sandboxUrl}, back end ${started.backendUrl}, connection ${started.connectionKey}.`,
);
console.log(
  'In the story: Rotate credentials, then Reconnect with the password printed here after rotating.',
);
