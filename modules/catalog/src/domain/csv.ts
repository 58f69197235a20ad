/**
 * RFC 4180 CSV as spreadsheets write it: comma-separated, fields optionally in double quotes, a
 * doubled quote ("") for a quote inside a quoted field, and quoted fields may span lines. Records
 * end at CRLF, LF or a lone CR (old Mac exports); a UTF-8 byte order mark (Excel's "CSV UTF-8") is
 * dropped. Text is taken as given, Chinese included; trimming is the caller's choice.
 */
export interface CsvRecord {
  readonly fields: string[];
  /** The 1-based line the record starts on, for messages that point into the file. */
  readonly line: number;
}

export type CsvProblemCode = 'unterminated_quote' | 'text_after_quote';

export interface CsvProblem {
  /** Index of the record (0 is the header) where the problem is. */
  readonly record: number;
  readonly line: number;
  readonly code: CsvProblemCode;
}

export interface CsvParseResult {
  readonly records: CsvRecord[];
  readonly problems: CsvProblem[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export function parseCsv(input: string): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let index = 0;
  const length = text.length;

  const endRecord = () => {
    records.push({ fields, line: recordLine });
    fields = [];
  };
  /** Consumes a line break at `index` if there is one; true when it did. */
  const lineBreak = (): boolean => {
    const code = text.charCodeAt(index);
    if (code === CR) {
      index += text.charCodeAt(index + 1) === LF ? 2 : 1;
    } else if (code === LF) {
      index += 1;
    } else return false;
    line++;
    return true;
  };

  while (index < length) {
    if (fields.length === 0) recordLine = line;
    let value = '';
    if (text.charCodeAt(index) === QUOTE) {
      index++;
      let closed = false;
      while (index < length) {
        const code = text.charCodeAt(index);
        if (code === QUOTE) {
          if (text.charCodeAt(index + 1) === QUOTE) {
            value += '"';
            index += 2;
            continue;
          }
          index++;
          closed = true;
          break;
        }
        if (code === CR || code === LF) {
          // Line breaks inside quotes are kept as LF, whatever the file used.
          lineBreak();
          value += '\n';
          continue;
        }
        const next = text.indexOf('"', index);
        const stop = next === -1 ? length : next;
        const chunkEnd = Math.min(stop, nextLineBreak(text, index, stop));
        value += text.slice(index, chunkEnd);
        index = chunkEnd;
      }
      if (!closed) problems.push({ record: records.length, line: recordLine, code: 'unterminated_quote' });
      else if (index < length && text.charCodeAt(index) !== COMMA && text.charCodeAt(index) !== CR && text.charCodeAt(index) !== LF) {
        problems.push({ record: records.length, line, code: 'text_after_quote' });
        const end = fieldEnd(text, index);
        value += text.slice(index, end);
        index = end;
      }
    } else {
      const end = fieldEnd(text, index);
      value = text.slice(index, end);
      index = end;
    }
    fields.push(value);
    if (index >= length) break;
    if (text.charCodeAt(index) === COMMA) {
      index++;
      // A comma at the very end still opens an (empty) last field.
      if (index >= length) fields.push('');
      continue;
    }
    lineBreak();
    endRecord();
  }
  if (fields.length > 0) endRecord();
  return { records, problems };
}

/** Where an unquoted field ends: the next comma or line break. */
function fieldEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === COMMA || code === CR || code === LF) return index;
  }
  return text.length;
}

function nextLineBreak(text: string, from: number, limit: number): number {
  for (let index = from; index < limit; index++) {
    const code = text.charCodeAt(index);
    if (code === CR || code === LF) return index;
  }
  return limit;
}
