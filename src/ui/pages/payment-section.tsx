/**
 * The code page's "Medicare payment" section: the ASP payment limit per billing unit with its
 * dosage, co-insurance and notes; the DMEPOS / PEN fees per state (non-rural and rural), ceiling and
 * floor, by modifier, the category decoded; the quarter each applies to; and the ASP limit and the
 * fees (what moved per fee row) through the imported quarters. For `?date=`, the amounts in effect on that date (or why there are none).
 */
import {
  describeFeeQuarter,
  type FeeHistorySeries,
  type PaymentHistoryEntry,
} from '../../payment/payment-history.js';
import type { FeePayment, PaymentAnswer } from '../../payment/payment-lookup.js';

export interface PaymentSectionProps {
  /** The answer, or the message saying why there is none (no quarter covers the date). */
  readonly payment: PaymentAnswer | { readonly message: string };
  readonly history: readonly PaymentHistoryEntry[];
  /** The DMEPOS / PEN fee rows of the code through the imported quarters. */
  readonly feeHistory?: readonly FeeHistorySeries[];
}

/** State fee changes listed per quarter before "and N more": a whole quarter can move every state. */
const CHANGES_SHOWN = 6;

function FeeHistory(props: { readonly series: readonly FeeHistorySeries[] }) {
  const moving = props.series.filter((s) => s.quarters.length > 1);
  if (moving.length === 0) return null;
  return (
    <div class="payment-history">
      <h3>Fee schedule by quarter</h3>
      {moving.map((series) => (
        <>
          <h4>
            {series.schedule === 'dmepos' ? 'DMEPOS' : 'PEN'} {series.key}
          </h4>
          <ol>
            {series.quarters.map((q, i) => (
              <li>
                {q.start} to {q.end}:{' '}
                {describeFeeQuarter(
                  q,
                  series.quarters.slice(0, i).some((p) => p.listed),
                  CHANGES_SHOWN,
                )}
              </li>
            ))}
          </ol>
        </>
      ))}
    </div>
  );
}

function FeeTable(props: { readonly fee: FeePayment }) {
  const { fee } = props;
  const modifiers = fee.modifiers.map((m) => `${m.code}${m.label ? ` (${m.label})` : ''}`).join(' + ');
  return (
    <div class="payment-fees">
      <h3>
        {fee.schedule === 'dmepos' ? 'DMEPOS' : 'PEN'} fee schedule
        {modifiers ? `, modifier ${modifiers}` : ', no modifier'}{' '}
        <span class="muted">
          ({fee.quarter.start} to {fee.quarter.end})
        </span>
      </h3>
      {fee.category ? (
        <p>
          Category <code>{fee.category.code}</code>: {fee.category.label ?? 'not in the read-me'}
          {fee.jurisdiction ? (
            <>
              {' '}
              · jurisdiction <code>{fee.jurisdiction.code}</code>:{' '}
              {fee.jurisdiction.label ?? 'not in the read-me'}
            </>
          ) : null}
          {fee.ceiling !== null ? ` · ceiling ${fee.ceiling}, floor ${fee.floor}` : null}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Non-rural</th>
            <th scope="col">Rural</th>
          </tr>
        </thead>
        <tbody>
          {fee.states.map((s) => (
            <tr>
              <th scope="row">
                {s.state} {s.name}
              </th>
              <td>{s.nonRural}</td>
              <td>{s.rural}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PaymentSection(props: PaymentSectionProps) {
  const { payment } = props;
  const asp = 'asp' in payment ? payment.asp : null;
  return (
    <section aria-labelledby="payment-h" class="payment">
      <h2 id="payment-h">Medicare payment</h2>
      {'message' in payment ? <p class="callout">{payment.message}</p> : null}
      {asp ? (
        <div class="payment-asp">
          <h3>
            ASP drug payment limit{' '}
            <span class="muted">
              ({asp.quarter.start} to {asp.quarter.end})
            </span>
          </h3>
          <dl>
            <dt>Payment limit</dt>
            <dd>
              {asp.paymentLimit} per {asp.dosage}
            </dd>
            <dt>Co-insurance</dt>
            <dd>
              {asp.coinsurance === null ? (asp.coinsurancePercent ?? '(blank)') : `${asp.coinsurance} %`}
            </dd>
            {asp.vaccineLimit ? (
              <>
                <dt>Vaccine limit</dt>
                <dd>{asp.vaccineLimit}</dd>
              </>
            ) : null}
            {asp.notes ? (
              <>
                <dt>Notes</dt>
                <dd>{asp.notes}</dd>
              </>
            ) : null}
          </dl>
        </div>
      ) : null}
      {'fees' in payment ? payment.fees.map((fee) => <FeeTable fee={fee} />) : null}
      {'notes' in payment ? payment.notes.map((note) => <p class="muted">{note}</p>) : null}
      {props.history.length > 1 && props.history.some((e) => e.paymentLimit !== null) ? (
        <div class="payment-history">
          <h3>ASP payment limit by quarter</h3>
          <ol>
            {props.history.map((e) => (
              <li>
                {e.start} to {e.end}:{' '}
                {e.paymentLimit === null ? 'not listed' : `${e.paymentLimit} per ${e.dosage}`}
                {e.change === null ? null : ` (${e.change >= 0 ? '+' : ''}${e.change})`}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {props.feeHistory ? <FeeHistory series={props.feeHistory} /> : null}
    </section>
  );
}
