import type { privacyZhCN } from './privacy-zh-CN';

export const privacyEn: Record<keyof typeof privacyZhCN, string> = {
  'menu.privacy': 'Deletion requests',
  'privacy.title': 'Personal-data deletion requests',
  'privacy.intro': 'A member’s request waits out a cooling-off period in which they may cancel it; once due it is executed hourly, or here by hand. Names, phones, addresses, WeChat links, visitor profiles and lead details are anonymised; order amounts and commission records stay.',
  'privacy.member': 'Member',
  'privacy.status': 'Status',
  'privacy.status.pending': 'Cooling off',
  'privacy.status.cancelled': 'Cancelled',
  'privacy.status.completed': 'Anonymised',
  'privacy.requestedAt': 'Requested',
  'privacy.dueAt': 'Due',
  'privacy.completedAt': 'Completed',
  'privacy.lastRefusal': 'Last refusal',
  'privacy.refusal.open_orders': 'Open orders',
  'privacy.refusal.open_after_sales': 'After-sales in progress',
  'privacy.refusal.pending_withdrawals': 'Withdrawals in progress',
  'privacy.refusal.unsettled_balance': 'Unsettled commission balance',
  'privacy.process': 'Execute now',
  'privacy.processConfirm': 'The member’s personal data will be anonymised for good. Execute?',
  'privacy.processed': 'Anonymised',
  'privacy.filterStatus': 'Filter by status',
};
