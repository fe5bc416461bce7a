import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DemoErrorCode } from './DemoErrorCode.js';

/** A refusal the back end answers as `{ error: { code, message, field?, fields? } }`. */
export class DemoHttpError extends Error {
  override readonly name = 'DemoHttpError';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: DemoErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }

  toJSON() {
    const field = this.fields ? Object.keys(this.fields)[0] : undefined;
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(field ? { field } : {}),
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}
