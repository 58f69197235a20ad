import type { CardModule, CardTheme } from './card-module.ts';

/** Fields a company template can fix for its staff: the owner may not change a locked one. */
export const LOCKABLE_FIELDS = ['company', 'title', 'intro', 'address', 'theme'] as const;
export type LockableField = (typeof LOCKABLE_FIELDS)[number];

/** What an owner writes on their card (the phone in clear: the service encrypts it). */
export interface CardContent {
  readonly name: string;
  readonly title: string;
  readonly company: string;
  readonly photoUrl: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly website: string | null;
  readonly wechatId: string | null;
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly intro: string;
  readonly theme: CardTheme;
  readonly modules: readonly CardModule[];
}

export interface TemplateValues {
  readonly company?: string | undefined;
  readonly title?: string | undefined;
  readonly intro?: string | undefined;
  readonly address?: string | undefined;
  readonly latitude?: number | undefined;
  readonly longitude?: number | undefined;
}

/** A company template as the rules take it. Its modules are locked: owners may move them, not change or drop them. */
export interface CardTemplateRules {
  readonly theme: CardTheme;
  readonly fields: TemplateValues;
  readonly lockedFields: readonly LockableField[];
  readonly modules: readonly CardModule[];
}

/** The template's value of a lockable field, as the card stores it. */
function templateValue(template: CardTemplateRules, field: LockableField): string | null {
  if (field === 'theme') return template.theme;
  return template.fields[field] ?? (field === 'address' ? null : '');
}

/** Locked fields the owner tried to change (the values differ from the template's). */
export function lockedFieldChanges(template: CardTemplateRules, content: CardContent): LockableField[] {
  return template.lockedFields.filter((field) => {
    if ((content[field] ?? null) !== templateValue(template, field)) return true;
    if (field !== 'address') return false;
    return (content.latitude ?? null) !== (template.fields.latitude ?? null) || (content.longitude ?? null) !== (template.fields.longitude ?? null);
  });
}

/**
 * The template's locked modules inside the owner's arrangement: a module the owner placed keeps its
 * place but takes the template's content; one the owner left out is appended.
 */
export function mergeLockedModules(locked: readonly CardModule[], owned: readonly CardModule[]): CardModule[] {
  const byId = new Map(locked.map((module) => [module.id, module]));
  const merged = owned.map((module) => byId.get(module.id) ?? module);
  const placed = new Set(merged.map((module) => module.id));
  return [...merged, ...locked.filter((module) => !placed.has(module.id))];
}

/** The card as stored: locked fields from the template, locked modules merged in. */
export function applyTemplate(template: CardTemplateRules | null, content: CardContent): CardContent {
  if (!template) return content;
  const locked = new Set(template.lockedFields);
  return {
    ...content,
    ...(locked.has('company') ? { company: template.fields.company ?? '' } : {}),
    ...(locked.has('title') ? { title: template.fields.title ?? '' } : {}),
    ...(locked.has('intro') ? { intro: template.fields.intro ?? '' } : {}),
    ...(locked.has('address') ? { address: template.fields.address ?? null, latitude: template.fields.latitude ?? null, longitude: template.fields.longitude ?? null } : {}),
    ...(locked.has('theme') ? { theme: template.theme } : {}),
    modules: mergeLockedModules(template.modules, content.modules),
  };
}

/** A new owner's card before they edit it: their name, the template's values (locked or not) and modules. */
export function startingContent(template: CardTemplateRules | null, owner: { name: string; company: string }): CardContent {
  return {
    name: owner.name,
    title: template?.fields.title ?? '',
    company: template?.fields.company ?? owner.company,
    photoUrl: null,
    phone: null,
    email: null,
    website: null,
    wechatId: null,
    address: template?.fields.address ?? null,
    latitude: template?.fields.latitude ?? null,
    longitude: template?.fields.longitude ?? null,
    intro: template?.fields.intro ?? '',
    theme: template?.theme ?? 'classic',
    modules: [...(template?.modules ?? [])],
  };
}
