/** Thrown when a body grows past the cap; the caller turns it into a user-readable message. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

/**
 * Reads a response body as UTF-8, giving up (and cancelling the stream) once it exceeds `maxBytes`,
 * so an upstream cannot make the server buffer an unbounded reply.
 */
export async function readCappedBody(response: Response, maxBytes: number): Promise<{ text: string; bytes: number }> {
  const declared = Number.parseInt(response.headers.get("content-length") ?? "", 10);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new BodyTooLargeError();
  }
  if (!response.body) return { text: "", bytes: 0 };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), bytes };
}
