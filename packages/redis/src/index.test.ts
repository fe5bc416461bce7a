import { describe, expect, it } from 'vitest';
import * as entry from './index.js';

describe('@makini-kit/redis entry point', () => {
  it('exports exactly these names (any change here is an API change)', () => {
    expect(Object.keys(entry).sort()).toMatchSnapshot();
  });
});
