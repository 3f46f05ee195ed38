import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tightenPrivateFile, writePrivateFileAtomic } from './private-file'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'envmon-private-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})
const modeOf = (f: string) => statSync(f).mode & 0o777

describe('writePrivateFileAtomic', () => {
  it('creates the file 0600, in a directory it creates', () => {
    const f = join(dir, 'a', 'b.json')
    writePrivateFileAtomic(f, '{"x":1}')
    expect(readFileSync(f, 'utf8')).toBe('{"x":1}')
    expect(modeOf(f)).toBe(0o600)
  })

  it('rewrites a 0644 file as 0600 (the rename replaces it)', () => {
    const f = join(dir, 'stations.json')
    writeFileSync(f, 'old')
    chmodSync(f, 0o644)
    writePrivateFileAtomic(f, 'new')
    expect(readFileSync(f, 'utf8')).toBe('new')
    expect(modeOf(f)).toBe(0o600)
  })

  it('writes through a leftover world-readable temporary file without keeping its mode', () => {
    const f = join(dir, 'users.json')
    writeFileSync(`${f}.tmp`, 'torn')
    chmodSync(`${f}.tmp`, 0o666)
    writePrivateFileAtomic(f, 'whole')
    expect(readFileSync(f, 'utf8')).toBe('whole')
    expect(modeOf(f)).toBe(0o600)
  })
})

describe('tightenPrivateFile', () => {
  it.each([
    [0o644, 0o644],
    [0o640, 0o640],
    [0o604, 0o604],
    [0o660, 0o660],
    [0o600, undefined],
    [0o400, undefined],
  ])('a file of mode %o reports %o and ends owner-only', (mode, reported) => {
    const f = join(dir, 'f')
    writeFileSync(f, 'x')
    chmodSync(f, mode)
    expect(tightenPrivateFile(f)).toBe(reported)
    expect(modeOf(f)).toBe(reported === undefined ? mode : 0o600)
  })

  it('leaves a missing file alone', () => {
    expect(tightenPrivateFile(join(dir, 'none'))).toBeUndefined()
  })
})
