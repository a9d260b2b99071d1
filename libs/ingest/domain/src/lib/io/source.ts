import { TextDecoder } from 'node:util';

/**
 * Byte/text sources. Every reader accepts any async (or sync) iterable of chunks, which covers Node
 * `Readable` streams (`fs.createReadStream`, HTTP uploads), web streams converted with
 * `Readable.fromWeb`, and in-memory strings in tests. Nothing is ever read whole into memory.
 */
export type Chunk = string | Uint8Array;
export type TextSource = AsyncIterable<Chunk> | Iterable<Chunk>;

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a file from its first bytes: a UTF-16 byte-order mark (FF FE / FE FF), or UTF-16
 * without one (every other byte NUL among the first ASCII characters, as Excel's "Unicode text"
 * writes), else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (the usual encoding of French
 * CSV files saved by Excel; Latin-1 is a subset of it for the printable characters).
 */
export function sniffEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length & ~1, 200);
  if (n >= 8) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenNul++;
      if (bytes[i + 1] === 0) oddNul++;
    }
    const pairs = n / 2;
    if (oddNul >= pairs * 0.7 && evenNul === 0) return 'utf-16le';
    if (evenNul >= pairs * 0.7 && oddNul === 0) return 'utf-16be';
  }
  return isUtf8Prefix(bytes) ? 'utf-8' : 'windows-1252';
}

/**
 * Decodes a byte stream to text chunks. Strips a byte-order mark. With `encoding: 'auto'` (default),
 * the encoding is sniffed from the first chunk ({@link sniffEncoding}): UTF-16 LE/BE (with or without
 * BOM), UTF-8, else the whole stream is decoded as Windows-1252. Multi-byte characters split across
 * chunks are handled by the streaming decoder.
 */
export async function* decodeText(source: TextSource, encoding: TextEncodingName | 'auto' = 'auto'): AsyncGenerator<string> {
  let decoder: TextDecoder | null = encoding === 'auto' ? null : new TextDecoder(encoding);
  let first = true;
  // Bytes held until enough are seen to sniff the encoding (a first chunk can be tiny).
  let pending: Uint8Array | null = null;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    decoder ??= new TextDecoder(sniffEncoding(bytes));
    return decoder.decode(bytes, { stream });
  };
  const strip = (text: string): string => {
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  };
  for await (const chunk of source as AsyncIterable<Chunk>) {
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
    } else if (decoder) {
      text = decoder.decode(chunk, { stream: true });
    } else {
      pending = pending ? concat(pending, chunk) : chunk;
      if (pending.length < 256) continue;
      text = decode(pending, true);
      pending = null;
    }
    text = strip(text);
    if (text) yield text;
  }
  if (pending) {
    const text = strip(decode(pending, true));
    if (text) yield text;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield rest;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
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
