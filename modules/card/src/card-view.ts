import type { PiiCipher } from '@linkmall/kernel';
import { featuredProductIds, type CardModule, type CardTheme } from './domain/card-module.ts';
import type { LockableField, TemplateValues } from './domain/card-template.ts';
import type { CardRow, TemplateRow } from './card-store.ts';
import type { FeaturedProduct } from './card-ports.ts';

/** What every reader of a card sees; the phone masked. */
export interface PublicCardView {
  id: string;
  name: string;
  title: string;
  company: string;
  photoUrl: string | null;
  phoneMasked: string | null;
  email: string | null;
  website: string | null;
  wechatId: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  intro: string;
  theme: CardTheme;
  modules: CardModule[];
  featuredProductIds: string[];
  featuredProducts: { productId: string; title: string; imageUrl: string | null; priceFen: number }[];
  updatedAt: string;
}

/** The owner's (or a manager's) view: the full phone, the template and what it locks. */
export interface OwnerCardView extends Omit<PublicCardView, 'featuredProducts'> {
  ownerUserId: string;
  organizationId: string;
  phone: string | null;
  templateId: string | null;
  lockedFields: LockableField[];
  lockedModuleIds: string[];
  status: 'active' | 'hidden';
  createdAt: string;
}

export interface TemplateView {
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

export const templateView = (row: TemplateRow): TemplateView => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  theme: row.theme,
  fields: row.fields,
  lockedFields: row.locked_fields,
  modules: row.modules,
  isDefault: row.is_default,
  status: row.status,
  updatedAt: row.updated_at.toISOString(),
});

/** A card's content columns as camel-cased fields, without the phone (each reader shows it its own way). */
export const cardFields = (row: CardRow) => ({
  name: row.name,
  title: row.title,
  company: row.company,
  photoUrl: row.photo_url,
  email: row.email,
  website: row.website,
  wechatId: row.wechat_id,
  address: row.address,
  latitude: row.latitude,
  longitude: row.longitude,
  intro: row.intro,
  theme: row.theme,
  modules: row.modules,
});

const commonView = (row: CardRow) => ({
  id: row.id,
  ...cardFields(row),
  phoneMasked: row.phone_masked,
  featuredProductIds: featuredProductIds(row.modules),
  updatedAt: row.updated_at.toISOString(),
});

export function publicCardView(row: CardRow, products: ReadonlyMap<string, FeaturedProduct>): PublicCardView {
  const common = commonView(row);
  return {
    ...common,
    featuredProducts: common.featuredProductIds.flatMap((id) => {
      const product = products.get(id);
      return product ? [{ productId: id, title: product.title, imageUrl: product.imageUrl, priceFen: Number(product.priceFen) }] : [];
    }),
  };
}

export function ownerCardView(row: CardRow, template: TemplateRow | null | undefined, pii: PiiCipher): OwnerCardView {
  return {
    ...commonView(row),
    ownerUserId: row.owner_user_id,
    organizationId: row.organization_id,
    phone: row.phone_cipher ? pii.decrypt(row.phone_cipher) : null,
    templateId: row.template_id,
    lockedFields: template?.status === 'active' ? template.locked_fields : [],
    lockedModuleIds: template?.status === 'active' ? template.modules.map((module) => module.id) : [],
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}
