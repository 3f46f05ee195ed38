/**
 * The pending alert action (acknowledge or resolve) the dialog asks the operator to confirm, and
 * the request that carries it out. The answer is merged into the alert store at once; the socket
 * `alert` event that follows is then recognised as not newer and ignored.
 */
import { useSyncExternalStore } from 'react'
import type { AlertEvent } from '../../../shared/src/domain/alert'
import { api } from '../data/api'
import { alertStore } from '../data/live'

/** Which action. */
export type AlertAction = 'ack' | 'resolve'

/** The action awaiting confirmation. */
export interface PendingAction {
  alert: AlertEvent
  action: AlertAction
  /** Element to give focus back to when the dialog closes. */
  returnFocus?: HTMLElement | null
}

let pending: PendingAction | undefined
const listeners = new Set<() => void>()
const emit = () => listeners.forEach((l) => l())

/** Ask the operator to confirm an action on an alert (opens the dialog). */
export function requestAlertAction(alert: AlertEvent, action: AlertAction, returnFocus?: HTMLElement | null): void {
  pending = { alert, action, returnFocus }
  emit()
}

/** Close the dialog without acting. */
export function cancelAlertAction(): void {
  const focus = pending?.returnFocus
  pending = undefined
  emit()
  focus?.focus()
}

/**
 * Carry out the pending action with an optional note; resolves when the server accepted it.
 * @throws ApiError from the server (e.g. 409 when the alert changed state meanwhile)
 */
export async function confirmAlertAction(note: string): Promise<void> {
  if (!pending) return
  const { alert, action } = pending
  const n = note.trim() || undefined
  const updated = action === 'ack' ? await api.acknowledge(alert.id, n) : await api.resolve(alert.id, n)
  alertStore.merge([updated])
  cancelAlertAction()
}

const subscribe = (cb: () => void) => {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

/** The pending action, for the dialog. */
export function usePendingAction(): PendingAction | undefined {
  return useSyncExternalStore(subscribe, () => pending)
}
