import type { Locale } from '@linkmall/kernel';
import type { WithdrawalRow } from './payout-store.ts';

export interface WithdrawalView {
  id: string;
  memberId: string;
  amountFen: number;
  feeFen: number;
  method: 'wechat' | 'bank';
  status: WithdrawalRow['status'];
  statusLabel: string;
  needsSecondApproval: boolean;
  bankName: string | null;
  bankAccountMasked: string | null;
  firstApprovedBy: string | null;
  secondApprovedBy: string | null;
  rejectionReason: string | null;
  heldReason: string | null;
  failureReason: string | null;
  bankBatchId: string | null;
  requestedAt: string;
  finishedAt: string | null;
}

const LABELS: Record<WithdrawalRow['status'], Record<Locale, string>> = {
  held: { 'zh-CN': '风控审核中', en: 'Held for review' },
  requested: { 'zh-CN': '待审核', en: 'Awaiting approval' },
  approved: { 'zh-CN': '已审核', en: 'Approved' },
  second_approved: { 'zh-CN': '已复核', en: 'Second approval given' },
  paying: { 'zh-CN': '打款中', en: 'Being paid' },
  paid: { 'zh-CN': '已到账', en: 'Paid' },
  failed: { 'zh-CN': '打款失败，已退回余额', en: 'Payment failed; returned to your balance' },
  rejected: { 'zh-CN': '已驳回，已退回余额', en: 'Rejected; returned to your balance' },
};

/** The bank account number is never shown here, only masked; the finance export is the one exception. */
export function toWithdrawalView(row: WithdrawalRow, locale: Locale): WithdrawalView {
  return {
    id: row.id,
    memberId: row.member_id,
    amountFen: Number(row.amount_fen),
    feeFen: Number(row.fee_fen),
    method: row.method,
    status: row.status,
    statusLabel: LABELS[row.status][locale],
    needsSecondApproval: row.needs_second_approval,
    bankName: row.bank_name,
    bankAccountMasked: row.bank_account_masked,
    firstApprovedBy: row.first_approved_by,
    secondApprovedBy: row.second_approved_by,
    rejectionReason: row.rejection_reason,
    heldReason: row.held_reason,
    failureReason: row.failure_reason,
    bankBatchId: row.bank_batch_id,
    requestedAt: row.requested_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
  };
}

/** What the audit log keeps of a withdrawal: its state, never an account number. */
export function auditSnapshot(row: WithdrawalRow) {
  return { status: row.status, amountFen: Number(row.amount_fen), feeFen: Number(row.fee_fen), method: row.method, firstApprovedBy: row.first_approved_by, secondApprovedBy: row.second_approved_by, bankBatchId: row.bank_batch_id, reason: row.rejection_reason ?? row.held_reason ?? row.failure_reason };
}

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const yuan = (fen: bigint) => `${fen < 0n ? '-' : ''}${(fen < 0n ? -fen : fen) / 100n}.${String((fen < 0n ? -fen : fen) % 100n).padStart(2, '0')}`;

/** CSV for spreadsheets: UTF-8 with BOM (Excel opens Chinese correctly), CRLF, amounts in yuan. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\uFEFF${[header.map(quote).join(','), ...rows.map((row) => row.map(quote).join(','))].join('\r\n')}\r\n`;
}

export function formatYuan(fen: bigint | string | number): string {
  return yuan(BigInt(fen));
}
