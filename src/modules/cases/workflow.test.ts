import { describe, expect, it } from 'vitest';
import { CASE_STATES, DEFAULT_WORKFLOW, refusedMove, workflowProblems } from './workflow.ts';

describe('the case workflow', () => {
  it('has a default that passes its own checks, closes from every open state and reopens', () => {
    expect(workflowProblems(DEFAULT_WORKFLOW)).toEqual([]);
    for (const s of CASE_STATES.filter((x) => x !== 'closed'))
      expect(refusedMove(DEFAULT_WORKFLOW, s, 'closed')).toBeNull();
    expect(refusedMove(DEFAULT_WORKFLOW, 'closed', 'open')).toBeNull();
  });

  it('refuses moves the workflow does not list, saying which are allowed', () => {
    expect(refusedMove(DEFAULT_WORKFLOW, 'open', 'implementation')).toBe(
      'cannot move from open to implementation; allowed: assessment, closed',
    );
    expect(refusedMove(DEFAULT_WORKFLOW, 'plan', 'plan')).toMatch(/already plan/);
  });

  it('finds self-moves, duplicates, dead ends and a case that can never close', () => {
    const problems = workflowProblems({
      planApprovalRequired: true,
      transitions: {
        open: ['open', 'assessment', 'assessment'],
        assessment: [],
        plan: ['closed'],
        implementation: ['closed'],
        review: ['closed'],
        closed: [],
      },
    });
    expect(problems.map((p) => p.state)).toEqual(['open', 'open', 'assessment', 'open']);
  });
});
