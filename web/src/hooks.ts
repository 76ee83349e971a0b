import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ApiError } from './api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads `load()` whenever `key` changes (or on reload); keeps the previous data meanwhile. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [round, setRound] = useState(0);
  const requestKey = `${key}#${round}`;
  const [result, setResult] = useState<{ key: string; data?: T; error?: ApiError }>({ key: '' });
  const run = useEffectEvent(() => load());
  useEffect(() => {
    let current = true;
    run().then(
      (data) => current && setResult({ key: requestKey, data }),
      (error: ApiError) => current && setResult((previous) => ({ key: requestKey, data: previous.data, error })),
    );
    return () => {
      current = false;
    };
  }, [requestKey]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data: result.data, error: result.error, loading: result.key !== requestKey, reload };
}

/** Sets the tab's title, the first thing a screen reader announces on a new page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Instruction des SCIC`;
  }, [title]);
}
