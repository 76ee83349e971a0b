/** A dossier's journal as the API lists it, for the suites that check what a step journaled. */
import type { TestApp } from './test-app.js';

export interface JournalItem {
  seq: number;
  type: string;
  actorId: string;
  payload: Record<string, any>;
}

/** The dossier's journal entries in order (up to 500), read by a viewer through the API. */
export async function journalEntries(test: TestApp, dossierId: string): Promise<JournalItem[]> {
  const journal = await test.request({
    method: 'GET',
    url: `/api/dossiers/${dossierId}/journal?limit=500`,
    as: 'viewer',
  });
  expect(journal.status).toBe(200);
  return journal.body.items;
}

/** The types of the dossier's journal entries, in order. */
export async function journalTypes(test: TestApp, dossierId: string): Promise<string[]> {
  return (await journalEntries(test, dossierId)).map((entry) => entry.type);
}
