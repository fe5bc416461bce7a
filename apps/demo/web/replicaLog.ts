/** One answer of the back end and the replica that gave it (`x-demo-replica`). */
export interface ReplicaAnswer {
  /** Position in the log, unique. */
  sequence: number;
  path: string;
  replica: string;
  at: number;
}

const KEEP = 30;
let answers: readonly ReplicaAnswer[] = [];
let sequence = 0;
const listeners = new Set<() => void>();

/**
 * The last answers of the back end that named their replica, for the developer panel: with
 * `pnpm demo --replicas 3` they take turns. Empty when the back end is one process.
 */
export const replicaLog = {
  note(path: string, replica: string | null) {
    if (!replica) return;
    answers = [
      ...answers.slice(-(KEEP - 1)),
      { sequence: ++sequence, path, replica, at: Date.now() },
    ];
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  getSnapshot: () => answers,
};
