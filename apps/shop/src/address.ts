import Taro from '@tarojs/taro'
import type { ShippingAddress } from './api-types'

const ADDRESS_KEY = 'linkmall.lastAddress'

export const EMPTY_ADDRESS: ShippingAddress = { recipientName: '', phone: '', province: '', city: '', district: '', detail: '' }

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function isValidMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone.trim())
}

export type AddressProblem = 'recipient' | 'phone' | 'region' | 'detail'

/** Mirrors the server's length rules so most mistakes are caught before the request. */
export function validateAddress(address: ShippingAddress): AddressProblem | undefined {
  if (address.recipientName.trim() === '' || address.recipientName.trim().length > 30) return 'recipient'
  if (!isValidMobile(address.phone)) return 'phone'
  const region = [address.province, address.city].map((part) => part.trim())
  if (region.some((part) => part.length < 2 || part.length > 20)) return 'region'
  if (address.district.trim() === '' || address.district.trim().length > 20) return 'region'
  if (address.detail.trim().length < 2 || address.detail.trim().length > 120) return 'detail'
  return undefined
}

export function trimAddress(address: ShippingAddress): ShippingAddress {
  return {
    recipientName: address.recipientName.trim(),
    phone: address.phone.trim(),
    province: address.province.trim(),
    city: address.city.trim(),
    district: address.district.trim(),
    detail: address.detail.trim(),
  }
}

export function loadLastAddress(): ShippingAddress {
  const stored: unknown = Taro.getStorageSync(ADDRESS_KEY)
  if (typeof stored !== 'object' || stored === null) return { ...EMPTY_ADDRESS }
  const record = stored as Record<string, unknown>
  const pick = (key: keyof ShippingAddress) => (typeof record[key] === 'string' ? (record[key] as string) : '')
  return {
    recipientName: pick('recipientName'),
    phone: pick('phone'),
    province: pick('province'),
    city: pick('city'),
    district: pick('district'),
    detail: pick('detail'),
  }
}

export function saveLastAddress(address: ShippingAddress): void {
  Taro.setStorageSync(ADDRESS_KEY, address)
}
