/** Where a prospect stands in the pipeline, from first listed to won or lost. */
export const stages = ['new', 'contacted', 'engaged', 'interested', 'customer', 'lost'] as const;
export type Stage = (typeof stages)[number];
