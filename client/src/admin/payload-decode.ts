/**
 * A dead letter's payload for display: the text when the bytes are valid UTF-8 without control
 * characters (tab, CR and LF allowed; HJ 212 frames end in CRLF), pretty-printed when it is JSON;
 * otherwise a hex dump (offset, 16 bytes a line, printable ASCII beside). A payload the server cut
 * may end inside a multi-byte character: that tail does not make it binary. Pure.
 */

/** How the payload is shown. */
export type PayloadKind = 'empty' | 'json' | 'text' | 'hex' | 'invalid'

/** The decoded payload. */
export interface DecodedPayload {
  kind: PayloadKind
  /** What to show (pretty JSON, the text, or the hex dump; '' when empty or invalid). */
  text: string
  /** Bytes decoded (the received part when truncated). */
  bytes: number
}

// eslint-disable-next-line no-control-regex -- control characters (not tab, LF, CR) are what marks a payload as binary
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** Base64 → bytes, or undefined when it is not base64. */
export function base64ToBytes(b64: string): Uint8Array | undefined {
  let bin: string
  try {
    bin = atob(b64)
  } catch {
    return undefined
  }
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/**
 * A hex dump: `0000  7b 22 74 73  …  |{"ts|`, 16 bytes a line.
 * @example hexDump(new Uint8Array([0x41, 0x00])) === '0000  41 00' + ' '.repeat(42) + '  |A.|'
 */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = []
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16)
    let hex = ''
    let ascii = ''
    for (let i = 0; i < 16; i++) {
      if (i < row.length) {
        const b = row[i]!
        hex += (i === 0 ? '' : ' ') + b.toString(16).padStart(2, '0')
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'
      } else {
        hex += '   '
      }
    }
    lines.push(`${off.toString(16).padStart(4, '0')}  ${hex}  |${ascii}|`)
  }
  return lines.join('\n')
}

/** Valid UTF-8 text, or undefined; `partial` allows an incomplete character at the very end. */
function utf8(bytes: Uint8Array, partial: boolean): string | undefined {
  try {
    // `stream` keeps an incomplete trailing sequence back instead of failing on it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes, { stream: partial })
  } catch {
    return undefined
  }
}

/**
 * Decode a dead letter's `payloadBase64` for display.
 * @example decodePayload(btoa('not json')) // { kind: 'text', text: 'not json', bytes: 8 }
 */
export function decodePayload(b64: string, truncated = false): DecodedPayload {
  const bytes = base64ToBytes(b64)
  if (!bytes) return { kind: 'invalid', text: '', bytes: 0 }
  if (bytes.length === 0) return { kind: 'empty', text: '', bytes: 0 }
  const text = utf8(bytes, truncated)
  if (text === undefined || CONTROL.test(text)) return { kind: 'hex', text: hexDump(bytes), bytes: bytes.length }
  if (!truncated && /^\s*[[{]/.test(text)) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2), bytes: bytes.length }
    } catch {
      // Not JSON after all (often why it was rejected): show it as sent.
    }
  }
  return { kind: 'text', text, bytes: bytes.length }
}
