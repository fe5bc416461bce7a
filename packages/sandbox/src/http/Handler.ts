import type { RequestContext } from './RequestContext.js';
import type { Reply } from './Reply.js';

/** A route: reads the request context, answers a reply or throws an `ApiError`. */
export type Handler = (context: RequestContext) => Reply | Promise<Reply>;
