/**
 * The rules file (RULES_FILE): per-station overrides of the standards' rules, read at start and
 * written when a cluster node applies a change made on another node.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseRuleOverrides, type RuleOverrides } from '../../../shared/src/rules/standard-overrides'

/** Per-station rule overrides from the rules file (absent = none); a bad file fails start-up naming the field. */
export function ruleOverridesOf(file: string): RuleOverrides {
  if (!existsSync(file)) return {}
  return parseRuleOverrides(JSON.parse(readFileSync(file, 'utf8')), file)
}

/** Write the rules file atomically (a cluster node applying another node's change). */
export function saveRuleOverrides(file: string, overrides: RuleOverrides): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  writeFileSync(tmp, JSON.stringify(overrides, null, 1))
  renameSync(tmp, file)
}
