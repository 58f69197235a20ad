import type { CardDetails, ScannedCard } from '../../scan-api'

export type TextKey = 'name' | 'title' | 'company' | 'address' | 'website'
export const TEXT_KEYS: TextKey[] = ['name', 'title', 'company', 'address', 'website']

/** One editable row: what was read, how sure the reading is (null once typed or when nothing was read). */
export interface FormRow {
  key: TextKey | 'phones' | 'emails'
  value: string
  confidence: number | null
  kind?: 'mobile' | 'landline' | 'other'
}

/** Below this the screen asks the person to check the value. */
export const CHECK_BELOW = 0.8

export function rowsOf(card: ScannedCard): FormRow[] {
  const rows: FormRow[] = TEXT_KEYS.map((key) => {
    const field = card.fields[key]
    return { key, value: field?.value ?? '', confidence: field?.confidence ?? null }
  })
  for (const phone of card.fields.phones) rows.push({ key: 'phones', value: phone.value, confidence: phone.confidence, kind: phone.kind })
  for (const email of card.fields.emails) rows.push({ key: 'emails', value: email.value, confidence: email.confidence })
  if (card.fields.phones.length === 0) rows.push({ key: 'phones', value: '', confidence: null })
  if (card.fields.emails.length === 0) rows.push({ key: 'emails', value: '', confidence: null })
  return rows
}

export function detailsOf(rows: FormRow[]): CardDetails {
  const details: CardDetails = {}
  for (const row of rows) {
    const value = row.value.trim()
    if (!value) continue
    if (row.key === 'phones' || row.key === 'emails') details[row.key] = [...(details[row.key] ?? []), value]
    else details[row.key] = value
  }
  return details
}

/** The roles holding lead.read (who may scan cards); /shop/me lists roles, not permissions. */
const SCAN_ROLES = new Set(['platform_admin', 'operations', 'sales', 'merchant_admin', 'shop_guide'])
export const canScanCards = (roles: readonly string[]) => roles.some((role) => SCAN_ROLES.has(role))
