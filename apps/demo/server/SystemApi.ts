import {
  clientCredentials,
  MakiniClient,
  NotFoundError,
  type TokenResponse,
} from '@makini-kit/core';
import type { DemoConfig } from './config.js';
import { telemetry } from './tracing.js';

/** Renew the app's token this long before it expires. */
const EARLY_MS = 60_000;

/**
 * Makini's system API (`/api/system/*`) with the app's own client credentials, not a connection's
 * token: deleting a connection works even when its token is what broke, and the platforms list
 * names each system for the customer ("SAP S/4HANA" rather than `sap-s4hana`).
 */
export class SystemApi {
  private token: Promise<TokenResponse> | undefined;
  private names: Promise<Map<string, string>> | undefined;
  private readonly client: MakiniClient;

  constructor(private readonly config: DemoConfig) {
    this.client = new MakiniClient({
      baseUrl: config.makiniUrl,
      getToken: () => this.accessToken(),
      maxRetries: 1,
      userAgent: 'acme-procurement-demo',
      telemetry,
    });
  }

  private async accessToken(): Promise<string> {
    const current = await this.token?.catch(() => undefined);
    if (!current || (current.expiresAt !== null && current.expiresAt - EARLY_MS < Date.now())) {
      this.token = clientCredentials({
        baseUrl: this.config.makiniUrl,
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        telemetry,
      });
    }
    return (await (this.token as Promise<TokenResponse>)).access_token;
  }

  /** `DELETE /api/system/connections/{id}`; a connection Makini no longer knows counts as deleted. */
  async deleteConnection(key: string): Promise<void> {
    try {
      await this.client.connections.delete(key);
    } catch (error) {
      if (!NotFoundError.is(error)) throw error;
    }
  }

  /** The system's display name for a provider slug; the slug itself when Makini names none. */
  async systemName(provider: string): Promise<string> {
    this.names ??= (async () => {
      const names = new Map<string, string>();
      for await (const platform of this.client.platforms.list({ perPage: 100 })) {
        const { provider: slug, name } = platform as { provider?: string; name?: string };
        if (slug && name) names.set(slug, name);
      }
      return names;
    })();
    // A failed read is tried again on the next call rather than remembered.
    const names = await this.names.catch((error: unknown) => {
      this.names = undefined;
      throw error;
    });
    return names.get(provider) ?? provider;
  }

  close() {
    this.client.close();
  }
}
