/** One CSV record with the file line it starts on (1 is the header), so errors point where a person looks. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

export type CsvProblem = { readonly code: 'unterminated_quote' | 'text_after_quote'; readonly line: number };

/**
 * RFC 4180: comma-separated, quoted fields may hold commas, quotes ("" inside) and line breaks; CRLF,
 * LF or CR line ends; a UTF-8 byte-order mark (Excel's "CSV UTF-8") is skipped; blank lines are skipped.
 */
export function parseCsv(text: string): { records: CsvRecord[]; problem: CsvProblem | null } {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let index = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (index < input.length) {
    const char = input[index]!;
    if (char === '"' && field.trim() === '') {
      const quoteLine = line;
      field = '';
      index++;
      for (;;) {
        if (index >= input.length) return { records, problem: { code: 'unterminated_quote', line: quoteLine } };
        const inner = input[index]!;
        if (inner === '"') {
          if (input[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        if (inner === '\n' || (inner === '\r' && input[index + 1] !== '\n')) line++;
        field += inner;
        index++;
      }
      // Only spaces may follow a closing quote before the separator.
      while (input[index] === ' ' || input[index] === '\t') index++;
      if (index < input.length && input[index] !== ',' && input[index] !== '\n' && input[index] !== '\r') return { records, problem: { code: 'text_after_quote', line } };
      continue;
    }
    if (char === ',') {
      fields.push(field);
      field = '';
      index++;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      index += char === '\r' && input[index + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += char;
      index++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { records, problem: null };
}
