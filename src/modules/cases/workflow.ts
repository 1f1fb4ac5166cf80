/**
 * The case workflow, pure. An operation may configure which moves are allowed (table
 * case_workflows); without a row the default below applies. Two rules hold whatever the
 * configuration says: closing needs an approved closure request, and (when
 * planApprovalRequired) implementation starts only from an approved plan.
 */
export const CASE_STATES = [
  'open',
  'assessment',
  'plan',
  'implementation',
  'review',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export type Transitions = Record<CaseState, CaseState[]>;

export interface Workflow {
  transitions: Transitions;
  planApprovalRequired: boolean;
}

/** Forward through the steps, back one step where work is redone, closing from any open state, reopening. */
export const DEFAULT_WORKFLOW: Workflow = {
  transitions: {
    open: ['assessment', 'closed'],
    assessment: ['plan', 'closed'],
    plan: ['implementation', 'assessment', 'closed'],
    implementation: ['review', 'plan', 'closed'],
    review: ['implementation', 'plan', 'closed'],
    closed: ['open', 'assessment'],
  },
  planApprovalRequired: true,
};

/** Problems with a configured workflow, each naming the state it is about. */
export function workflowProblems(w: Workflow): { state: CaseState; message: string }[] {
  const problems: { state: CaseState; message: string }[] = [];
  for (const state of CASE_STATES) {
    const to = w.transitions[state] ?? [];
    if (to.includes(state)) problems.push({ state, message: 'a state cannot move to itself' });
    if (new Set(to).size !== to.length) problems.push({ state, message: 'lists a state twice' });
    if (state !== 'closed' && !to.length)
      problems.push({ state, message: 'needs at least one way out, or cases get stuck in it' });
  }
  // A new case must be able to end.
  const seen = new Set<CaseState>(['open']);
  const queue: CaseState[] = ['open'];
  while (queue.length) {
    for (const next of w.transitions[queue.shift()!] ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  if (!seen.has('closed'))
    problems.push({ state: 'open', message: 'a case must be able to reach closed' });
  return problems;
}

/** null when the move is allowed; otherwise why not (for a field-named 409). */
export function refusedMove(w: Workflow, from: CaseState, to: CaseState): string | null {
  if (from === to) return `the case is already ${to}`;
  const allowed = w.transitions[from] ?? [];
  if (allowed.includes(to)) return null;
  return `cannot move from ${from} to ${to}; allowed: ${allowed.join(', ') || 'none'}`;
}
