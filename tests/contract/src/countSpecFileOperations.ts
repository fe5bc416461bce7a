import { readFileSync } from 'node:fs';
import { SPECS_DIR } from '../../../tooling/openapi/loadOverlaidSpecs.js';

/**
 * The number of operations in `specs/oas3_system.json` plus `specs/oas3_erp.json`, read from the
 * files themselves, so the coverage total cannot follow a shrinking operations table.
 *
 * @example
 * countSpecFileOperations(); // 120
 */
export function countSpecFileOperations(): number {
  let count = 0;
  for (const name of ['oas3_system.json', 'oas3_erp.json']) {
    const document = JSON.parse(readFileSync(`${SPECS_DIR}/${name}`, 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const item of Object.values(document.paths)) {
      for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])
        if (item[method] !== undefined) count += 1;
    }
  }
  return count;
}
