/** A fee quarter in words (describeFeeQuarter): what the CLI and the code page show per quarter. */
import { describe, expect, it } from 'vitest';
import { describeFeeQuarter, type FeeHistoryQuarter } from './payment-history.js';

const quarter = (over: Partial<FeeHistoryQuarter>): FeeHistoryQuarter => ({
  dataset: 'dmepos-2025-04_v1',
  start: '2025-04-01',
  end: '2025-06-30',
  listed: true,
  ceiling: '0.00',
  floor: '0.00',
  fees: { AL: { nonRural: '170.02', rural: '170.02' }, CA: { nonRural: '181.00', rural: '180.96' } },
  changes: [],
  ...over,
});

describe('describeFeeQuarter', () => {
  it('where a row starts: its ceiling, floor and count of state fees (PEN rows have no ceiling)', () => {
    expect(describeFeeQuarter(quarter({}), false)).toBe('ceiling 0.00, floor 0.00, 2 state fees');
    expect(describeFeeQuarter(quarter({ ceiling: null, floor: null }), false)).toBe('2 state fees');
  });

  it('later quarters: what moved, "no change", "not listed"; at most N changes listed', () => {
    const changes = [
      { field: 'CA (NR)', from: '178.89', to: '181.00' },
      { field: 'AL (R)', from: null, to: '170.02' },
    ];
    expect(describeFeeQuarter(quarter({ changes }), true)).toBe(
      'CA (NR) 178.89 -> 181.00; AL (R) (blank) -> 170.02',
    );
    expect(describeFeeQuarter(quarter({ changes }), true, 1)).toBe('CA (NR) 178.89 -> 181.00; and 1 more');
    expect(describeFeeQuarter(quarter({}), true)).toBe('no change');
    expect(describeFeeQuarter(quarter({ listed: false }), true)).toBe('not listed');
  });

  it('one state: its non-rural and rural fee each quarter', () => {
    const ca = quarter({ fees: { CA: { nonRural: '181.00', rural: '180.96' } } });
    expect(describeFeeQuarter(ca, false)).toBe('CA 181.00 non-rural, 180.96 rural');
    expect(describeFeeQuarter(ca, true)).toBe('CA 181.00 non-rural, 180.96 rural; no change');
  });
});
