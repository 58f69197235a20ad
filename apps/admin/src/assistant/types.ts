export interface KnowledgeEntry {
  id: string;
  organizationId: string | null;
  kind: 'faq' | 'doc';
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface Citation {
  index: number;
  kind: 'product' | 'faq' | 'doc';
  id: string;
  title: string;
}

export interface Evidence {
  kind: Citation['kind'];
  id: string;
  title: string;
  body: string;
  priceFen: number | null;
  specs: string[];
  score: number;
}

export interface TestAnswer {
  answer: string;
  citations: Citation[];
  grounded: boolean;
  model: string;
  evidence: Evidence[];
}
