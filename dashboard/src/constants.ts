import type { Stage } from './types';

/** Journey stages in order (kept here so the bundle does not pull zod in from shared/schemas). */
export const STAGES = [
  'awareness',
  'consideration',
  'purchase',
  'onboarding',
  'usage',
  'support',
  'loyalty',
] as const satisfies readonly Stage[];

// Fails to compile if shared/schemas gains a stage this list lacks.
type Missing = Exclude<Stage, (typeof STAGES)[number]>;
const _allStages: Missing extends never ? true : never = true;
void _allStages;
