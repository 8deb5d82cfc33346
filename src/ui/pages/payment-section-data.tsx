/**
 * The code page's payment section with its data: the answer for `?date=` (or the latest quarter)
 * and the ASP and fee-schedule history; nothing when no payment file is imported or none lists the code.
 */
import { HcpcsError } from '../../errors.js';
import { aspHistory, feeHistory } from '../../payment/payment-history.js';
import { paymentFor } from '../../payment/payment-lookup.js';
import type { HcpcsStore } from '../../store/store.js';
import { PaymentSection } from './payment-section.js';

export function paymentSection(store: HcpcsStore, code: string, date: string | undefined) {
  if (!/^[A-Z0-9]{5}$/.test(code) || store.payments.datasets().length === 0) return null;
  const history = aspHistory(store, code);
  const fees = feeHistory(store, code);
  try {
    const payment = paymentFor(store, code, date ? { date } : {});
    // A code the latest quarter dropped still shows how its payment moved before.
    const pastOnly = history.some((e) => e.paymentLimit !== null) || fees.length > 0;
    if (!payment.asp && payment.fees.length === 0 && !date && !pastOnly) return null;
    return <PaymentSection payment={payment} history={history} feeHistory={fees} />;
  } catch (error) {
    if (error instanceof HcpcsError)
      return <PaymentSection payment={{ message: error.message }} history={history} feeHistory={fees} />;
    throw error;
  }
}
