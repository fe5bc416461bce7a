import type { ConnectionHealthState } from '../models/ConnectionHealthState.js';

/**
 * Maps Makini's connection status text to a health state.
 *
 * @example
 * stateFromStatus('active'); // 'healthy'
 * stateFromStatus('reauthorization_required'); // 'reauthorization_required'
 * stateFromStatus('something new'); // 'unknown'
 */
export function stateFromStatus(status: string | null | undefined): ConnectionHealthState {
  switch ((status ?? '').toLowerCase()) {
    case 'active':
    case 'connected':
    case 'healthy':
      return 'healthy';
    case 'syncing':
    case 'inprogress':
      return 'syncing';
    case 'reauthorization_required':
    case 'fail':
      return 'reauthorization_required';
    case 'disconnected':
    case 'deleted':
    case 'revoked':
      return 'disconnected';
    case 'error':
    case 'degraded':
      return 'degraded';
    default:
      return 'unknown';
  }
}
