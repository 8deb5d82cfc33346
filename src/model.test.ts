import { describe, expect, it } from 'vitest';
import { isActiveOn } from './model.js';

describe('isActiveOn', () => {
  it('treats the termination date as the last day of use', () => {
    expect(isActiveOn({ terminationDate: '2020-12-31' }, '2020-12-31')).toBe(true);
    expect(isActiveOn({ terminationDate: '2020-12-31' }, '2021-01-01')).toBe(false);
    expect(isActiveOn({ terminationDate: null }, '2099-01-01')).toBe(true);
  });
});
