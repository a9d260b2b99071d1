import { decodeText, type TextEncodingName, type TextSource } from './source.js';

export interface TextLine {
  /** 1-based line number. */
  line: number;
  /** Content without the line terminator (\n or \r\n). */
  text: string;
}

/** Splits a text stream into lines with 1-based numbers; keeps only the current partial line in memory. */
export async function* readLines(source: TextSource, encoding: TextEncodingName | 'auto' = 'auto'): AsyncGenerator<TextLine> {
  let buffer = '';
  let line = 0;
  for await (const text of decodeText(source, encoding)) {
    buffer += text;
    let start = 0;
    let nl: number;
    while ((nl = buffer.indexOf('\n', start)) !== -1) {
      const end = nl > start && buffer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line: ++line, text: buffer.slice(start, end) };
      start = nl + 1;
    }
    buffer = buffer.slice(start);
  }
  if (buffer.length > 0) yield { line: ++line, text: buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer };
}
