export {
  createInMemorySandboxPaymentStore,
  createSandboxPaymentProvider,
  SANDBOX_DEFAULT_MERCHANT_ID,
  SANDBOX_PROVIDER_NAME,
  type SandboxPaymentOptions,
  type SandboxPaymentStore,
} from './sandbox-payment-provider.ts';
export {
  signSandboxNotification,
  SANDBOX_MAX_CLOCK_SKEW_MS,
  SANDBOX_NONCE_HEADER,
  SANDBOX_SIGNATURE_HEADER,
  SANDBOX_TIMESTAMP_HEADER,
  type SignSandboxNotificationOptions,
} from './sandbox-notification.ts';
