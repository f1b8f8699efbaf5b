/**
 * CSV rows (RFC 4180) for spreadsheets. A cell that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, tab, CR at the start) gets a leading `'`: exported end-user text must not
 * become a formula on the creator's machine (T59).
 */

const FORMULA = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (values: readonly unknown[]): string => `${values.map(cell).join(",")}\r\n`;
