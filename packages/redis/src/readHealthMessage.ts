import type { ConnectionHealth } from '@makini-kit/core';
import { readPublishedHealth } from './readPublishedHealth.js';

/** Longer than any health a monitor publishes (20 transitions): anything larger is not one. */
const MAX_MESSAGE_CHARS = 256 * 1024;

/** One message of the health channel: `{ v: 1, o: origin, id, h: health | null }`. */
export type HealthMessage = {
  origin: string;
  connectionId: string;
  health: ConnectionHealth | null;
};

/** Reads a message of the health channel, or says what is wrong with it. */
export function readHealthMessage(raw: string): HealthMessage | { problem: string } {
  if (raw.length > MAX_MESSAGE_CHARS) return { problem: 'it is too large' };
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return { problem: 'it is not JSON' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { problem: 'it is not an object' };
  }
  const { v, o, id, h } = message as Record<string, unknown>;
  if (v !== 1) return { problem: `version ${JSON.stringify(v)} is not 1` };
  if (typeof o !== 'string' || o === '') return { problem: 'it names no origin' };
  if (typeof id !== 'string' || id === '') return { problem: 'it names no connection' };
  if (h === null) return { origin: o, connectionId: id, health: null };
  const read = readPublishedHealth(h, id);
  if ('problem' in read) return read;
  return { origin: o, connectionId: id, health: read.health };
}
