export interface PaymentTable {
  id: string;
  order_id: string;
  provider: string;
  amount_fen: bigint;
  status: 'pending' | 'succeeded' | 'failed' | 'closed';
  provider_transaction_id: string | null;
  created_at: Date;
  updated_at: Date;
  paid_at: Date | null;
}

export interface PaymentNotificationTable {
  id: string;
  provider: string;
  payment_id: string | null;
  received_at: Date;
  outcome: 'applied' | 'duplicate' | 'rejected' | 'failed_payment';
  error_code: string | null;
  body_sha256: string;
}

export interface RefundTable {
  id: string;
  payment_id: string;
  case_id: string;
  amount_fen: bigint;
  status: 'processing' | 'succeeded' | 'failed';
  provider_refund_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface PaymentTables {
  refunds: RefundTable;
  payments: PaymentTable;
  payment_notifications: PaymentNotificationTable;
}
