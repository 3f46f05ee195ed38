/** ASCII bytes of the HJ 212 frame grammar, shared by the parser and the stream splitter. */

/** `#`: a frame starts with `##`. */
export const HASH = 0x23
/** CR and LF: a frame ends with CRLF. */
export const CR = 0x0d
export const LF = 0x0a

/** A decimal digit (the 4-digit length field). */
export const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39

/** A hex digit, either case (the CRC field; loggers send both). */
export const isHex = (b: number): boolean => isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
