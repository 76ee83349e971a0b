/**
 * One table, two files: CSV for any tool (UTF-8 with BOM, « ; » separator and decimal
 * comma, as a French spreadsheet expects) and XLSX with real column types (numbers in
 * euros with their format, dates as dates, text as text). French headers.
 */
import ExcelJS from 'exceljs';

export type ColumnKind = 'text' | 'euros' | 'integer' | 'date' | 'percent';

export interface ExportColumn<Row> {
  header: string;
  kind: ColumnKind;
  width?: number;
  value(row: Row): string | number | null;
}

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  euros: '#,##0.00 "€"',
  integer: '0',
  date: 'dd/mm/yyyy',
  percent: '0.00%',
};

/** The cell's value in its column's unit: cents → euros, basis points → fraction, `YYYY-MM-DD` → Date. */
function typed(kind: ColumnKind, value: string | number | null): string | number | Date | null {
  if (value === null || value === '') return null;
  switch (kind) {
    case 'euros':
      return Number(value) / 100;
    case 'percent':
      return Number(value) / 10_000;
    case 'date':
      return new Date(`${String(value)}T00:00:00Z`);
    case 'integer':
      return Number(value);
    default:
      return String(value);
  }
}

function csvCell(kind: ColumnKind, value: string | number | null): string {
  if (value === null || value === '') return '';
  let text: string;
  if (kind === 'euros') text = (Number(value) / 100).toFixed(2).replace('.', ',');
  else if (kind === 'percent') text = (Number(value) / 100).toFixed(2).replace('.', ',');
  else text = String(value);
  // A cell a spreadsheet would read as a formula is prefixed, so that it stays text.
  if (kind === 'text' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): Buffer {
  const lines = [
    columns.map((column) => csvCell('text', column.header)).join(';'),
    ...rows.map((row) => columns.map((column) => csvCell(column.kind, column.value(row))).join(';')),
  ];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx<Row>(
  sheetName: string,
  columns: readonly ExportColumn<Row>[],
  rows: readonly Row[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'scic-instruction';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width ?? 18,
    style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((column) => typed(column.kind, column.value(row))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
