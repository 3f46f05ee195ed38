/**
 * Test fixtures: the real example frames of /work/shared/reference/standards.md ("Sources"), with
 * their length and CRC checked. Test-only; not exported from index.ts.
 */

/** (1) The standard's example: CN 1062 (set real-time interval), Flag=5. CRC 1C80. */
export const STANDARD_EXAMPLE =
  '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n'

/** (2) HJ/T 212-2005 style water frame: no QN, no Flag, lower-case CRC a9c1. */
export const WATER_2005 =
  '##0178ST=32;CN=2011;PW=123456;MN=0873HHMZWSLH02;CP=&&DataTime=20160103133030;060-Rtd=3.0943,060-Flag=N;011-Rtd=18.0412,011-Flag=N;001-Rtd=8.2137,001-Flag=N;B01-Rtd=10.9890,B01-Flag=N&&a9c1\r\n'

/** (3) Vendor air frame: declared length 0131 counts from `ST=` through CRLF; the data segment is 125 bytes. CRC C241. */
export const VENDOR_AIR =
  '##0131ST=22;CN=2011;PW=123456;MN=120112TJTGGN13;CP=&&DataTime=20150811151200;PM10-Rtd=89.59,PM10-Flag=N;TSP-Rtd=133.71,TSP-Flag=N&&C241\r\n'

/** The data segment of a frame (between the 6-byte head and the CRC). */
export function dataSegmentOf(frame: string): string {
  return frame.slice(6, -6)
}

/** A small deterministic PRNG (mulberry32) for fuzz loops. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
