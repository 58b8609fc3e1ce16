// CSV text by RFC 4180: fields with a comma, a double quote or a line break are quoted, quotes
// inside doubled; records end with CRLF. Numbers are written in full (JavaScript's shortest
// round-tripping form), and a missing or non-finite number as an empty field.

export type CsvField = string | number | null | undefined;

export function csvField(value: CsvField): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The records as CSV text, each ended by CRLF (the RFC's line break, which spreadsheets expect). */
export function csvText(rows: readonly (readonly CsvField[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
