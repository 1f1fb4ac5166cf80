import { createContext, useContext } from 'react';
import type { MeResponse } from '../api/types';

export const MeContext = createContext<MeResponse | null>(null);

/** The signed-in user; only valid below `AppLayout`, which loads it. */
export function useCurrentUser(): MeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser must be used inside AppLayout');
  return me;
}

export function useHasAbility(ability: string): boolean {
  return useCurrentUser().abilities.includes(ability);
}
