import { useEffect, useState } from 'react';
import { api, isAbortError } from './api';
import { useI18n } from './i18n';
import type { Carrier } from './promotion-types';

/** The carriers the API ships and tracks with (names in the current language); empty until loaded or on failure. */
export function useCarriers(): Carrier[] {
  const { locale } = useI18n();
  const [carriers, setCarriers] = useState<Carrier[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<{ items: Carrier[] }>('/admin/logistics/carriers', { silent: true, signal: controller.signal })
      .then((result) => setCarriers(result.items))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setCarriers([]);
      });
    return () => controller.abort();
  }, [locale]);
  return carriers;
}

/** The carrier a typed name or code stands for, matched on its code or either language's name. */
export function findCarrier(carriers: readonly Carrier[], text: string): Carrier | undefined {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return undefined;
  return carriers.find(
    (carrier) => carrier.code === wanted || carrier.names['zh-CN'].toLowerCase() === wanted || carrier.names.en.toLowerCase() === wanted,
  );
}
