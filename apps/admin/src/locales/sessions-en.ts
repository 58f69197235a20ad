import type { sessionsZhCN } from './sessions-zh-CN';

export const sessionsEn: Record<keyof typeof sessionsZhCN, string> = {
  'sessions.open': 'Signed-in devices',
  'sessions.title': 'My signed-in devices',
  'sessions.intro': 'These sign-ins to your account are live (console and shop). Sign out any device you do not recognise at once.',
  'sessions.device': 'Device',
  'sessions.ip': 'IP address',
  'sessions.signedInAt': 'Signed in',
  'sessions.expiresAt': 'Expires',
  'sessions.current': 'This device',
  'sessions.end': 'Sign out',
  'sessions.endConfirm': 'Sign this device out?',
  'sessions.endOthers': 'Sign out all other devices',
  'sessions.endOthersConfirm': 'Every device except this one will be signed out. Continue?',
  'sessions.ended': 'Signed out {n} device(s)',
  'sessions.unknownDevice': 'Unknown device',
};
