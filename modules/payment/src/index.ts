export { paymentErrors, type PaymentErrorCode } from './payment-errors.ts';
export type {
  CreatePaymentInput,
  CreatedPayment,
  NotificationAcknowledgement,
  NotificationRequest,
  PaymentNotification,
  PaymentProvider,
  PaymentResultNotification,
  PaymentStatus,
  ProviderPaymentState,
  RefundAccepted,
  RefundInput,
  RefundResultNotification,
} from './payment-provider.ts';

// The contract suite is part of the port: providers may import only this index, so it is exported here.
// It loads no test runner (it takes describe/it from the caller), so production code pays nothing for it.
export {
  paymentProviderContractCases,
  runContractCase,
  runPaymentProviderContract,
  type ContractCase,
  type ContractTestApi,
  type PaymentProviderHarness,
  type PaymentProviderHarnessFactory,
} from '../test/payment-provider-contract.ts';
export { paymentRecords, type PaymentRecord } from './payment-records.ts';
export type { PaymentTables } from './payment-tables.ts';
