/**
 * The payment datasets in a real SQLite file: stored whole in one transaction, the same files
 * again unchanged, other files for the same quarter kept as the next revision.
 */
import { describe, expect, it } from 'vitest';
import type { PaymentDataset } from '../ingest/payment/payment-datasets.js';
import type { AspRow } from '../ingest/payment/payment-file.js';
import { HcpcsStore } from './store.js';

function aspRow(code: string, limit: string, row: number): AspRow {
  const amounts = {
    paymentLimit: limit,
    coinsurancePercent: '20.000',
    vaccineAwpPercent: null,
    vaccineLimit: null,
    bloodAwpPercent: null,
    bloodLimit: null,
    clottingFactor: null,
  };
  return { row, code, shortDescription: 'Drug', dosage: '1 MG', amounts, notes: null };
}

function dataset(sha: string, rows: AspRow[], id = '2025-01'): PaymentDataset {
  const month = Number(id.slice(5));
  const end = `${id.slice(0, 4)}-${String(month + 2).padStart(2, '0')}-${month + 2 === 3 || month + 2 === 12 ? 31 : 30}`;
  return {
    schedule: 'asp',
    id,
    period: { start: `${id}-01`, end },
    files: [
      { path: `/x/${sha}.csv`, name: `${sha}.csv`, sha256: sha.padEnd(64, '0'), size: 10, rows: rows.length },
    ],
    contentSha256: sha.padEnd(64, 'f'),
    rows,
  };
}

describe('PaymentStore', () => {
  it('imports once, answers "unchanged" for the same files, keeps a re-issue as revision 2', () => {
    const store = HcpcsStore.open(':memory:');
    const first = store.payments.importDatasets([dataset('a', [aspRow('J1640', '33.122', 10)])]);
    expect(first.map((r) => [r.dataset.key, r.outcome, r.dataset.rows])).toEqual([
      ['asp-2025-01_v1', 'imported', 1],
    ]);
    expect(store.payments.importDatasets([dataset('a', [aspRow('J1640', '33.122', 10)])])[0]?.outcome).toBe(
      'unchanged',
    );
    const second = store.payments.importDatasets([dataset('b', [aspRow('J1640', '34.000', 10)])]);
    expect(second[0]?.dataset.key).toBe('asp-2025-01_v2');
    expect(
      store.payments.datasets().map((d) => [d.key, d.superseded, d.files[0]?.sha256.slice(0, 2)]),
    ).toEqual([
      ['asp-2025-01_v1', true, 'a0'],
      ['asp-2025-01_v2', false, 'b0'],
    ]);
    const now = store.payments.inEffect('asp', '2025-02-15');
    expect(now?.key).toBe('asp-2025-01_v2');
    expect(store.payments.rows(now?.key as string, 'J1640')).toMatchObject([
      { amounts: { paymentLimit: '34.000' } },
    ]);
    expect(store.payments.inEffect('asp', '2025-04-01')).toBeUndefined();
    store.close();
  });

  it('stores nothing when one dataset of an import fails', () => {
    const store = HcpcsStore.open(':memory:');
    const twice = dataset('c', [aspRow('J1640', '1.000', 10), aspRow('J1640', '2.000', 11)], '2025-04');
    expect(() =>
      store.payments.importDatasets([dataset('a', [aspRow('J1640', '33.122', 10)]), twice]),
    ).toThrow(/UNIQUE/);
    expect(store.payments.datasets()).toEqual([]);
    store.close();
  });
});

describe('payment history and diff', () => {
  it('lists the limit per quarter and the new, dropped and changed amounts between two quarters', async () => {
    const { aspHistory, paymentDiff } = await import('../payment/payment-history.js');
    const store = HcpcsStore.open(':memory:');
    store.payments.importDatasets([
      dataset('a', [aspRow('J1640', '33.122', 10), aspRow('J0001', '1.000', 11)]),
      dataset('b', [aspRow('J1640', '34.500', 10), aspRow('J0002', '2.000', 12)], '2025-04'),
    ]);
    expect(aspHistory(store, 'J1640').map((e) => [e.dataset, e.paymentLimit, e.change])).toEqual([
      ['asp-2025-01_v1', '33.122', null],
      ['asp-2025-04_v1', '34.500', 1.378],
    ]);
    expect(paymentDiff(store, 'asp-2025-01', 'asp-2025-04')).toEqual({
      from: 'asp-2025-01_v1',
      to: 'asp-2025-04_v1',
      added: ['J0002'],
      dropped: ['J0001'],
      changed: [{ key: 'J1640', fields: { paymentLimit: ['33.122', '34.500'] } }],
    });
    store.close();
  });
});
