import { describe, expect, it } from 'vitest'
import { deviceLabel } from './device-label'

describe('deviceLabel', () => {
  it('names the app before the browser it embeds, and the device', () => {
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.40 miniProgram')).toEqual({ app: 'miniprogram', device: 'iphone' })
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14; PJD110) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.44')).toEqual({ app: 'wechat', device: 'android' })
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0')).toEqual({ app: 'edge', device: 'windows' })
    expect(deviceLabel('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15')).toEqual({ app: 'safari', device: 'mac' })
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/140.0 Safari/537.36')).toEqual({ app: 'chrome', device: 'linux' })
  })

  it('says "other" for what it does not know, including nothing at all', () => {
    expect(deviceLabel(null)).toEqual({ app: 'other', device: 'other' })
    expect(deviceLabel('curl/8.5.0')).toEqual({ app: 'other', device: 'other' })
  })
})
