import { request } from './api'

export interface AssistantCitation {
  index: number
  kind: 'product' | 'faq' | 'doc'
  id: string
  title: string
}

export interface AssistantAnswer {
  answer: string
  citations: AssistantCitation[]
  grounded: boolean
  model: string
  stored: boolean
}

export interface ChatTurn {
  role: 'visitor' | 'assistant'
  content: string
  citations?: AssistantCitation[]
}

export interface AssistantDraft {
  text: string
  model: string
  visitorName: string | null
  products: { productId: string; title: string; priceFen: number | null }[]
  coupon: { name: string; summary: string } | null
}

export interface AssistantRecommendation {
  productId: string
  title: string
  priceFen: number | null
  reason: 'viewed' | 'similar' | 'popular'
  becauseOf: string | null
}

export interface LeadSummary {
  id: string
  name: string | null
  company: string | null
  stageLabel: string
  lastActiveAt: string | null
}

export interface RadarVisitorSummary {
  visitorId: string
  label: string
  lastSeenAt: string
}

const card = (cardId: string) => `/public/cards/${encodeURIComponent(cardId)}/assistant`

/** The card assistant (public, no login) and the owner's drafts and recommendations. */
export const assistantApi = {
  /** Quiet: the chat shows a rate limit or a missing card inside the conversation. */
  ask: (cardId: string, visitorId: string, question: string, history: ChatTurn[]) =>
    request<AssistantAnswer>('POST', card(cardId), { body: { visitorId, question, history: history.slice(-6).map(({ role, content }) => ({ role, content })) }, quiet: true }),
  history: (cardId: string, visitorId: string) =>
    request<{ items: ChatTurn[] }>('GET', `${card(cardId)}?visitorId=${encodeURIComponent(visitorId)}`, { quiet: true }),
  followUp: (leadId: string) => request<AssistantDraft>('POST', '/shop/assistant/follow-up', { body: { leadId } }),
  invitation: (leadId: string) => request<AssistantDraft>('POST', '/shop/assistant/invitation', { body: { leadId } }),
  recommendations: (visitorId: string, limit = 6) =>
    request<{ items: AssistantRecommendation[] }>('GET', `/shop/assistant/recommendations?visitorId=${encodeURIComponent(visitorId)}&limit=${limit}`),
  myLeads: () => request<{ items: LeadSummary[] }>('GET', '/shop/leads?page=1&pageSize=50'),
  myVisitors: () => request<{ items: RadarVisitorSummary[] }>('GET', '/shop/radar/visitors?page=1&pageSize=50'),
}
