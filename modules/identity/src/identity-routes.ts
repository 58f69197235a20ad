import { authenticated,
  defineRoute,
  idParam,
  OpenAPIHono,
  pageOf,
  PageQuerySchema,
  publicAccess,
  requires,
  unwrap,
  z,
  type AppEnv, jsonResponse } from '@linkmall/http';
import type { AuthService } from './auth-service.ts';
import {
  LoginBodySchema,
  NewOrganizationSchema,
  NewUserSchema,
  OrganizationQuerySchema,
  OrganizationSchema,
  RoleInfoSchema,
  ShopMeSchema,
  SignedInSchema,
  UserPatchSchema,
  UserQuerySchema,
  UserSchema,
  WechatLoginBodySchema,
  WechatSignedInSchema,
} from './identity-schemas.ts';
import type { UserService } from './user-service.ts';

const noContent = { description: 'Done' };
const UserIdParams = z.object({ id: idParam('usr') });

export function identityAdminRoutes(auth: AuthService, users: UserService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(publicAccess, {
        method: 'post',
        path: '/auth/login',
        tags: ['Identity'],
        summary: 'Console sign-in with phone and password',
        request: { body: { content: { 'application/json': { schema: LoginBodySchema } }, required: true } },
        responses: { 200: jsonResponse(SignedInSchema, 'Signed in') },
      }),
      async (c) => c.json(unwrap(await auth.login(c.var.ctx, { ...c.req.valid('json'), surface: 'console' })), 200),
    )
    .openapi(
      defineRoute(authenticated, { method: 'post', path: '/auth/logout', tags: ['Identity'], summary: 'Revoke the current session', responses: { 204: noContent } }),
      async (c) => {
        await auth.logout(c.var.ctx);
        return c.body(null, 204);
      },
    )
    .openapi(
      defineRoute(authenticated, { method: 'get', path: '/me', tags: ['Identity'], summary: 'The signed-in user', responses: { 200: jsonResponse(UserSchema, 'The user') } }),
      async (c) => c.json(unwrap(await auth.me(c.var.ctx)), 200),
    )
    .openapi(
      defineRoute(requires('user.read'), {
        method: 'get',
        path: '/users',
        tags: ['Identity'],
        summary: 'Users in the data scope of the caller',
        request: { query: PageQuerySchema.extend(UserQuerySchema.shape) },
        responses: { 200: jsonResponse(pageOf(UserSchema, 'UserPage'), 'A page of users') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await users.listUsers(c.var.ctx, query);
        return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('user.write'), {
        method: 'post',
        path: '/users',
        tags: ['Identity'],
        summary: 'Create a staff user or consumer (audited)',
        request: { body: { content: { 'application/json': { schema: NewUserSchema } }, required: true } },
        responses: { 201: jsonResponse(UserSchema, 'Created'), 422: jsonResponse(z.any(), 'Weak password or roles that do not fit the organisation') },
      }),
      async (c) => c.json(unwrap(await users.createUser(c.var.ctx, c.req.valid('json'))), 201),
    )
    .openapi(
      defineRoute(requires('user.read'), {
        method: 'get',
        path: '/users/{id}',
        tags: ['Identity'],
        summary: 'One user (404 outside the scope of the caller)',
        request: { params: UserIdParams },
        responses: { 200: jsonResponse(UserSchema, 'The user') },
      }),
      async (c) => c.json(unwrap(await users.getUser(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(requires('user.write'), {
        method: 'patch',
        path: '/users/{id}',
        tags: ['Identity'],
        summary: 'Change name, roles, status or password (audited)',
        request: { params: UserIdParams, body: { content: { 'application/json': { schema: UserPatchSchema } }, required: true } },
        responses: { 200: jsonResponse(UserSchema, 'Updated'), 422: jsonResponse(z.any(), 'Weak password or roles that do not fit the organisation') },
      }),
      async (c) => c.json(unwrap(await users.updateUser(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(requires('user.write'), {
        method: 'post',
        path: '/users/{id}/revoke-sessions',
        tags: ['Identity'],
        summary: 'Sign the user out everywhere (audited)',
        request: { params: UserIdParams },
        responses: { 200: jsonResponse(z.object({ revoked: z.number().int() }), 'Sessions revoked') },
      }),
      async (c) => c.json(unwrap(await users.revokeSessions(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(requires('role.read'), {
        method: 'get',
        path: '/roles',
        tags: ['Identity'],
        summary: 'Roles and their permissions',
        responses: { 200: jsonResponse(z.object({ items: z.array(RoleInfoSchema) }), 'Roles') },
      }),
      (c) => c.json({ items: users.listRoles(c.var.ctx.locale) }, 200),
    )
    .openapi(
      defineRoute(requires('organization.read'), {
        method: 'get',
        path: '/organizations',
        tags: ['Identity'],
        summary: 'Organisations in the scope of the caller',
        request: { query: PageQuerySchema.extend(OrganizationQuerySchema.shape) },
        responses: { 200: jsonResponse(pageOf(OrganizationSchema, 'OrganizationPage'), 'A page of organisations') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await users.listOrganizations(c.var.ctx, query);
        return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('organization.write'), {
        method: 'post',
        path: '/organizations',
        tags: ['Identity'],
        summary: 'Onboard a supplier or merchant (audited)',
        request: { body: { content: { 'application/json': { schema: NewOrganizationSchema } }, required: true } },
        responses: { 201: jsonResponse(OrganizationSchema, 'Created') },
      }),
      async (c) => c.json(await users.createOrganization(c.var.ctx, c.req.valid('json')), 201),
    );
}

export function identityShopRoutes(auth: AuthService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(publicAccess, {
        method: 'post',
        path: '/auth/login',
        tags: ['Shop identity'],
        summary: 'Shop sign-in with phone and password',
        request: { body: { content: { 'application/json': { schema: LoginBodySchema } }, required: true } },
        responses: { 200: jsonResponse(SignedInSchema, 'Signed in') },
      }),
      async (c) => c.json(unwrap(await auth.login(c.var.ctx, { ...c.req.valid('json'), surface: 'shop' })), 200),
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'post',
        path: '/auth/wechat',
        tags: ['Shop identity'],
        summary: 'Mini-program sign-in with the wx.login() code; registers a consumer on first use',
        request: { body: { content: { 'application/json': { schema: WechatLoginBodySchema } }, required: true } },
        responses: { 200: jsonResponse(WechatSignedInSchema, 'Signed in'), 503: jsonResponse(z.any(), 'WeChat unavailable') },
      }),
      async (c) => c.json(unwrap(await auth.loginWithWechat(c.var.ctx, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(authenticated, { method: 'post', path: '/auth/logout', tags: ['Shop identity'], summary: 'Revoke the current session', responses: { 204: noContent } }),
      async (c) => {
        await auth.logout(c.var.ctx);
        return c.body(null, 204);
      },
    )
    .openapi(
      defineRoute(authenticated, { method: 'get', path: '/me', tags: ['Shop identity'], summary: 'The signed-in shopper', responses: { 200: jsonResponse(ShopMeSchema, 'Me') } }),
      async (c) => {
        const user = unwrap(await auth.me(c.var.ctx));
        return c.json({ id: user.id, displayName: user.displayName, roles: user.roles, roleNames: user.roleNames, phoneMasked: user.phoneMasked }, 200);
      },
    );
}
