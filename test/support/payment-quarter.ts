/**
 * A second payment quarter for the history and diff tests, written at test time into a temporary
 * folder (never committed: CMS files stay in ../shared/cms-payment). It is CMS's January 2025 ASP
 * pricing CSV and DMEPOS fee schedule CSV, byte for byte in format, relabelled April 2025 with a
 * few documented edits, so that "what moved" has known answers:
 *
 * - ASP: J1640 payment limit 33.122 -> 34.015; J9035 dropped; J9999 new (1.250 per 1 MG).
 * - DMEPOS: E0776 NU California non-rural 178.89 -> 181.00; E0776 UE dropped; E0776 RR KU new
 *   (the RR row's amounts with a second modifier).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';

/** CMS's January 2025 payment files (../shared/cms-payment seen from the repository root). */
export const PAYMENT_DIR = resolve(import.meta.dirname, '../../../shared/cms-payment');

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`payment fixture: ${String(from)} is not in the CMS file`);
  return next;
}

function aspCsv(): string {
  const zip = unzipSync(readFileSync(join(PAYMENT_DIR, 'asp/2025-01/january-2025-asp-pricing-file.zip')));
  const name = Object.keys(zip).find((n) => n.endsWith('.csv'));
  if (!name) throw new Error('payment fixture: no CSV in the January 2025 ASP zip');
  // Latin-1 maps each byte to one character and back: the file's bytes (a Windows-1252 no-break
  // space in "1 million PFU") come out as they went in.
  return Buffer.from(zip[name] as Uint8Array).toString('latin1');
}

/**
 * Writes the April 2025 quarter (asp/ and dmepos/ CSVs) under `dir` and returns its folder.
 * @example hcpcs('import', writeAprilQuarter(dir))
 */
export function writeAprilQuarter(dir: string): string {
  const folder = join(dir, 'payment-2025-04');
  mkdirSync(folder, { recursive: true });
  let asp = aspCsv();
  asp = replaceOnce(
    asp,
    'Effective January 1, 2025 through March 31, 2025',
    'Effective April 1, 2025 through June 30, 2025',
  );
  asp = replaceOnce(asp, 'J1640,"Hemin, 1 mg",1 MG,33.122,', 'J1640,"Hemin, 1 mg",1 MG,34.015,');
  asp = replaceOnce(asp, /\r?\nJ9035,[^\n]*/, '');
  asp = `${asp.replace(/\s*$/, '')}\nJ9999,Antineoplastic drugs,1 MG,1.250,20.000,,,,,,,\n`;
  writeFileSync(join(folder, 'asp-2025-04.csv'), asp, 'latin1');

  let fees = readFileSync(join(PAYMENT_DIR, 'dmepos/2025-01/DMEPOS_JAN.csv'), 'latin1');
  fees = replaceOnce(fees, 'January 2025 Fee Schedule', 'April 2025 Fee Schedule');
  // E0776,NU: AL, AR, AZ (NR and R each), then CA (NR) = 178.89 (the file's column order).
  fees = replaceOnce(fees, /(\nE0776,NU,,D,IN,0\.00,0\.00,(?:[\d.]+,){6})178\.89,/, '$1181.00,');
  fees = replaceOnce(fees, /\r?\nE0776,UE,[^\n]*/, '');
  const rented = /\nE0776,RR,,([^\n]*)/.exec(fees)?.[1];
  if (!rented) throw new Error('payment fixture: no E0776 RR row');
  fees = replaceOnce(fees, /(\nE0776,RR,,[^\n]*)/, `$1\nE0776,RR,KU,${rented}`);
  writeFileSync(join(folder, 'dmepos-2025-04.csv'), fees, 'latin1');
  return folder;
}
