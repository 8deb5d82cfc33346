import { describe, expect, it } from 'vitest';
import { ancestorCodes, groupDisplay, isGroupCode, parentCode, subsumption } from './hierarchy.js';

describe('published hierarchy', () => {
  it('puts a code under its hundred-block and its letter section', () => {
    expect(parentCode('J1640')).toBe('J1600-J1699');
    expect(parentCode('J1600-J1699')).toBe('J');
    expect(parentCode('J')).toBeUndefined();
    expect(ancestorCodes('A0021')).toEqual(['A0000-A0099', 'A']);
  });

  it('keeps modifiers and malformed codes outside it', () => {
    expect(parentCode('LT')).toBeUndefined();
    expect(parentCode('J164')).toBeUndefined();
    expect(parentCode('J1600-J1799')).toBeUndefined();
    expect(isGroupCode('J1600-J1799')).toBe(false);
    expect(isGroupCode('J1600-K1699')).toBe(false);
    expect(isGroupCode('J1600-J1699')).toBe(true);
    expect(isGroupCode('Q')).toBe(true);
  });

  it('answers subsumption both ways', () => {
    expect(subsumption('J', 'J1640')).toBe('subsumes');
    expect(subsumption('J1600-J1699', 'J1640')).toBe('subsumes');
    expect(subsumption('J1640', 'J')).toBe('subsumed-by');
    expect(subsumption('J1640', 'J1640')).toBe('equivalent');
    expect(subsumption('J1700-J1799', 'J1640')).toBe('not-subsumed');
    expect(subsumption('LT', 'RT')).toBe('not-subsumed');
  });

  it('names group concepts', () => {
    expect(groupDisplay('E')).toBe('HCPCS Level II section E (codes E0000-E9999)');
    expect(groupDisplay('E0100-E0199')).toBe('HCPCS codes E0100-E0199');
  });
});
