import assert from 'node:assert/strict';
import { newId, type Result } from '@linkmall/kernel';
import type { CreatePaymentInput, NotificationRequest, PaymentProvider } from '../src/payment-provider.ts';

/**
 * The behaviour every PaymentProvider must show. It uses node:assert rather than vitest's expect and
 * receives `describe`/`it` from the caller, because providers reach it through the module's index and
 * the index must not load a test runner in production.
 */
export interface PaymentProviderHarness {
  readonly provider: PaymentProvider;
  /** The notification the provider sends once the payer paid `amountFen` for an already created payment. */
  completePayment(input: { paymentId: string; amountFen: bigint }): Promise<NotificationRequest>;
  /** The notification the provider sends once refund `refundId` (already requested) has succeeded. */
  completeRefund(input: { refundId: string; paymentId: string; refundFen: bigint }): Promise<NotificationRequest>;
  close(): Promise<void>;
}
export type PaymentProviderHarnessFactory = () => Promise<PaymentProviderHarness>;

export interface ContractCase {
  readonly name: string;
  run(harness: PaymentProviderHarness): Promise<void>;
}

export interface ContractTestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

function paymentInput(overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput {
  return {
    paymentId: newId('pay'),
    orderId: newId('ord'),
    amountFen: 12_345n,
    description: '链动商城-测试商品',
    payerOpenId: 'oContractPayer0000000000001',
    expiresAt: new Date(Date.now() + 30 * 60_000),
    notifyUrl: 'https://shop.example.com/api/payments/notify',
    ...overrides,
  };
}

async function createdAndPaid(harness: PaymentProviderHarness, amountFen = 12_345n) {
  const input = paymentInput({ amountFen });
  const created = await harness.provider.createPayment(input);
  assert.ok(created.ok, `createPayment failed: ${show(!created.ok && created)}`);
  const notification = await harness.completePayment({ paymentId: input.paymentId, amountFen });
  const parsed = await harness.provider.parseNotification(notification);
  assert.ok(parsed.ok, `parseNotification failed: ${show(!parsed.ok && parsed)}`);
  assert.equal(parsed.value.kind, 'payment');
  return { input, notification, payment: parsed.value };
}

/** JSON for assertion messages; bigint amounts would make JSON.stringify throw. */
function show(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

function assertFailedWith(result: Result<unknown, string>, code: string): void {
  assert.equal(result.ok, false, `expected ${code}, got ok: ${show(result)}`);
  assert.equal(!result.ok && result.code, code);
}

/** A different first base64 character, so the decoded signature bytes differ whatever they were. */
const flipFirstCharacter = (value: string) => `${value.startsWith('A') ? 'B' : 'A'}${value.slice(1)}`;

/** Changes one byte near the end of the body while keeping it valid JSON, as a meddler would. */
function tamper(request: NotificationRequest): NotificationRequest {
  const at = request.body.lastIndexOf('}');
  return { headers: request.headers, body: `${request.body.slice(0, at)} ${request.body.slice(at)}` };
}

export const paymentProviderContractCases: readonly ContractCase[] = [
  {
    name: 'creates a payment and hands the client string parameters to start paying',
    async run({ provider }) {
      const created = await provider.createPayment(paymentInput());
      assert.ok(created.ok);
      assert.equal(created.value.provider, provider.name);
      const entries = Object.entries(created.value.clientParams);
      assert.ok(entries.length > 0, 'clientParams is empty');
      for (const [key, value] of entries) assert.ok(typeof value === 'string' && value.length > 0, `clientParams.${key} is empty`);
    },
  },
  {
    name: 'refuses a zero or negative amount before calling anyone',
    async run({ provider }) {
      for (const amountFen of [0n, -1n]) {
        const created = await provider.createPayment(paymentInput({ amountFen }));
        assertFailedWith(created, 'payment_amount_invalid');
      }
    },
  },
  {
    name: 'parses a succeeded-payment notification into the payment, its amount and the transaction id',
    async run(harness) {
      const { input, payment } = await createdAndPaid(harness);
      assert.ok(payment.kind === 'payment');
      assert.equal(payment.paymentId, input.paymentId);
      assert.equal(payment.amountFen, input.amountFen);
      assert.equal(payment.succeeded, true);
      assert.ok(payment.providerTransactionId.length > 0);
      assert.ok(payment.merchantId.length > 0);
      assert.ok(payment.paidAt instanceof Date && !Number.isNaN(payment.paidAt.getTime()));
    },
  },
  {
    name: 'acknowledges with 2xx on success and 4xx/5xx (so the provider retries) on failure',
    async run({ provider }) {
      const yes = provider.acknowledge(true);
      const no = provider.acknowledge(false);
      assert.ok(yes.status >= 200 && yes.status < 300, `success ack status ${yes.status}`);
      assert.ok(no.status >= 400 && no.status < 600, `failure ack status ${no.status}`);
    },
  },
  {
    name: 'rejects a notification whose body or signature was tampered with, or whose signature is missing',
    async run(harness) {
      const input = paymentInput();
      assert.ok((await harness.provider.createPayment(input)).ok);
      const genuine = await harness.completePayment({ paymentId: input.paymentId, amountFen: input.amountFen });
      const rejected = [
        tamper(genuine),
        { headers: Object.fromEntries(Object.entries(genuine.headers).map(([k, v]) => [k, /signature/i.test(k) ? flipFirstCharacter(v) : v])), body: genuine.body },
        { headers: Object.fromEntries(Object.entries(genuine.headers).filter(([k]) => !/signature/i.test(k))), body: genuine.body },
      ];
      for (const request of rejected) {
        const parsed = await harness.provider.parseNotification(request);
        assertFailedWith(parsed, 'notification_signature_invalid');
      }
      assert.ok((await harness.provider.parseNotification(genuine)).ok, 'the genuine notification was not accepted');
    },
  },
  {
    name: 'reports the amount the provider notified, so a payment of the wrong amount is visible to the caller',
    async run(harness) {
      const input = paymentInput({ amountFen: 10_000n });
      assert.ok((await harness.provider.createPayment(input)).ok);
      const notification = await harness.completePayment({ paymentId: input.paymentId, amountFen: 1n });
      const parsed = await harness.provider.parseNotification(notification);
      assert.ok(parsed.ok && parsed.value.kind === 'payment');
      assert.equal(parsed.value.amountFen, 1n);
      assert.notEqual(parsed.value.amountFen, input.amountFen);
    },
  },
  {
    name: 'refunds part of a paid payment and parses the refund notification',
    async run(harness) {
      const { input, payment } = await createdAndPaid(harness, 20_000n);
      assert.ok(payment.kind === 'payment');
      const refundId = newId('rfd');
      const refunded = await harness.provider.refund({
        refundId,
        paymentId: input.paymentId,
        providerTransactionId: payment.providerTransactionId,
        refundFen: 5_000n,
        totalFen: 20_000n,
        reason: '买家申请退款',
        notifyUrl: 'https://shop.example.com/api/payments/notify',
      });
      assert.ok(refunded.ok, `refund failed: ${show(!refunded.ok && refunded)}`);
      assert.ok(['processing', 'succeeded'].includes(refunded.value.status));
      assert.ok(refunded.value.providerRefundId.length > 0);
      const parsed = await harness.provider.parseNotification(await harness.completeRefund({ refundId, paymentId: input.paymentId, refundFen: 5_000n }));
      assert.ok(parsed.ok && parsed.value.kind === 'refund', `refund notification: ${show(parsed)}`);
      assert.equal(parsed.value.refundId, refundId);
      assert.equal(parsed.value.paymentId, input.paymentId);
      assert.equal(parsed.value.amountFen, 5_000n);
      assert.equal(parsed.value.succeeded, true);
    },
  },
  {
    name: 'refuses a refund of zero or of more than was paid',
    async run(harness) {
      const { input, payment } = await createdAndPaid(harness, 1_000n);
      assert.ok(payment.kind === 'payment');
      for (const refundFen of [0n, 1_001n]) {
        const refunded = await harness.provider.refund({
          refundId: newId('rfd'),
          paymentId: input.paymentId,
          providerTransactionId: payment.providerTransactionId,
          refundFen,
          totalFen: 1_000n,
          reason: 'test',
          notifyUrl: 'https://shop.example.com/api/payments/notify',
        });
        assertFailedWith(refunded, 'refund_amount_invalid');
      }
    },
  },
  {
    name: 'queries a payment: pending before paying, succeeded with amount and transaction id after',
    async run(harness) {
      const input = paymentInput({ amountFen: 8_800n });
      assert.ok((await harness.provider.createPayment(input)).ok);
      const before = await harness.provider.queryPayment(input.paymentId);
      assert.ok(before.ok, `query before paying: ${show(before)}`);
      assert.equal(before.value.status, 'pending');
      assert.equal(before.value.amountFen, 8_800n);
      const parsed = await harness.provider.parseNotification(await harness.completePayment({ paymentId: input.paymentId, amountFen: 8_800n }));
      assert.ok(parsed.ok && parsed.value.kind === 'payment');
      const after = await harness.provider.queryPayment(input.paymentId);
      assert.ok(after.ok);
      assert.deepEqual(after.value, { status: 'succeeded', amountFen: 8_800n, providerTransactionId: parsed.value.providerTransactionId });
    },
  },
  {
    name: 'answers payment_not_found for a payment it never saw',
    async run({ provider }) {
      assertFailedWith(await provider.queryPayment(newId('pay')), 'payment_not_found');
    },
  },
];

export async function runContractCase(contractCase: ContractCase, makeHarness: PaymentProviderHarnessFactory): Promise<void> {
  const harness = await makeHarness();
  try {
    await contractCase.run(harness);
  } finally {
    await harness.close();
  }
}

/** Registers the contract as tests: `runPaymentProviderContract('wechatpay', makeHarness, { describe, it })`. */
export function runPaymentProviderContract(name: string, makeHarness: PaymentProviderHarnessFactory, test: ContractTestApi): void {
  test.describe(`PaymentProvider contract: ${name}`, () => {
    for (const contractCase of paymentProviderContractCases) test.it(contractCase.name, () => runContractCase(contractCase, makeHarness));
  });
}
