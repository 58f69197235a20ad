import { AssertionError } from 'node:assert';
import { createHmac } from 'node:crypto';
import { err, ok } from '@linkmall/kernel';
import { describe, expect, it } from 'vitest';
import { paymentProviderContractCases, runContractCase, type PaymentProviderHarness } from '../src/index.ts';
import type { NotificationRequest, PaymentProvider, PaymentStatus } from '../src/index.ts';

type Breakage = 'none' | 'accepts_forged_notifications' | 'reports_expected_amount' | 'query_stays_pending' | 'refunds_any_amount';

/**
 * A deliberately tiny provider that satisfies the contract, plus ways to break it. Each breakage is a
 * mistake a real implementation could make; the contract must catch every one of them.
 */
function referenceHarness(breakage: Breakage): PaymentProviderHarness {
  const secret = 'reference-secret';
  const payments = new Map<string, PaymentStatus>();
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64');
  const signed = (payload: object): NotificationRequest => {
    const body = JSON.stringify(payload);
    return { headers: { 'X-Signature': sign(body) }, body };
  };
  const provider: PaymentProvider = {
    name: 'reference',
    async createPayment(input) {
      if (input.amountFen <= 0n) return err('payment_amount_invalid');
      payments.set(input.paymentId, { status: 'pending', amountFen: input.amountFen });
      return ok({ provider: 'reference', clientParams: { paymentId: input.paymentId } });
    },
    async parseNotification(request) {
      if (breakage !== 'accepts_forged_notifications' && request.headers['X-Signature'] !== sign(request.body)) return err('notification_signature_invalid');
      const wire = JSON.parse(request.body) as Record<string, string>;
      const amountFen = breakage === 'reports_expected_amount' ? payments.get(wire.paymentId!)!.amountFen : BigInt(wire.amountFen!);
      const common = { paymentId: wire.paymentId!, providerTransactionId: `txn_${wire.paymentId}`, amountFen, merchantId: 'm1', succeeded: true };
      if (wire.kind === 'refund') return ok({ kind: 'refund', ...common, refundId: wire.refundId!, providerRefundId: `r_${wire.refundId}`, refundedAt: new Date() });
      return ok({ kind: 'payment', ...common, paidAt: new Date() });
    },
    acknowledge: (accepted) => ({ status: accepted ? 200 : 500, headers: {}, body: '' }),
    async refund(input) {
      if (breakage !== 'refunds_any_amount' && (input.refundFen <= 0n || input.refundFen > input.totalFen)) return err('refund_amount_invalid');
      return ok({ status: 'succeeded', providerRefundId: `r_${input.refundId}` });
    },
    async queryPayment(paymentId) {
      const payment = payments.get(paymentId);
      if (!payment) return err('payment_not_found');
      return ok(breakage === 'query_stays_pending' ? { status: 'pending', amountFen: payment.amountFen } : payment);
    },
  };
  return {
    provider,
    async completePayment({ paymentId, amountFen }) {
      payments.set(paymentId, { status: 'succeeded', amountFen: payments.get(paymentId)!.amountFen, providerTransactionId: `txn_${paymentId}` });
      return signed({ kind: 'payment', paymentId, amountFen: amountFen.toString() });
    },
    async completeRefund({ refundId, paymentId, refundFen }) {
      return signed({ kind: 'refund', refundId, paymentId, amountFen: refundFen.toString() });
    },
    async close() {},
  };
}

const caseNamed = (fragment: string) => {
  const found = paymentProviderContractCases.find((contractCase) => contractCase.name.includes(fragment));
  if (!found) throw new Error(`no contract case mentions "${fragment}"`);
  return found;
};

describe('the PaymentProvider contract', () => {
  it('passes a correct provider in every case', async () => {
    for (const contractCase of paymentProviderContractCases) await runContractCase(contractCase, async () => referenceHarness('none'));
  });

  it.each([
    ['accepts_forged_notifications', 'tampered'],
    ['reports_expected_amount', 'wrong amount'],
    ['query_stays_pending', 'queries a payment'],
    ['refunds_any_amount', 'refuses a refund'],
  ] as const)('fails a provider that %s', async (breakage, caseFragment) => {
    await expect(runContractCase(caseNamed(caseFragment), async () => referenceHarness(breakage))).rejects.toThrow(AssertionError);
  });

  it('closes the harness even when a case fails', async () => {
    let closed = false;
    const harness = referenceHarness('accepts_forged_notifications');
    await expect(runContractCase(caseNamed('tampered'), async () => ({ ...harness, close: async () => void (closed = true) }))).rejects.toThrow(AssertionError);
    expect(closed).toBe(true);
  });
});
