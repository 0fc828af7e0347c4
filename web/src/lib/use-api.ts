import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api-client.js';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  isLoading: boolean;
  /** Fetches again with the same key, e.g. after a mutation changed the data. */
  reload: () => void;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ status: 0, code: 'unexpected', detail: '加载失败，请稍后再试。' });
}

/**
 * Loads data for a component. `key` names the request (usually the URL with its query); the
 * fetcher runs again whenever the key changes, and a stale response is dropped. A `null` key
 * means "do not load yet".
 */
export function useApiQuery<T>(key: string | null, fetcher: (signal: AbortSignal) => Promise<T>): QueryState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | undefined; isLoading: boolean }>({
    data: undefined,
    error: undefined,
    isLoading: key !== null,
  });
  const [generation, setGeneration] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger.
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, isLoading: true, error: undefined }));
    fetcherRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, isLoading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState((previous) => ({ data: previous.data, error: asApiError(error), isLoading: false }));
        }
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}

export interface MutationState<I, O> {
  mutate: (input: I) => Promise<O>;
  isPending: boolean;
  error: ApiError | undefined;
  reset: () => void;
}

/** Wraps a state-changing fetcher with a pending flag and the last error; `mutate` still rejects. */
export function useApiMutation<I, O>(run: (input: I) => Promise<O>): MutationState<I, O> {
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const runRef = useRef(run);
  runRef.current = run;

  const mutate = useCallback(async (input: I) => {
    setPending(true);
    setError(undefined);
    try {
      return await runRef.current(input);
    } catch (caught) {
      setError(asApiError(caught));
      throw caught;
    } finally {
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => setError(undefined), []);
  return { mutate, isPending, error, reset };
}
