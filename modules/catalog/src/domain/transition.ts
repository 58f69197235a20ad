import { err, ok, type Result } from '@linkmall/kernel';

/** A lifecycle as data: for each state, the events it accepts and the state each one leads to. */
export type TransitionTable<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

/** The one way a lifecycle moves: the next state, or `transition_not_allowed` when the table has no such edge. */
export function transition<S extends string, E extends string>(
  table: TransitionTable<S, E>,
  from: S,
  event: E,
): Result<S, 'transition_not_allowed'> {
  const to = table[from][event];
  return to === undefined ? err('transition_not_allowed', { from, event }) : ok(to);
}

/** The events a state accepts, for UIs that show only the buttons that can work. */
export function allowedEvents<S extends string, E extends string>(table: TransitionTable<S, E>, from: S): E[] {
  return Object.keys(table[from]) as E[];
}
