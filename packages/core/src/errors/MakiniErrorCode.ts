import type { ReconnectLinkErrorCode } from '../reconnectLinks/ReconnectLinkErrorCode.js';
import type { ClientErrorCode } from './ClientErrorCode.js';
import type { ErrorCode } from './ErrorCode.js';
import type { LinkErrorCode } from './LinkErrorCode.js';

/**
 * Every `code` a kit error can carry: the API's codes ({@link ErrorCode}), the client's own
 * ({@link ClientErrorCode}), Makini Link's ({@link LinkErrorCode}) and reconnect links'
 * ({@link ReconnectLinkErrorCode}). A closed union, so a `switch` over it is checked for
 * exhaustiveness.
 */
export type MakiniErrorCode = ErrorCode | ClientErrorCode | LinkErrorCode | ReconnectLinkErrorCode;
