import { useCallback, useEffect, useRef, useState } from 'react';
import type { CursorPage } from '@weshop/shared';
import { errorMessage } from '../api/client';
import type { LoadMoreStatus } from '../components/load-more';
import { mergeCursorPage } from './cursor-list';

/**
 * Page-by-page loading of a cursor feed, the cursor twin of hooks/use-paged.ts. `fetchPage` runs
 * again from the first page whenever `key` changes; answers to an older key are dropped. `setItems`
 * lets a page patch a row after an action (like, pin) without reloading.
 */
export function useCursorList<T extends { id: string }>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  key: string,
) {
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<LoadMoreStatus>('loading');
  const [error, setError] = useState<string | null>(null);
  const cursor = useRef<string | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (reset: boolean) => {
    if (busy.current && !reset) return;
    const gen = reset ? ++generation.current : generation.current;
    if (reset) cursor.current = null;
    busy.current = true;
    setStatus('loading');
    try {
      const page = await fetchRef.current(cursor.current ?? undefined);
      if (gen !== generation.current) return;
      setItems((prev) => mergeCursorPage(prev, page, reset));
      cursor.current = page.nextCursor;
      setStatus(page.nextCursor ? 'idle' : 'done');
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

  const reload = useCallback(() => load(true), [load]);

  return { items, setItems, status, error, loadMore, reload };
}
