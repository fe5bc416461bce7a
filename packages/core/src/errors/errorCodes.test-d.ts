import { describe, expectTypeOf, it } from 'vitest';
import type { LinkError } from '../oauth/LinkError.js';
import type { ReconnectLinkError } from '../reconnectLinks/ReconnectLinkError.js';
import type { ReconnectLinkErrorCode } from '../reconnectLinks/ReconnectLinkErrorCode.js';
import type { ClientErrorCode } from './ClientErrorCode.js';
import type { ErrorCode } from './ErrorCode.js';
import type { InvalidArgumentError } from './InvalidArgumentError.js';
import type { LinkErrorCode } from './LinkErrorCode.js';
import type {
  AbortError,
  ConnectionError,
  MakiniApiError,
  MakiniError,
  RateLimitError,
  ReauthorizationRequiredError,
  TimeoutError,
  ValidationError,
} from './MakiniError.js';
import type { MakiniErrorCode } from './MakiniErrorCode.js';
import type { PaginationError } from './PaginationError.js';
import type { ResponseTooLargeError } from './ResponseTooLargeError.js';

describe('error codes', () => {
  it('types MakiniError.code as the union of the code tables, not as any string', () => {
    expectTypeOf<MakiniError['code']>().toEqualTypeOf<MakiniErrorCode>();
    expectTypeOf<MakiniErrorCode>().toEqualTypeOf<
      ErrorCode | ClientErrorCode | LinkErrorCode | ReconnectLinkErrorCode
    >();
    expectTypeOf<string>().not.toExtend<MakiniError['code']>();
    expectTypeOf<'SOMETHING_ELSE'>().not.toExtend<MakiniError['code']>();
  });

  it('narrows the code on each class', () => {
    expectTypeOf<RateLimitError['code']>().toEqualTypeOf<'RATE_LIMIT_EXCEEDED'>();
    expectTypeOf<
      ReauthorizationRequiredError['code']
    >().toEqualTypeOf<'REAUTHORIZATION_REQUIRED'>();
    expectTypeOf<TimeoutError['code']>().toEqualTypeOf<'TIMEOUT'>();
    expectTypeOf<AbortError['code']>().toEqualTypeOf<'ABORTED'>();
    expectTypeOf<ResponseTooLargeError['code']>().toEqualTypeOf<'RESPONSE_TOO_LARGE'>();
    expectTypeOf<PaginationError['code']>().toEqualTypeOf<'PAGINATION_STALLED'>();
    expectTypeOf<InvalidArgumentError['code']>().toEqualTypeOf<'INVALID_ARGUMENT'>();
    expectTypeOf<ConnectionError['code']>().toEqualTypeOf<
      'CONNECTION_FAILED' | 'INVALID_RESPONSE'
    >();
    expectTypeOf<LinkError['code']>().toEqualTypeOf<LinkErrorCode>();
    expectTypeOf<ReconnectLinkError['code']>().toEqualTypeOf<
      'LINK_EXPIRED' | 'LINK_USED' | 'LINK_INVALID' | 'LINK_WRONG_CONNECTION'
    >();
    expectTypeOf<MakiniApiError['code']>().toEqualTypeOf<ErrorCode | LinkErrorCode>();
  });

  it('tells "the server refused the input" from "the response broke the schema"', () => {
    expectTypeOf<ValidationError['code']>().toEqualTypeOf<'RESPONSE_VALIDATION_FAILED'>();
    expectTypeOf<'VALIDATION_ERROR'>().toExtend<ErrorCode>();
    expectTypeOf<'VALIDATION_ERROR'>().not.toExtend<ClientErrorCode>();
  });
});
