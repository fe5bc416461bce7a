/**
 * A Link code exchange whose tokens are not provably the requested connection's: Makini named
 * another connection for them (`connection_id`, else `integrations.current`), or none at all.
 * Nothing was kept, so no connection's token is replaced by one the browser chose. The exchange
 * route answers it with 409 and `code`.
 *
 * @example
 * try {
 *   await makiniServer().exchange({ code, connectionId });
 * } catch (error) {
 *   if (error instanceof WrongConnectionError) return Response.json({ error }, { status: 409 });
 *   throw error;
 * }
 */
export class WrongConnectionError extends Error {
  readonly code = 'WRONG_CONNECTION' as const;

  constructor(message: string) {
    super(message);
    this.name = 'WrongConnectionError';
  }
}
