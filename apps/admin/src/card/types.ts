/** The card module's console shapes (see modules/card card-schemas.ts). */
export const CARD_THEMES = ['classic', 'business_blue', 'ink', 'rose', 'forest', 'night'] as const;
export type CardTheme = (typeof CARD_THEMES)[number];

export const LOCKABLE_FIELDS = ['company', 'title', 'intro', 'address', 'theme'] as const;
export type LockableField = (typeof LOCKABLE_FIELDS)[number];

/** A module as stored; the console edits template modules as JSON and lets the server validate them. */
export type CardModule = { kind: string; id: string; title?: string } & Record<string, unknown>;

export interface TemplateValues {
  company?: string;
  title?: string;
  intro?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
}

export interface CardTemplate {
  id: string;
  organizationId: string;
  name: string;
  theme: CardTheme;
  fields: TemplateValues;
  lockedFields: LockableField[];
  modules: CardModule[];
  isDefault: boolean;
  status: 'active' | 'archived';
  updatedAt: string;
}

export interface TeamCard {
  id: string;
  ownerUserId: string;
  organizationId: string;
  name: string;
  title: string;
  company: string;
  phoneMasked: string | null;
  theme: CardTheme;
  templateId: string | null;
  lockedFields: LockableField[];
  status: 'active' | 'hidden';
  updatedAt: string;
  createdAt: string;
}
