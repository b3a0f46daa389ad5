// Small UI hooks.
import { useEffect, useState } from 'react';
import { clearNotice, peekNotice } from '../components/notice.js';

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The message the previous page left (e.g. "Client deleted."), shown once. */
export function useNotice(): string | null {
  const [notice] = useState(peekNotice);
  useEffect(() => clearNotice(notice), [notice]);
  return notice;
}
