import { describe, expect, it } from 'vitest';
import { savedName } from './update.js';

describe('savedName', () => {
  it.each([
    // The link's name already reads as the release its link says: kept.
    ['january-2026-alpha-numeric-hcpcs-file.zip', '2026-01', 1, 'january-2026-alpha-numeric-hcpcs-file.zip'],
    ['13anweb.zip', '2013-01', 1, '13anweb.zip'],
    [
      'october-2025-alpha-numeric-hcpcs-file_v4.zip',
      '2025-10',
      4,
      'october-2025-alpha-numeric-hcpcs-file_v4.zip',
    ],
    ['2017-alpha-numeric-hcpcs-file-april.zip', '2017-04', 1, '2017-alpha-numeric-hcpcs-file-april.zip'],
    // The release or revision is the text's only: put in front, where the import reads it.
    ['hcpcs-file-jan.zip', '2025-01', 1, '2025-01-hcpcs-file-jan.zip'],
    ['2017-alpha-numeric-hcpcs-file.zip', '2017-04', 1, '2017-04-2017-alpha-numeric-hcpcs-file.zip'],
    [
      'july-2025-alpha-numeric-hcpcs-file.zip',
      '2025-07',
      3,
      '2025-07_v3-july-2025-alpha-numeric-hcpcs-file.zip',
    ],
    // No release known: the link's name.
    ['hcpcs.zip', undefined, 1, 'hcpcs.zip'],
  ])('%s (%s revision %d) is saved as %s', (name, release, revision, expected) => {
    expect(savedName(name, release, revision)).toBe(expected);
  });
});
