/**
 * GET /api/codes/{code}/payment: what Medicare pays for a code on a date (ASP limit, DMEPOS / PEN
 * fees), the answer of `hcpcs payment --json`; GET /api/codes/{code}/payment/history: how it moved
 * per quarter (`hcpcs payment --history --json`); GET /api/payments: the imported payment datasets
 * (`hcpcs releases --payments --json`); GET /api/payments/diff: new, dropped and changed amounts
 * between two quarters (`hcpcs payment-diff --json`). Declared with @hono/zod-openapi like the rest
 * of /api, so that they validate their parameters and appear in /openapi.json.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { paymentDatasetJson, paymentDiff, paymentHistory } from '../../payment/payment-history.js';
import { paymentFor } from '../../payment/payment-lookup.js';
import type { HcpcsStore } from '../../store/store.js';
import { routeQuery } from '../http/cache.js';
import { methodNotAllowed } from '../http/security.js';
import { CodeParam, ErrorSchema, json, MAX_PARAM_LENGTH } from './schemas.js';

const text = (description: string, example: string) =>
  z.string().max(MAX_PARAM_LENGTH).optional().openapi({ description, example });

export const PaymentQuerySchema = z.object({
  date: text('date of service YYYY-MM-DD; the latest imported quarter when absent', '2025-02-15'),
  state: text('two-letter state of the DMEPOS / PEN fee schedule', 'CA'),
  modifier: text('DMEPOS / PEN fees with this modifier only', 'NU'),
  rural: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'the rural fee applies', example: 'false' }),
});

const PaymentSchema = z
  .object({
    code: z.string(),
    date: z.string().nullable(),
    asp: z.object({ paymentLimit: z.string(), dosage: z.string() }).passthrough().nullable(),
    fees: z.array(z.object({ schedule: z.string() }).passthrough()),
    notes: z.array(z.string()),
  })
  .passthrough()
  .openapi('Payment');

const getPayment = createRoute({
  method: 'get',
  path: '/api/codes/{code}/payment',
  tags: ['payment'],
  summary: 'What Medicare pays: ASP payment limit per billing unit, DMEPOS / PEN fees per state, for a date',
  request: { params: CodeParam, query: PaymentQuerySchema },
  responses: {
    200: json(PaymentSchema, 'the amounts in effect'),
    400: json(ErrorSchema, 'bad request: the message names the parameter'),
    404: json(ErrorSchema, 'no payment file imported, or none covers the date'),
  },
});

const HistoryQuerySchema = z.object({
  state: text('the DMEPOS / PEN fees of one state only', 'CA'),
  modifier: text('the DMEPOS / PEN fee rows with this modifier only', 'NU'),
});

const getPaymentHistory = createRoute({
  method: 'get',
  path: '/api/codes/{code}/payment/history',
  tags: ['payment'],
  summary: 'How the payment moved per imported quarter: the ASP limit and each DMEPOS / PEN fee row',
  request: { params: CodeParam, query: HistoryQuerySchema },
  responses: {
    200: json(
      z
        .object({
          code: z.string(),
          asp: z.array(z.object({}).passthrough()),
          fees: z.array(z.object({}).passthrough()),
        })
        .openapi('PaymentHistory'),
      'the quarters, oldest first',
    ),
    400: json(ErrorSchema, 'bad request: the message names the parameter'),
  },
});

const DatasetSchema = z
  .object({ key: z.string(), kind: z.string(), quarter: z.string(), revision: z.number(), rows: z.number() })
  .passthrough()
  .openapi('PaymentDataset');

const getPaymentDatasets = createRoute({
  method: 'get',
  path: '/api/payments',
  tags: ['payment'],
  summary: 'The imported payment datasets: kind, quarter, revision, rows, source files with sha256',
  responses: { 200: json(z.array(DatasetSchema), 'every dataset, by kind, quarter and revision') },
});

const DiffQuerySchema = z.object({
  from: z
    .string()
    .max(MAX_PARAM_LENGTH)
    .openapi({ description: 'a payment dataset', example: 'asp-2025-01' }),
  to: z
    .string()
    .max(MAX_PARAM_LENGTH)
    .openapi({ description: 'a payment dataset of the same kind', example: 'asp-2025-04' }),
});

const getPaymentDiff = createRoute({
  method: 'get',
  path: '/api/payments/diff',
  tags: ['payment'],
  summary: 'New, dropped and changed amounts between two payment quarters of one kind',
  request: { query: DiffQuerySchema },
  responses: {
    200: json(
      z.object({ from: z.string(), to: z.string() }).passthrough().openapi('PaymentDiff'),
      'the diff',
    ),
    400: json(ErrorSchema, 'bad request, or two datasets of different kinds'),
    404: json(ErrorSchema, 'no such payment dataset'),
  },
});

export const PAYMENT_PATHS: Readonly<Record<string, readonly string[]>> = {
  '/api/codes/:code/payment': ['GET'],
  '/api/codes/:code/payment/history': ['GET'],
  '/api/payments': ['GET'],
  '/api/payments/diff': ['GET'],
};

/** Registers the payment routes (and their 405 for other methods). */
export function registerPaymentApi(app: OpenAPIHono, store: HcpcsStore): void {
  app.use(getPayment.getRoutingPath(), routeQuery(Object.keys(PaymentQuerySchema.shape)));
  app.openapi(getPayment, (c) => {
    const q = c.req.valid('query');
    return c.json(
      paymentFor(store, c.req.valid('param').code, {
        date: q.date,
        state: q.state,
        modifier: q.modifier,
        rural: q.rural === 'true',
      }) as never,
      200,
    );
  });
  app.use(getPaymentHistory.getRoutingPath(), routeQuery(Object.keys(HistoryQuerySchema.shape)));
  app.openapi(getPaymentHistory, (c) => {
    const q = c.req.valid('query');
    return c.json(paymentHistory(store, c.req.valid('param').code, q) as never, 200);
  });
  app.use(getPaymentDatasets.getRoutingPath(), routeQuery([]));
  app.openapi(getPaymentDatasets, (c) =>
    c.json(store.payments.datasets().map(paymentDatasetJson) as never, 200),
  );
  app.use(getPaymentDiff.getRoutingPath(), routeQuery(Object.keys(DiffQuerySchema.shape)));
  app.openapi(getPaymentDiff, (c) => {
    const q = c.req.valid('query');
    return c.json(paymentDiff(store, q.from, q.to) as never, 200);
  });
  for (const [path, methods] of Object.entries(PAYMENT_PATHS)) app.all(path, methodNotAllowed(methods));
}
