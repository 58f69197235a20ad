import Taro from '@tarojs/taro'
import { request } from './api'

export interface ScannedField {
  value: string
  confidence: number
  lines: number[]
}
export interface ScannedPhone extends ScannedField {
  kind: 'mobile' | 'landline' | 'other'
}
export interface ScannedCard {
  engine: string
  fields: {
    name: ScannedField | null
    title: ScannedField | null
    company: ScannedField | null
    address: ScannedField | null
    website: ScannedField | null
    phones: ScannedPhone[]
    emails: ScannedField[]
  }
}

/** The fields as the person corrected them, as the save routes take them. */
export interface CardDetails {
  name?: string
  title?: string
  company?: string
  phones?: string[]
  emails?: string[]
  address?: string
  website?: string
}

export const MAX_SCAN_BYTES = 4 * 1024 * 1024

export const scanApi = {
  scan: (image: string) => request<ScannedCard>('POST', '/shop/scan/business-card', { body: { image } }),
  saveContact: (details: CardDetails) => request<{ leadId: string; created: boolean }>('POST', '/shop/scan/business-card/contact', { body: { details } }),
  createDraft: (details: CardDetails) => request<{ draftId: string; cardId: string | null }>('POST', '/shop/scan/business-card/card-draft', { body: { details } }),
}

/** A chosen photo as base64: through the file system on weapp, through a blob read on h5. */
export async function readImageBase64(path: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const data = Taro.getFileSystemManager().readFileSync(path, 'base64')
    return typeof data === 'string' ? data : ''
  }
  const blob = await (await fetch(path)).blob()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(blob)
  })
}
