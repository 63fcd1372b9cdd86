/** Action.Execute verbs: the one list used by code, tests and `cards/*.json`. */
export const Verbs = {
  reprocess: 'reprocess',
  status: 'status',
  reprocessRequest: 'reprocessRequest',
} as const;

export type Verb = (typeof Verbs)[keyof typeof Verbs];
