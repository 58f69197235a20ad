import type { Generated } from 'kysely';

export type OrganizationKindColumn = 'platform' | 'supplier' | 'merchant';

/** The platform (S), suppliers and merchants/stores (B). Consumers (C) belong to none. */
export interface OrganizationTable {
  id: string;
  kind: OrganizationKindColumn;
  name: string;
  status: Generated<'active' | 'suspended'>;
  created_at: Date;
  updated_at: Date;
}

export interface UserTable {
  id: string;
  organization_id: string | null;
  roles: string[];
  display_name: string;
  /** AES-256-GCM ciphertext of the phone number; never stored in clear. */
  phone_cipher: string | null;
  /** HMAC-SHA256 of the normalised phone number, for lookup and uniqueness without decrypting. */
  phone_hash: string | null;
  /** The masked form 138****1234, so lists never decrypt every row. */
  phone_masked: string | null;
  password_hash: string | null;
  status: Generated<'active' | 'disabled'>;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
}

/** A WeChat mini-program identity (openid per app) bound to a user. */
export interface WechatIdentityTable {
  app_id: string;
  open_id: string;
  union_id: string | null;
  user_id: string;
  created_at: Date;
}

/** Opaque bearer tokens; only their SHA-256 is stored, so a leaked table grants nothing. */
export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

/** Every login attempt by phone hash and client address, for rate limits and lockout. */
export interface LoginAttemptTable {
  id: string;
  phone_hash: string | null;
  ip: string | null;
  succeeded: boolean;
  attempted_at: Date;
}

/** A member's request under PIPL to delete their account; executed after a cooling-off period. */
export interface PersonalDataRequestTable {
  id: string;
  user_id: string;
  kind: 'deletion';
  status: 'pending' | 'cancelled' | 'completed';
  requested_at: Date;
  due_at: Date;
  cancelled_at: Date | null;
  completed_at: Date | null;
  completed_by: string | null;
  last_refusal: string | null;
  last_attempt_at: Date | null;
}

export interface IdentityTables {
  organizations: OrganizationTable;
  users: UserTable;
  wechat_identities: WechatIdentityTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  personal_data_requests: PersonalDataRequestTable;
}
