/**
 * POST /api/check against one oversized line and a client that hangs up in the
 * middle of its batch: a line over the bounds of src/history/batch-limits.ts is
 * answered by an error row naming its line and the rows after it are answered; a hang-up ends the
 * batch quietly.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestServer } from './support/http.js';

const server = useTestServer();

interface Row {
  line: number;
  code: string;
  valid: boolean;
  status: string;
  modifiers: unknown[];
  error?: string;
}

async function postCheck(contentType: string, body: string) {
  const res = await fetch(`${server.url}/api/check`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const rowsOf = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('POST /api/check with a line over the limits', () => {
  it('answers a 20 MB NDJSON modifiers line by an error row, then the next line', async () => {
    const modifiers = '"LT",'.repeat(4_000_000);
    const body = `{"code":"J1640","modifiers":[${modifiers}"LT"]}\n{"code":"J1640","date":"2026-02-01","modifiers":["LT","RT"]}\n`;
    expect(body.length).toBeGreaterThan(20_000_000);
    const { status, text } = await postCheck('application/x-ndjson', body);
    expect(status).toBe(200);
    expect(rowsOf(text)).toEqual([
      {
        line: 1,
        code: '',
        date: '',
        modifiers: [],
        valid: false,
        status: 'error',
        error: 'line 1: longer than 65536 bytes',
      },
      expect.objectContaining({ line: 2, code: 'J1640', valid: true, status: 'valid' }),
    ]);
  });

  it('answers a 20 MB CSV line of commas by an error row, then the next line', async () => {
    const body = `code,date\n${','.repeat(20_000_000)}\nJ1640,2026-02-01,LT\n`;
    const { status, text } = await postCheck('text/csv', body);
    expect(status).toBe(200);
    const lines = text.trim().split('\n');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      '2,,,,false,error',
      '3,J1640,2026-02-01,LT,true,valid',
    ]);
    expect(lines[1]?.endsWith(',line 2: longer than 65536 bytes')).toBe(true);
  });

  it('answers a line with more than 10 modifiers by their count', async () => {
    const body = `{"code":"J1640","date":"2026-02-01","modifiers":${JSON.stringify(Array(11).fill('LT'))}}\n`;
    const { text } = await postCheck('application/x-ndjson', body);
    expect(rowsOf(text)).toEqual([
      {
        line: 1,
        code: 'J1640',
        date: '2026-02-01',
        modifiers: Array(10).fill('LT'),
        valid: false,
        status: 'error',
        error: 'line 1: 11 modifiers: at most 10 a line',
      },
    ]);
  });
});

describe('POST /api/check when the client hangs up', () => {
  it('ends the batch without logging an internal error', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return write(chunk);
    });
    const { port } = new URL(server.url);
    for (const type of ['text/csv', 'application/x-ndjson']) {
      const first = type === 'text/csv' ? 'J1640,2026-02-01\n' : '{"code":"J1640"}\n';
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: 100000\r\n\r\n${first}`,
          );
          // Hangs up once the first row is answered, in the middle of its body.
          socket.once('data', () => socket.destroy());
        });
        socket.on('close', () => resolve());
      });
    }
    // Requests after the hang-ups are answered once the server has seen them go.
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/api/releases`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(written.filter((line) => line.includes('hcpcs serve'))).toEqual([]);
  });
});
