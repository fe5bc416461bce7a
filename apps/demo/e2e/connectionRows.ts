import type { Page } from 'playwright-core';

/** A connection as the demo back end lists it. */
export interface ListedConnection {
  key: string;
  name: string;
  platform: string;
  system?: string;
}

/** The connections the back end lists, in its order (which the Connections page keeps). */
export async function listConnections(backendUrl: string): Promise<ListedConnection[]> {
  const response = await fetch(`${backendUrl}/api/connections`);
  if (!response.ok) throw new Error(`GET /api/connections answered ${response.status}`);
  return ((await response.json()) as { data: ListedConnection[] }).data;
}

/** Every row of the Connections page's `<ConnectionList>`. */
export const connectionRows = (page: Page) =>
  page.locator('[data-makini="connection-list"] tr[data-part="row"]');

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The row of the connection named `name` (its row header). */
export const connectionRow = (page: Page, name: string) =>
  connectionRows(page).filter({
    has: page.locator('[data-part="connection-name"]', { hasText: exactly(name) }),
  });

/** The `<ConnectionStatus>` in the row of `name`: `data-state` is its health state. */
export const connectionStatus = (page: Page, name: string) =>
  connectionRow(page, name).locator('[data-makini="connection-status"]');
