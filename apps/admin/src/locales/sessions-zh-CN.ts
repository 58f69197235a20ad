/** 登录设备: the signed-in user's own sessions, from the header's user menu. */
export const sessionsZhCN = {
  'sessions.open': '登录设备',
  'sessions.title': '我的登录设备',
  'sessions.intro': '以下是您账号当前有效的登录（运营后台和商城）。如有不认识的设备，请立即让它退出。',
  'sessions.device': '设备',
  'sessions.ip': 'IP 地址',
  'sessions.signedInAt': '登录时间',
  'sessions.expiresAt': '到期时间',
  'sessions.current': '本机',
  'sessions.end': '退出',
  'sessions.endConfirm': '确定让该设备退出登录吗？',
  'sessions.endOthers': '退出其他所有设备',
  'sessions.endOthersConfirm': '除本机外，其他设备都将退出登录。确定吗？',
  'sessions.ended': '已退出 {n} 台设备',
  'sessions.unknownDevice': '未知设备',
} as const;
