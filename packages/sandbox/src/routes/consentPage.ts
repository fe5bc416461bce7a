import { PLATFORMS } from '../data/platforms.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; display: grid; min-height: 100vh; place-items: center; background: Canvas; color: CanvasText; }
  main { width: min(26rem, 92vw); padding: 2rem; border: 1px solid GrayText; border-radius: 12px; }
  h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
  p { margin: .25rem 0 1rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .35rem; }
  input, select { width: 100%; box-sizing: border-box; padding: .6rem; font: inherit; border: 1px solid GrayText; border-radius: 6px; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
  button { flex: 1; padding: .65rem; font: inherit; font-weight: 600; border-radius: 6px; border: 1px solid #1d4ed8; cursor: pointer; }
  button[value=allow] { background: #1d4ed8; color: #fff; }
  button[value=deny] { background: transparent; color: CanvasText; border-color: GrayText; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  [role=alert] { padding: .6rem .75rem; border-radius: 6px; background: #fee2e2; color: #7f1d1d; }
  small { color: GrayText; }
`;

export interface ConsentPageInput {
  clientName: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
  platform: string | null;
  username: string;
  error?: string;
  /**
   * A reconnect of this connection (`connection_id`): its system is the only one offered and
   * cannot be changed, and its username is read-only.
   */
  bound?: { connectionKey: string; provider: string } | undefined;
}

/** Makini Link's consent page: pick the system, sign in with that system's account. */
export function consentPage(input: ConsentPageInput): string {
  const hidden = (name: string, value: string | null) =>
    value === null ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const { bound } = input;
  const offered = bound
    ? PLATFORMS.filter((platform) => platform.provider === bound.provider)
    : PLATFORMS;
  const selected = bound?.provider ?? input.platform;
  const options = offered
    .map(
      (platform) =>
        `<option value="${escapeHtml(platform.provider)}"${platform.provider === selected ? ' selected' : ''}>${escapeHtml(platform.name)} (${escapeHtml(platform.category)})</option>`,
    )
    .join('');
  const error = input.error ? `<p role="alert" id="form-error">${escapeHtml(input.error)}</p>` : '';
  const described = input.error ? ' aria-describedby="form-error"' : '';
  // A disabled select is not submitted: the fixed system travels in a hidden field instead.
  const fixed = bound
    ? `${hidden('connection_id', bound.connectionKey)}${hidden('platform', bound.provider)}`
    : '';
  const heading = bound
    ? `Reconnect ${escapeHtml(input.clientName)} to your system`
    : `Connect ${escapeHtml(input.clientName)} to your system`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connect your system · Makini Link (sandbox)</title><style>${STYLE}</style></head>
<body><main>
<h1>${heading}</h1>
<p>${escapeHtml(input.clientName)} will read purchase orders and related data through Makini.</p>
${error}
<form method="post" action="/oauth/authorize"${described}>
${hidden('client_id', input.clientId)}${hidden('redirect_uri', input.redirectUri)}${hidden('state', input.state)}${hidden('response_type', 'code')}${fixed}
<label for="platform">System</label>
<select id="platform"${bound ? ' disabled' : ' name="platform" required'}>${options}</select>
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required value="${escapeHtml(input.username)}"${bound ? ' readonly' : ''}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions">
<button type="submit" name="action" value="deny" formnovalidate>Cancel</button>
<button type="submit" name="action" value="allow">Connect</button>
</div>
</form>
<p><small>Sandbox: the seeded accounts use the password <code>sandbox-password</code> until their credentials are rotated.</small></p>
</main></body></html>`;
}

/** A page for requests that must not be redirected (unknown client, unregistered redirect URI). */
export function errorPage(title: string, detail: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Makini Link (sandbox)</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(detail)}</p></main></body></html>`;
}
