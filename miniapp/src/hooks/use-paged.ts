import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@weshop/shared';
import { errorMessage } from '../api/client';

export type PagedStatus = 'loading' | 'idle' | 'done' | 'error';

/**
 * Page-by-page loading of a `{ items, total, page, pageSize }` list. `fetchPage` is re-run from
 * page 1 whenever `key` changes (e.g. a new sort or search); answers to an older key are dropped.
 */
export function usePaged<T>(fetchPage: (page: number) => Promise<Page<T>>, key: string) {
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<PagedStatus>('loading');
  const [error, setError] = useState<string | null>(null);
  const next = useRef(1);
  const generation = useRef(0);
  const busy = useRef(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (reset: boolean) => {
    if (busy.current && !reset) return;
    const gen = reset ? ++generation.current : generation.current;
    if (reset) next.current = 1;
    busy.current = true;
    setStatus('loading');
    try {
      const res = await fetchRef.current(next.current);
      if (gen !== generation.current) return;
      setItems((prev) => (reset ? res.items : [...prev, ...res.items]));
      const loaded = (res.page - 1) * res.pageSize + res.items.length;
      next.current = res.page + 1;
      setStatus(loaded >= res.total || res.items.length === 0 ? 'done' : 'idle');
      setError(null);
    } catch (e) {
      if (gen !== generation.current) return;
      setError(errorMessage(e));
      setStatus('error');
    } finally {
      if (gen === generation.current) busy.current = false;
    }
  }, []);

  useEffect(() => {
    setItems([]);
    void load(true);
  }, [key, load]);

  const loadMore = useCallback(() => {
    if (status === 'idle' || status === 'error') void load(false);
  }, [status, load]);

  return { items, status, error, loadMore, reload: () => load(true) };
}
