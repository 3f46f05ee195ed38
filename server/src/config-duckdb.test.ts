import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'
import { DuckDbStore } from './store/duckdb-store'

describe('DUCKDB_MEMORY_LIMIT (issue 16: DuckDB ran without a limit)', () => {
  it('defaults to 256MB', () => {
    expect(loadConfig({}).store).toMatchObject({ kind: 'duckdb', memoryLimit: '256MB' })
  })

  it('takes a size as DuckDB spells it', () => {
    expect(loadConfig({ DUCKDB_MEMORY_LIMIT: '512MiB' }).store).toMatchObject({ memoryLimit: '512MiB' })
  })

  it.each(['lots', '512', '-1GB', '1 PB', '80%'])('refuses %s, naming the variable', (v) => {
    expect(() => loadConfig({ DUCKDB_MEMORY_LIMIT: v })).toThrow(/DUCKDB_MEMORY_LIMIT/)
  })

  it('is the limit the opened store runs with', async () => {
    const limited = await DuckDbStore.open({ path: ':memory:', memoryLimit: '256MB' })
    const unlimited = await DuckDbStore.open({ path: ':memory:' })
    try {
      // DuckDB reports 256 MB (10^6) as 244.1 MiB; without a limit it takes 80 % of the machine's RAM.
      expect(await limited.memoryLimit()).toBe('244.1 MiB')
      expect(await unlimited.memoryLimit()).not.toBe('244.1 MiB')
    } finally {
      await limited.close()
      await unlimited.close()
    }
  })
})
