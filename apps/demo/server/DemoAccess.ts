const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Who may call the back end. It listens on the developer's machine, where any page they open can
 * send it requests: it answers only to the names it is reached as (so a DNS-rebound name reads
 * nothing) and to pages only from the front end's own origin, reads as well as writes.
 */
export class DemoAccess {
  private readonly hosts = new Set<string>();
  private readonly anyPortHosts = new Set<string>();
  private readonly appHosts = new Set<string>();

  /**
   * @param allowedHosts more names the demo is reached as, e.g. `demo.internal` (any port) or
   * `demo.internal:8080` (that port only); the front end is then reached by them too.
   */
  constructor(options: { appUrl: string; backendUrl: string; allowedHosts?: string[] }) {
    const app = new URL(options.appUrl);
    const backend = new URL(options.backendUrl);
    for (const port of [app.port, backend.port]) {
      for (const name of LOOPBACK_NAMES) this.hosts.add(`${name}:${port}`);
    }
    for (const name of LOOPBACK_NAMES) this.appHosts.add(`${name}:${app.port}`);
    this.appHosts.add(app.host);
    this.hosts.add(app.host).add(backend.host);
    for (const entry of options.allowedHosts ?? []) {
      const host = entry.toLowerCase();
      if (/:\d+$/.test(host)) {
        this.hosts.add(host);
        this.appHosts.add(host);
      } else this.anyPortHosts.add(host);
    }
  }

  /** The names the back end answers to, for messages. */
  describe(): string {
    return [...this.hosts, ...this.anyPortHosts].join(', ');
  }

  /** The front end's origins, for messages. */
  describeOrigins(): string {
    const anyPort = [...this.anyPortHosts].map((name) => `${name} (any port)`);
    return [...this.appHosts, ...anyPort].join(', ');
  }

  allowsHost(header: string | undefined): boolean {
    const host = (header ?? '').toLowerCase();
    return this.hosts.has(host) || this.anyPortHosts.has(host.replace(/:\d+$/, ''));
  }

  /** The front end's pages, reached by any of its names. */
  allowsOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.origin !== origin.toLowerCase().replace(/\/$/, '')) return false;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return this.appHosts.has(url.host) || this.anyPortHosts.has(url.hostname);
  }
}
