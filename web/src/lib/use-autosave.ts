import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; message: string }
  | { kind: 'blocked'; message: string };

/** What one save attempt did: saved (or had nothing new), failed, or could not start. */
export type SaveOutcome = { ok: true } | { ok: false; kind: 'failed' | 'blocked'; message: string };

/**
 * Debounced autosave: `touch()` after every change starts (or restarts) a `delayMs` timer; when
 * it fires, `save` runs. Saves never overlap: a flush while one is running waits for it and then
 * runs again with the latest values, so the last state always reaches the server. `flush()` saves
 * now and resolves when everything typed so far is saved (or failed), for 提交 and 保存.
 */
export function useAutosave(save: () => Promise<SaveOutcome>, delayMs = 2000) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const saveRef = useRef(save);
  saveRef.current = save;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<SaveOutcome>>(Promise.resolve({ ok: true }));
  const pending = useRef(false);
  const lastSavedAt = useRef<Date | undefined>(undefined);

  const flush = useCallback((): Promise<SaveOutcome> => {
    if (timer.current !== undefined) {
      clearTimeout(timer.current);
      timer.current = undefined;
    }
    chain.current = chain.current.then(async () => {
      pending.current = false;
      setState({ kind: 'saving' });
      let outcome: SaveOutcome;
      try {
        outcome = await saveRef.current();
      } catch {
        outcome = { ok: false, kind: 'failed', message: '保存失败，请稍后再试。' };
      }
      if (outcome.ok) {
        lastSavedAt.current = new Date();
        // Changes made while saving are still waiting for their own timer.
        setState(pending.current ? { kind: 'dirty' } : { kind: 'saved', at: lastSavedAt.current });
      } else {
        // Still unsaved: the next change retries, and leaving the page warns.
        pending.current = true;
        setState({ kind: outcome.kind, message: outcome.message });
      }
      return outcome;
    });
    return chain.current;
  }, []);

  const touch = useCallback(() => {
    pending.current = true;
    setState((previous) => (previous.kind === 'saving' ? previous : { kind: 'dirty' }));
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void flush();
    }, delayMs);
  }, [delayMs, flush]);

  // Leaving the page: save what is waiting for the timer, and ask the browser to warn on unload.
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (pending.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      if (timer.current !== undefined) {
        clearTimeout(timer.current);
        timer.current = undefined;
        void flush();
      }
    };
  }, [flush]);

  return { state, touch, flush, hasPending: () => pending.current };
}
