import { runPaymentProviderContract } from '@linkmall/payment';
import { describe, it } from 'vitest';
import { createWechatPayProvider } from '../src/index.ts';
import { newMerchant, startFakeWechatPay } from './fake-wechatpay-server.ts';

const merchant = newMerchant();

runPaymentProviderContract(
  'wechatpay',
  async () => {
    const server = await startFakeWechatPay(merchant);
    const provider = createWechatPayProvider({ ...merchant, baseUrl: server.baseUrl, timeoutMs: 2_000 });
    return {
      provider,
      async completePayment({ paymentId, amountFen }) {
        return server.pay(paymentId, { paidTotal: Number(amountFen) });
      },
      async completeRefund({ refundId }) {
        return server.completeRefund(refundId);
      },
      close: server.close,
    };
  },
  { describe, it },
);
