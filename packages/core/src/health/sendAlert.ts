import type { HealthAlert } from './ConnectionHealthMonitorOptions.js';
import type { HealthSharing } from './HealthSharing.js';
import { alertEpisode } from './healthFreshness.js';

/**
 * Calls `onAlert`; with a bus, only when this replica wins the alert's claim, so an episode that
 * several replicas observe is told once. A throwing hook never stops monitoring.
 */
export function sendAlert(
  alert: HealthAlert,
  onAlert: ((alert: HealthAlert) => void) | undefined,
  sharing: HealthSharing | undefined,
): void {
  const fire = () => {
    try {
      onAlert?.(alert);
    } catch {
      // An alert hook's failure must not stop monitoring.
    }
  };
  if (!sharing) {
    fire();
    return;
  }
  void sharing
    .claimAlert(alert.connectionId, alert.kind, alertEpisode(alert.health))
    .then((won) => {
      if (won) fire();
    });
}
