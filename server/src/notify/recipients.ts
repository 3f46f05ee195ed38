/**
 * The recipient store: recipients, escalation groups and policies, persisted as one JSON file in
 * the data directory (atomic write, mode 0600 because webhook secrets may live in it) and edited
 * through the admin router. References are kept consistent: a group or policy may only name
 * existing recipients and groups, and anything still referenced cannot be deleted.
 */
import { channelKey } from './channel-key'
import { readJsonFile, writeJsonAtomic } from './json-file'
import {
  bookSchema,
  type ChannelSpec,
  type Group,
  type NotifyBook,
  type Policy,
  type Recipient,
  type RecipientInput,
  type WebhookChannel,
} from './model'
import type { z } from 'zod'

/** Outcome of an edit; never thrown. */
export type EditResult<T> = { ok: true; value: T } | { ok: false; code: 'not-found' | 'in-use' | 'unknown-reference'; message: string }

/** A recipient as the admin API shows it: webhook secrets replaced by `hasSecret`. */
export type RedactedRecipient = Omit<Recipient, 'channels'> & {
  channels: (ChannelSpec | (Omit<WebhookChannel, 'secret'> & { hasSecret: boolean }))[]
}

/** A channel of a recipient, found by its key. */
export interface ChannelRef {
  recipient: Recipient
  channel: ChannelSpec
}

/** Drop `secret: null` (the PUT spelling of "no secret") from stored channels. */
function normalizeChannel(c: RecipientInput['channels'][number]): ChannelSpec {
  if (c.type === 'email') return c
  const { secret, ...rest } = c
  return secret ? { ...rest, secret } : rest
}

/** Hide webhook secrets. */
export function redactRecipient(r: Recipient): RedactedRecipient {
  return {
    ...r,
    channels: r.channels.map((c) => {
      if (c.type === 'email') return c
      const { secret, ...rest } = c
      return { ...rest, hasSecret: Boolean(secret || c.secretEnv) }
    }),
  }
}

export class RecipientStore {
  private data: NotifyBook

  private constructor(
    private readonly file: string | undefined,
    data: NotifyBook,
  ) {
    this.data = data
  }

  /**
   * Load the file (an empty book when it does not exist). A bad file throws, naming the file and
   * the first bad field, so a typo is found at start-up rather than at 3 a.m.
   */
  static load(file: string): RecipientStore {
    const raw = readJsonFile(file)
    if (raw === undefined) return new RecipientStore(file, { version: 1, recipients: [], groups: [], policies: [] })
    return new RecipientStore(file, parseBook(raw, file))
  }

  /** An in-memory store (tests). */
  static fromBook(raw: unknown): RecipientStore {
    return new RecipientStore(undefined, parseBook(raw, 'book'))
  }

  book(): NotifyBook {
    return structuredClone(this.data)
  }

  recipients(): Recipient[] {
    return this.data.recipients
  }

  recipient(id: string): Recipient | undefined {
    return this.data.recipients.find((r) => r.id === id)
  }

  groups(): Group[] {
    return this.data.groups
  }

  policies(): Policy[] {
    return this.data.policies
  }

  policy(id: string): Policy | undefined {
    return this.data.policies.find((p) => p.id === id)
  }

  /** The channel of `recipientId` whose key is `key`. */
  channel(recipientId: string, key: string): ChannelRef | undefined {
    const recipient = this.recipient(recipientId)
    const channel = recipient?.channels.find((c) => channelKey(c) === key)
    return recipient && channel ? { recipient, channel } : undefined
  }

  /** Recipient ids named by groups and recipients (unknown ids skipped, order kept, no repeats). */
  resolve(groups: readonly string[], recipients: readonly string[]): Recipient[] {
    const ids = new Set<string>()
    for (const g of groups) for (const m of this.data.groups.find((x) => x.id === g)?.members ?? []) ids.add(m)
    for (const r of recipients) ids.add(r)
    return [...ids].map((id) => this.recipient(id)).filter((r): r is Recipient => r !== undefined)
  }

  /** Create or replace a recipient. An omitted webhook secret keeps the stored one of the same URL. */
  putRecipient(id: string, input: RecipientInput): EditResult<Recipient> {
    const prev = this.recipient(id)
    const channels = input.channels.map((c) => {
      const n = normalizeChannel(c)
      if (c.type !== 'webhook' || c.secret !== undefined) return n
      const old = prev?.channels.find((p): p is WebhookChannel => p.type === 'webhook' && p.url === c.url)
      return old?.secret ? { ...n, secret: old.secret } : n
    })
    const { id: _id, ...rest } = input
    const r: Recipient = { ...rest, id, channels }
    this.data.recipients = upsert(this.data.recipients, r)
    this.save()
    return { ok: true, value: r }
  }

