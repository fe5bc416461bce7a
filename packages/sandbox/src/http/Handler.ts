import type { Reply } from './Reply.js';
import type { RequestContext } from './RequestContext.js';

/** A route: reads the request context, answers a reply or throws an `ApiError`. */
export type Handler = (context: RequestContext) => Reply | Promise<Reply>;
