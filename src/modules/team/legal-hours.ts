/** Legal calling hours are a ceiling: a team may narrow them, never widen them. */
export const LEGAL_START = '08:00';
export const LEGAL_END = '21:00';
