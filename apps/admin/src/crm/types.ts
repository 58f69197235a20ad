export const LEAD_STAGES = ['new', 'contacted', 'interested', 'negotiating', 'won', 'lost'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export interface Lead {
  id: string;
  ownerUserId: string;
  name: string | null;
  company: string | null;
  title: string | null;
  phonesMasked: string[];
  emails: string[];
  stage: LeadStage;
  stageLabel: string;
  tags: { tag: string; kind: 'manual' | 'auto' }[];
  intentScore: number | null;
  visitorCount: number;
  lastActiveAt: string | null;
  updatedAt: string;
}

export interface LeadDetail extends Lead {
  notes: { id: string; body: string; createdAt: string }[];
  tasks: { id: string; title: string; dueAt: string; doneAt: string | null }[];
  intent: { score: number; explanation: string } | null;
  segmentation: { segmentLabel: string; layerLabel: string; scores: { recency: number; frequency: number; monetary: number; loyalty: number }; orders365: number; paid365Fen: number };
  mergedLeadIds: string[];
}

export type AutomationParams = { trigger: 'inactive'; days: number; couponTemplateId?: string } | { trigger: 'repurchase'; defaultCycleDays: number } | { trigger: 'high_intent'; threshold: number };

export interface Automation {
  id: string;
  name: string;
  trigger: AutomationParams['trigger'];
  params: AutomationParams;
  enabled: boolean;
  updatedAt: string;
}
