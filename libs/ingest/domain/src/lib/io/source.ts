import { TextDecoder } from 'node:util';

/**
 * Byte/text sources. Every reader accepts any async (or sync) iterable of chunks, which covers Node
 * `Readable` streams (`fs.createReadStream`, HTTP uploads), web streams converted with
 * `Readable.fromWeb`, and in-memory strings in tests. Nothing is ever read whole into memory.
 */
export type Chunk = string | Uint8Array;
export type TextSource = AsyncIterable<Chunk> | Iterable<Chunk>;

export type TextEncodingName = 'utf-8' | 'windows-1252';

/**
 * Decodes a byte stream to text chunks. Strips a UTF-8 BOM. With `encoding: 'auto'` (default), the
 * first bytes are checked: if they are not valid UTF-8 the whole stream is decoded as Windows-1252
 * (the usual encoding of French CSV files saved by Excel). Multi-byte characters split across chunks
 * are handled by the streaming decoder.
 */
export async function* decodeText(source: TextSource, encoding: TextEncodingName | 'auto' = 'auto'): AsyncGenerator<string> {
  let decoder: TextDecoder | null = encoding === 'auto' ? null : new TextDecoder(encoding);
  let first = true;
  for await (const chunk of source as AsyncIterable<Chunk>) {
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
    } else {
      decoder ??= isUtf8Prefix(chunk) ? new TextDecoder('utf-8') : new TextDecoder('windows-1252');
      text = decoder.decode(chunk, { stream: true });
    }
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield rest;
  }
}

/** True when `bytes` is valid UTF-8, allowing an incomplete sequence at the very end. */
function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** A source that yields the given strings (tests, small inline inputs). */
export function fromString(...parts: string[]): TextSource {
  return parts;
}
