import type { Generated } from 'kysely';

/** A physical store of a merchant: address (province/city/district) and coordinates for nearest-store search. */
export interface StoreTable {
  id: string;
  merchant_id: string;
  name: string;
  province: string;
  city: string;
  district: string;
  address: string;
  /** GCJ-02 degrees as used by Chinese map services; coordinates, not money, so a double is right. */
  latitude: number;
  longitude: number;
  phone: string | null;
  status: Generated<'open' | 'closed'>;
  created_at: Date;
  updated_at: Date;
}

export interface StoreTables {
  stores: StoreTable;
}
