export type { RecordOptions } from './getRecord.js';
export { getRecord } from './getRecord.js';
export { getRecords } from './getRecords.js';
export type { InvalidRecord, InvalidRecordEvent, RecordIssue } from './InvalidRecord.js';
export { invalidRecordOf } from './invalidRecordOf.js';
export type {
  FieldsOf,
  Filter,
  FilterCondition,
  FilterOperator,
  FilterValue,
  ListParams,
  Sort,
} from './ListParams.js';
export { listRecords } from './listRecords.js';
export { type OperationPath, type PathTemplate, pathKey } from './pathKey.js';
export type { ObjectRequestOptions } from './requestObject.js';
export { requestObject } from './requestObject.js';
export type { WriteOptions } from './writeRecord.js';
export { writeRecord } from './writeRecord.js';
