/**
 * The reference pages in ../shared/seeds (one code's page as a public HCPCS site prints it, saved
 * as text): the target the code pages and the record view are checked against.
 */
import { readFileSync } from 'node:fs';
import { cms } from './cms.js';

export interface SeedField {
  readonly label: string;
  readonly value: string;
  /** The decoded meaning, from the page's "<label> Description" row when it has one. */
  readonly meaning: string | undefined;
}

/**
 * The fields of a reference page, in its order: `<i>label</i>\tvalue\t` lines, where a
 * "Coverage Code Description" row is the meaning of "Coverage Code" ("Short Description" is a
 * field of its own: no "Short" precedes it).
 * @example seedFields('000_a8d5ed219993a9e2.txt')[0] // { label: 'HCPCS Code', value: 'J1640', meaning: undefined }
 */
export function seedFields(file: string): SeedField[] {
  const fields: { label: string; value: string; meaning: string | undefined }[] = [];
  for (const line of readFileSync(cms('..', 'seeds', file), 'utf8').split('\n')) {
    const m = /^<i>(.+?)<\/i>\t([^\t]*)\t/.exec(line);
    if (!m) continue;
    const [label, value] = [m[1] as string, m[2] as string];
    const decoded = fields.find((f) => `${f.label} Description` === label);
    if (decoded) decoded.meaning = value;
    else fields.push({ label, value, meaning: undefined });
  }
  return fields;
}
