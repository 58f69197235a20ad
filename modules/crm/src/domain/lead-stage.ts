/**
 * The sales pipeline of a lead: 新线索 → 已联系 → 有意向 → 洽谈中 → 成交 / 流失. A lead may move one
 * step on, skip ahead when the visitor's behaviour shows it, fall back one step, or be lost from any
 * open stage; a lost lead can be reopened as contacted. Won is final.
 */
export const LEAD_STAGES = ['new', 'contacted', 'interested', 'negotiating', 'won', 'lost'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

const TRANSITIONS: Readonly<Record<LeadStage, readonly LeadStage[]>> = {
  new: ['contacted', 'interested', 'negotiating', 'lost'],
  contacted: ['interested', 'negotiating', 'lost'],
  interested: ['contacted', 'negotiating', 'won', 'lost'],
  negotiating: ['interested', 'won', 'lost'],
  won: [],
  lost: ['contacted'],
};

/** The next stage, or null when the move is not allowed from `from`. */
export function transitionStage(from: LeadStage, to: LeadStage): LeadStage | null {
  return TRANSITIONS[from].includes(to) ? to : null;
}

export const STAGE_LABELS: Readonly<Record<LeadStage, { 'zh-CN': string; en: string }>> = {
  new: { 'zh-CN': '新线索', en: 'New' },
  contacted: { 'zh-CN': '已联系', en: 'Contacted' },
  interested: { 'zh-CN': '有意向', en: 'Interested' },
  negotiating: { 'zh-CN': '洽谈中', en: 'Negotiating' },
  won: { 'zh-CN': '已成交', en: 'Won' },
  lost: { 'zh-CN': '已流失', en: 'Lost' },
};

/** When two leads merge, the one further along the pipeline decides the stage (won beats lost). */
export function furtherStage(a: LeadStage, b: LeadStage): LeadStage {
  const rank: Record<LeadStage, number> = { lost: 0, new: 1, contacted: 2, interested: 3, negotiating: 4, won: 5 };
  return rank[a] >= rank[b] ? a : b;
}
