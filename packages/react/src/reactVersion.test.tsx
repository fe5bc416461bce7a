import { version } from 'react';
import { describe, expect, it } from 'vitest';

describe('the React these tests run on', () => {
  it('is the one the run asked for (19 here; 18 in tests/react18)', () => {
    expect(version.split('.')[0]).toBe(process.env.EXPECTED_REACT_MAJOR ?? '19');
  });
});