  removeRecipient(id: string): EditResult<Recipient> {
    const r = this.recipient(id)
    if (!r) return { ok: false, code: 'not-found', message: `no recipient ${id}` }
    const users = [
      ...this.data.groups.filter((g) => g.members.includes(id)).map((g) => `group ${g.id}`),
      ...this.data.policies.filter((p) => p.steps.some((s) => s.recipients.includes(id))).map((p) => `policy ${p.id}`),
    ]
    if (users.length) return { ok: false, code: 'in-use', message: `recipient ${id} is used by ${users.join(', ')}` }
    this.data.recipients = this.data.recipients.filter((x) => x.id !== id)
    this.save()
    return { ok: true, value: r }
  }

  putGroup(group: Group): EditResult<Group> {
    const unknown = group.members.filter((m) => !this.recipient(m))
    if (unknown.length) return { ok: false, code: 'unknown-reference', message: `unknown recipient(s): ${unknown.join(', ')}` }
    this.data.groups = upsert(this.data.groups, group)
    this.save()
    return { ok: true, value: group }
  }

  removeGroup(id: string): EditResult<Group> {
    const g = this.data.groups.find((x) => x.id === id)
    if (!g) return { ok: false, code: 'not-found', message: `no group ${id}` }
    const users = this.data.policies.filter((p) => p.steps.some((s) => s.groups.includes(id))).map((p) => `policy ${p.id}`)
    if (users.length) return { ok: false, code: 'in-use', message: `group ${id} is used by ${users.join(', ')}` }
    this.data.groups = this.data.groups.filter((x) => x.id !== id)
    this.save()
    return { ok: true, value: g }
  }

  /** Create or replace a policy (an existing one keeps its position: the first match wins). */
  putPolicy(policy: Policy): EditResult<Policy> {
    const err = checkPolicy(policy, this.data)
    if (err) return { ok: false, code: 'unknown-reference', message: err }
    this.data.policies = upsert(this.data.policies, policy)
    this.save()
    return { ok: true, value: policy }
  }

  removePolicy(id: string): EditResult<Policy> {
    const p = this.policy(id)
    if (!p) return { ok: false, code: 'not-found', message: `no policy ${id}` }
    this.data.policies = this.data.policies.filter((x) => x.id !== id)
    this.save()
    return { ok: true, value: p }
  }

  private save(): void {
    if (this.file) writeJsonAtomic(this.file, this.data)
  }
}

function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id)
  return i < 0 ? [...list, item] : list.map((x, j) => (j === i ? item : x))
}

function checkPolicy(p: Policy, book: NotifyBook): string | undefined {
  for (const [i, s] of p.steps.entries()) {
    const badG = s.groups.filter((g) => !book.groups.some((x) => x.id === g))
    const badR = s.recipients.filter((r) => !book.recipients.some((x) => x.id === r))
    if (badG.length) return `steps[${i}]: unknown group(s): ${badG.join(', ')}`
    if (badR.length) return `steps[${i}]: unknown recipient(s): ${badR.join(', ')}`
  }
  return undefined
}

function parseBook(raw: unknown, where: string): NotifyBook {
  const r = bookSchema.safeParse(raw)
  if (!r.success) throw new Error(`${where}: ${formatIssues(r.error.issues)}`)
  const book: NotifyBook = {
    version: 1,
    recipients: r.data.recipients.map((x) => ({ ...x, channels: x.channels.map(normalizeChannel) })),
    groups: r.data.groups,
    policies: r.data.policies,
  }
  for (const [what, list] of [
    ['recipient', book.recipients],
    ['group', book.groups],
    ['policy', book.policies],
  ] as const) {
    const ids = list.map((x) => x.id)
    const dup = ids.find((id, i) => ids.indexOf(id) !== i)
    if (dup !== undefined) throw new Error(`${where}: duplicate ${what} id ${dup}`)
  }
  for (const g of book.groups) {
    const bad = g.members.filter((m) => !book.recipients.some((x) => x.id === m))
    if (bad.length) throw new Error(`${where}: group ${g.id}: unknown recipient(s): ${bad.join(', ')}`)
  }
  for (const p of book.policies) {
    const err = checkPolicy(p, book)
    if (err) throw new Error(`${where}: policy ${p.id}: ${err}`)
  }
  return book
}

/** `path: message; ...` for zod issues (shared with the router). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
}
