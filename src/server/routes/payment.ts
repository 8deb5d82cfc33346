/**
 * GET /api/codes/{code}/payment: what Medicare pays for a code on a date (ASP limit, DMEPOS / PEN
 * fees), the answer of `hcpcs payment --json`. Declared with @hono/zod-openapi like the rest of
 * /api, so that it validates its parameters and appears in /openapi.json.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { paymentFor } from '../../payment/payment-lookup.js';
import type { HcpcsStore } from '../../store/store.js';
import { routeQuery } from '../http/cache.js';
import { methodNotAllowed } from '../http/security.js';
import { CodeParam, ErrorSchema, MAX_PARAM_LENGTH } from './schemas.js';

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

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

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

export const PAYMENT_PATHS: Readonly<Record<string, readonly string[]>> = {
  '/api/codes/:code/payment': ['GET'],
};

/** Registers GET /api/codes/{code}/payment (and its 405 for other methods). */
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
  app.all(getPayment.getRoutingPath(), methodNotAllowed(['GET']));
}
