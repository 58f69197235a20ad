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

/** Cities a shopper can pick when the real position is unknown (city centres, GCJ-02). */
export const CITIES = [
  { id: 'shanghai', latitude: 31.2304, longitude: 121.4737 },
  { id: 'beijing', latitude: 39.9042, longitude: 116.4074 },
  { id: 'hangzhou', latitude: 30.2741, longitude: 120.1551 },
  { id: 'chengdu', latitude: 30.6571, longitude: 104.0657 },
  { id: 'guangzhou', latitude: 23.1291, longitude: 113.2644 },
  { id: 'shenzhen', latitude: 22.5431, longitude: 114.0579 },
  { id: 'nanjing', latitude: 32.0603, longitude: 118.7969 },
  { id: 'wuhan', latitude: 30.5928, longitude: 114.3055 },
] as const

export type CityId = (typeof CITIES)[number]['id']

const CITY_KEY = 'linkmall.city'

export function isCityId(value: unknown): value is CityId {
  return CITIES.some((city) => city.id === value)
}

/** The city the shopper picked last time, remembered so the next visit starts there. */
export function loadChosenCity(): CityId | undefined {
  const stored: unknown = Taro.getStorageSync(CITY_KEY)
  return isCityId(stored) ? stored : undefined
}

export function saveChosenCity(id: CityId): void {
  Taro.setStorageSync(CITY_KEY, id)
}

export function cityPosition(id: CityId): Position {
  const city = CITIES.find((candidate) => candidate.id === id) ?? CITIES[0]
  return { latitude: city.latitude, longitude: city.longitude, fallback: true }
}
