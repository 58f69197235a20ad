import { defineErrors } from '@linkmall/kernel';

export const identityErrors = defineErrors({
  invalid_credentials: { status: 401, 'zh-CN': '手机号或密码错误', en: 'Wrong phone number or password' },
  account_disabled: { status: 403, 'zh-CN': '该账号已停用，请联系管理员', en: 'This account is disabled; contact an administrator' },
  console_access_denied: {
    status: 403,
    'zh-CN': '该账号不能登录运营后台，请使用商城登录',
    en: 'This account cannot use the console; sign in to the shop instead',
  },
  login_locked: {
    status: 429,
    'zh-CN': '登录失败次数过多，请 {retryAfterMinutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {retryAfterMinutes} minutes',
  },
  phone_taken: { status: 409, 'zh-CN': '该手机号已被注册', en: 'This phone number is already registered' },
  weak_password: {
    status: 422,
    'zh-CN': '密码至少 8 位，须同时包含字母和数字，且不能是常见的弱密码',
    en: 'The password needs at least 8 characters with both letters and digits, and must not be a common password',
  },
  roles_not_allowed: {
    status: 422,
    'zh-CN': '所选角色与该用户所属组织不匹配',
    en: 'These roles do not fit the user’s organisation',
  },
  organization_not_found: { status: 404, 'zh-CN': '组织不存在', en: 'The organisation does not exist' },
  user_not_found: { status: 404, 'zh-CN': '用户不存在', en: 'The user does not exist' },
  cannot_change_self: {
    status: 409,
    'zh-CN': '不能停用自己或移除自己的管理员角色',
    en: 'You cannot disable yourself or remove your own admin role',
  },
  wechat_code_invalid: { status: 401, 'zh-CN': '微信登录凭证无效或已过期，请重试', en: 'The WeChat login code is invalid or expired; try again' },
  wechat_unavailable: { status: 503, 'zh-CN': '微信服务暂时不可用，请稍后再试', en: 'WeChat is temporarily unavailable; try again later' },
  session_not_found: { status: 404, 'zh-CN': '该登录设备不存在或已退出', en: 'This sign-in does not exist or has already ended' },
});
export type IdentityErrorCode = keyof typeof identityErrors;
