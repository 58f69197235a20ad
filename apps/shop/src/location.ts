import Taro from '@tarojs/taro'

export interface Position {
  latitude: number
  longitude: number
  /** True when we fell back to the default (上海人民广场) because the real position is unknown. */
  fallback: boolean
}

/** 上海人民广场 */
export const DEFAULT_POSITION: Position = { latitude: 31.2304, longitude: 121.4737, fallback: true }

function browserPosition(timeoutMs: number): Promise<Position> {
  return new Promise((resolve) => {
    const geolocation = typeof navigator === 'undefined' ? undefined : navigator.geolocation
    if (geolocation === undefined) {
      resolve(DEFAULT_POSITION)
      return
    }
    // Some browsers never call back when the prompt is ignored; the timer covers that.
    const timer = setTimeout(() => resolve(DEFAULT_POSITION), timeoutMs + 500)
    geolocation.getCurrentPosition(
      (position) => {
        clearTimeout(timer)
        resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude, fallback: false })
      },
      () => {
        clearTimeout(timer)
        resolve(DEFAULT_POSITION)
      },
      { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 600_000 },
    )
  })
}

/** Where the shopper is: wx.getLocation on weapp, browser geolocation on h5, else the default. */
export async function locate(timeoutMs = 5000): Promise<Position> {
  if (process.env.TARO_ENV === 'h5') return browserPosition(timeoutMs)
  try {
    const result = await Taro.getLocation({ type: 'gcj02' })
    return { latitude: result.latitude, longitude: result.longitude, fallback: false }
  } catch {
    return DEFAULT_POSITION
  }
}
