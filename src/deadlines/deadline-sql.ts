/**
 * The SQL the dossiers listing uses for `overdue=true` and the due date column: the
 * deadlines module's table, read through this module's own words.
 */
export const DEADLINE_SQL = {
  join: 'LEFT JOIN dossier_deadline dl ON dl.dossier_id = d.id',
  dueDate: "to_char(dl.due_date, 'YYYY-MM-DD') AS due_date",
  overdue: (todayParam: string) => `(dl.due_date IS NOT NULL AND dl.due_date < ${todayParam}::date)`,
};
