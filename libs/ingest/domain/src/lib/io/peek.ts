/**
 * Reads the first chunks of a text stream until `enough(head)` is true, without consuming the rest:
 * `rest` replays the peeked chunks then continues with the stream.
 */
export async function peekText(
  texts: AsyncIterable<string>,
  enough: (head: string) => boolean,
): Promise<{ head: string; rest: AsyncGenerator<string> }> {
  const it = texts[Symbol.asyncIterator]();
  const seen: string[] = [];
  let head = '';
  let done = false;
  while (!enough(head)) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    seen.push(r.value);
    head += r.value;
  }
  const rest = (async function* () {
    yield* seen;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  return { head, rest };
}
