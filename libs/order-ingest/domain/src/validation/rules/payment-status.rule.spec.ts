import type { PaymentStatus } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import { checkPaymentStatus } from './payment-status.rule';

const payment = (status: PaymentStatus) => ({ ...sampleChannelOrder().payment, status });
const codeFor = (status: PaymentStatus, business: boolean) => checkPaymentStatus(payment(status), business)[0]?.reasonCode ?? 'OK';

describe('checkPaymentStatus', () => {
  it.each<[PaymentStatus, string, string]>([
    ['CAPTURED', 'OK', 'OK'],
    ['AUTHORIZED', 'OK', 'OK'],
    ['PARTIALLY_CAPTURED', 'OK', 'OK'],
    ['ON_TERMS', 'PAYMENT_NOT_AUTHORIZED', 'OK'],
    ['PENDING', 'PAYMENT_PENDING', 'PAYMENT_PENDING'],
    ['UNKNOWN', 'PAYMENT_PENDING', 'PAYMENT_PENDING'],
    ['FAILED', 'PAYMENT_NOT_AUTHORIZED', 'PAYMENT_NOT_AUTHORIZED'],
    ['VOIDED', 'PAYMENT_NOT_AUTHORIZED', 'PAYMENT_NOT_AUTHORIZED'],
    ['REFUNDED', 'PAYMENT_NOT_AUTHORIZED', 'PAYMENT_NOT_AUTHORIZED'],
  ])('%s: consumer → %s, trade → %s', (status, consumer, trade) => {
    expect(codeFor(status, false)).toBe(consumer);
    expect(codeFor(status, true)).toBe(trade);
  });

  it('holds a pending payment (PAYMENT_PENDING) but rejects a failed one (PAYMENT_NOT_AUTHORIZED)', () => {
    expect(checkPaymentStatus(payment('PENDING'), false)[0]).toMatchObject({
      disposition: 'HELD',
      field: 'payment.status',
    });
    expect(checkPaymentStatus(payment('FAILED'), false)[0]).toMatchObject({
      disposition: 'REJECTED',
      field: 'payment.status',
    });
  });
});
