/** What a partner key may read on /open/v1; a key holds one or more. */
export const PARTNER_SCOPES = ['orders:read', 'members:read', 'rewards:read', 'leads:read'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];
