import { type DependencyList, useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  /** what the current inputs loaded; kept while a reload of the same inputs runs */
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

interface State<T> {
  inputs: string | null;
  round: number;
  data: T | null;
  error: unknown;
}

/**
 * Loads something when its inputs (plain values) change; an answer for inputs that have
 * changed since is dropped, so a slow older load never overwrites a newer one.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): Loaded<T> {
  const inputs = JSON.stringify(deps);
  const [round, setRound] = useState(0);
  const [state, setState] = useState<State<T>>({ inputs: null, round: 0, data: null, error: null });
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ inputs, round, data, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ inputs, round, data: null, error });
      },
    );
    return () => controller.abort();
    // the inputs stand for deps; `load` is a new closure every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [inputs, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const same = state.inputs === inputs;
  return {
    data: same ? state.data : null,
    error: same ? state.error : null,
    loading: !same || state.round !== round,
    reload,
  };
}

/**
 * Whether any of these loads has neither answered nor failed yet. A page that shows catalog
 * names waits for them, so that no reader (or test) sees raw ids flash before the names.
 */
export function unsettled(...loads: Loaded<unknown>[]): boolean {
  return loads.some((l) => l.data === null && !l.error);
}
