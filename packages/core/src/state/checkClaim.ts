/**
 * Refuses a claim that could never be right: a replica without a name, or ids that are not
 * strings.
 *
 * @throws {TypeError} naming what was wrong.
 */
export function checkClaim(
  owner: string,
  replicaId: unknown,
  connectionIds: unknown,
): asserts connectionIds is readonly string[] {
  if (typeof replicaId !== 'string' || replicaId === '') {
    throw new TypeError(
      `${owner}.claim: replicaId must be a non-empty string naming the replica, got ${JSON.stringify(replicaId)}.`,
    );
  }
  if (
    !Array.isArray(connectionIds) ||
    !connectionIds.every((id) => typeof id === 'string' && id !== '')
  ) {
    throw new TypeError(
      `${owner}.claim: connectionIds must be an array of non-empty strings (the tracked connection ids).`,
    );
  }
}
