import { useEffect, useState } from 'react';
import { type ApiError, apiRequest, isApiError } from '../../../lib/api-client.js';
import type { ImportJob } from '../types.js';

/** GET /api/collection/imports/:id: status, phase and progress of one job (not cached). */
export function getImport(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return apiRequest<ImportJob>(`/api/collection/imports/${encodeURIComponent(id)}`, { signal });
}

const POLL_MS = 1000;

/**
 * Follows a job: starts from `initial` (the 202 answer) and reads it again every second while it
 * is queued or running. A failed read is kept as `error` and retried on the next tick.
 */
export function useImportJob(initial: ImportJob | undefined): { job: ImportJob | undefined; error: ApiError | undefined } {
  const [state, setState] = useState<{ job: ImportJob | undefined; error: ApiError | undefined }>({ job: initial, error: undefined });
  const id = initial?.id;
  const initialActive = initial ? initial.status === 'queued' || initial.status === 'running' : false;

  // The job is identified by its id: later objects with the same id are its own updates.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `initial` is read only when `id` changes.
  useEffect(() => {
    setState({ job: initial, error: undefined });
    if (!id || !initialActive) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const job = await getImport(id, controller.signal);
        if (controller.signal.aborted) return;
        setState({ job, error: undefined });
        if (job.status === 'succeeded' || job.status === 'failed') return;
      } catch (error) {
        if (controller.signal.aborted) return;
        if (isApiError(error)) setState((previous) => ({ ...previous, error }));
        if (isApiError(error) && (error.status === 404 || error.status === 401 || error.status === 403)) return;
      }
      timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [id, initialActive]);

  return state;
}
