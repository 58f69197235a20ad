import { IsoDateTimeSchema, PhoneSchema, z } from '@linkmall/http';
import { ROLE_NAMES } from './domain/roles.ts';

const OrganizationKindSchema = z.enum(['platform', 'supplier', 'merchant']);
const RoleSchema = z.enum(ROLE_NAMES as [string, ...string[]]);
const DisplayNameSchema = z.string().trim().min(1).max(50);
const PasswordInputSchema = z.string().min(1).max(128);

export const LoginBodySchema = z
  .object({ phone: PhoneSchema, password: PasswordInputSchema })
  .strict()
  .openapi('LoginRequest');

export const WechatLoginBodySchema = z
  .object({ code: z.string().min(1).max(128).openapi({ description: 'The code from wx.login()' }) })
  .strict()
  .openapi('WechatLoginRequest');

export const UserSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    roleNames: z.array(z.string()),
    organization: z.object({ id: z.string(), kind: OrganizationKindSchema, name: z.string() }).nullable(),
    organizationId: z.string().nullable(),
    organizationName: z.string().nullable(),
    permissions: z.array(z.string()),
    scope: z.enum(['all', 'supplier', 'merchant', 'self']),
    phoneMasked: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    createdAt: IsoDateTimeSchema,
    lastLoginAt: IsoDateTimeSchema.nullable(),
  })
  .openapi('User');

export const SignedInSchema = z
  .object({ token: z.string(), expiresAt: IsoDateTimeSchema, user: UserSchema })
  .openapi('SignedIn');

export const WechatSignedInSchema = SignedInSchema.extend({ created: z.boolean() }).openapi('WechatSignedIn');

export const NewUserSchema = z
  .object({
    displayName: DisplayNameSchema,
    phone: PhoneSchema,
    password: PasswordInputSchema,
    roles: z.array(RoleSchema).min(1).max(8),
    organizationId: z.string().max(40).nullable().optional(),
  })
  .strict()
  .openapi('NewUser');

export const UserPatchSchema = z
  .object({
    displayName: DisplayNameSchema.optional(),
    roles: z.array(RoleSchema).min(1).max(8).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    password: PasswordInputSchema.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' })
  .openapi('UserPatch');

export const UserQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  role: RoleSchema.optional(),
  organizationId: z.string().max(40).optional(),
});

export const RoleInfoSchema = z
  .object({
    role: z.string(),
    name: z.string(),
    organizationKind: OrganizationKindSchema.nullable(),
    permissions: z.array(z.object({ key: z.string(), name: z.string() })),
  })
  .openapi('RoleInfo');

export const OrganizationSchema = z
  .object({ id: z.string(), kind: OrganizationKindSchema, name: z.string(), status: z.enum(['active', 'suspended']), createdAt: IsoDateTimeSchema })
  .openapi('Organization');

export const NewOrganizationSchema = z
  .object({ kind: OrganizationKindSchema, name: z.string().trim().min(1).max(100) })
  .strict()
  .openapi('NewOrganization');

export const OrganizationQuerySchema = z.object({ kind: OrganizationKindSchema.optional() });

export const ShopMeSchema = z
  .object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()), roleNames: z.array(z.string()), phoneMasked: z.string().nullable() })
  .openapi('ShopMe');
