/* The addresses of the edit forms, for the pages that link to them. */

export const EDIT_KINDS = ['meeting', 'barrier', 'plan', 'indicator'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** The staff address of each kind's records (as /work/indicators/{id} already is). */
const PATHS: Record<EditKind, string> = { meeting: 'meetings', barrier: 'barriers', plan: 'plans', indicator: 'indicators' };

/** The edit form of a record: /work/meetings/{id}/edit, /work/barriers/{id}/edit, /work/plans/{id}/edit, /work/indicators/{id}/edit. */
export function editPath(kind: EditKind, id: string): string {
  return `/work/${PATHS[kind]}/${id}/edit`;
}

/** Where a saved edit goes: the list of records to edit, with its success banner. */
export function editedPath(kind: EditKind): string {
  return `/work/edit?done=${kind}`;
}
