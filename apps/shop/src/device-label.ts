/** What a stored user agent says about a sign-in, in words a shopper recognises: app or browser, and device. */
export interface DeviceLabel {
  readonly app: 'wechat' | 'miniprogram' | 'chrome' | 'safari' | 'firefox' | 'edge' | 'other'
  readonly device: 'iphone' | 'ipad' | 'android' | 'mac' | 'windows' | 'linux' | 'other'
}

export function deviceLabel(userAgent: string | null): DeviceLabel {
  const ua = userAgent ?? ''
  const device: DeviceLabel['device'] = /iPhone/.test(ua)
    ? 'iphone'
    : /iPad/.test(ua)
      ? 'ipad'
      : /Android/.test(ua)
        ? 'android'
        : /Macintosh|Mac OS X/.test(ua)
          ? 'mac'
          : /Windows/.test(ua)
            ? 'windows'
            : /Linux/.test(ua)
              ? 'linux'
              : 'other'
  // Order matters: WeChat's and Edge's agents also name Safari or Chrome.
  const app: DeviceLabel['app'] = /miniProgram|miniprogram/.test(ua)
    ? 'miniprogram'
    : /MicroMessenger/.test(ua)
      ? 'wechat'
      : /Edg\//.test(ua)
        ? 'edge'
        : /Firefox\//.test(ua)
          ? 'firefox'
          : /Chrome\/|CriOS\//.test(ua)
            ? 'chrome'
            : /Safari\//.test(ua)
              ? 'safari'
              : 'other'
  return { app, device }
}
