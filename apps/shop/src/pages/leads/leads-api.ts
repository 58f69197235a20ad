import { request } from '../../api'

export const LEAD_STAGES = ['new', 'contacted', 'interested', 'negotiating', 'won', 'lost'] as const
export type LeadStage = (typeof LEAD_STAGES)[number]

export interface LeadItem {
  id: string
  name: string | null
  company: string | null
  phonesMasked: string[]
  stage: LeadStage
  stageLabel: string
  tags: { tag: string; kind: 'manual' | 'auto' }[]
  intentScore: number | null
  lastActiveAt: string | null
}

export interface LeadTask {
  id: string
  leadId: string
  title: string
  dueAt: string
  doneAt: string | null
}

export interface LeadDetail extends LeadItem {
  phoneNumbers: string[] | null
  notes: { id: string; body: string; createdAt: string }[]
  tasks: LeadTask[]
  intent: { score: number; explanation: string } | null
  segmentation: { segmentLabel: string; layerLabel: string }
}

interface Page<T> {
  items: T[]
  total: number
}

/** The owner's leads API (/shop/leads…, /shop/lead-tasks…). */
export const leadsApi = {
  list: () => request<Page<LeadItem>>('GET', '/shop/leads?pageSize=100'),
  detail: (id: string) => request<LeadDetail>('GET', `/shop/leads/${encodeURIComponent(id)}`),
  stage: (id: string, stage: LeadStage) => request<LeadItem>('POST', `/shop/leads/${encodeURIComponent(id)}/stage`, { body: { stage } }),
  note: (id: string, body: string) => request<LeadItem>('POST', `/shop/leads/${encodeURIComponent(id)}/notes`, { body: { body } }),
  task: (id: string, title: string, dueAt: string) => request<LeadTask>('POST', `/shop/leads/${encodeURIComponent(id)}/tasks`, { body: { title, dueAt } }),
  openTasks: () => request<Page<LeadTask>>('GET', '/shop/lead-tasks?status=open&pageSize=100'),
  done: (taskId: string) => request<LeadTask>('POST', `/shop/lead-tasks/${encodeURIComponent(taskId)}/done`),
}

/** The next stages a lead may move to (the server's pipeline, mirrored for the buttons). */
export const NEXT_STAGES: Record<LeadStage, readonly LeadStage[]> = {
  new: ['contacted', 'interested', 'lost'],
  contacted: ['interested', 'negotiating', 'lost'],
  interested: ['negotiating', 'won', 'lost'],
  negotiating: ['won', 'lost'],
  won: [],
  lost: ['contacted'],
}

export const shortDate = (iso: string | null) => (iso ? iso.slice(0, 10) : '')
