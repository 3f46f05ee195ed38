/**
 * The critical-alert alarm: a sound, a desktop notification (Notification API) and an on-screen
 * toast when an alert becomes critical and open (CriticalWatch). The operator can mute sound and
 * notifications; the choice is remembered in localStorage. Browsers allow audio and the
 * permission prompt only after a user gesture, so the audio context is unlocked on the first
 * click or key press and permission is asked from the alarm button. Framework-free; React reads
 * it through {@link useAlarm}.
 */
import { useSyncExternalStore } from 'react'
import type { AlertEvent } from '../../../shared/src/domain/alert'
import type { AlertStore } from '../data/alert-store'
import { CriticalWatch } from './critical-watch'

const MUTE_KEY = 'envmon.alarm.muted'
const TOAST_MS = 120_000
const MAX_TOASTS = 3

/** Desktop notification permission as the browser reports it, or `unsupported`. */
export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported'

/** What the alarm button and the toasts show. */
export interface AlarmState {
  muted: boolean
  permission: NotifyPermission
  /** Critical alerts announced recently, newest first. */
  toasts: readonly AlertEvent[]
  /** How many critical alerts have been announced since the page loaded (test hook). */
  rung: number
}

const readMuted = () => {
  try {
    return globalThis.localStorage?.getItem(MUTE_KEY) === '1'
  } catch {
    return false
  }
}
const permissionNow = (): NotifyPermission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission)

let state: AlarmState = { muted: readMuted(), permission: permissionNow(), toasts: [], rung: 0 }
const listeners = new Set<() => void>()
const set = (patch: Partial<AlarmState>) => {
  state = { ...state, ...patch }
  for (const l of listeners) l()
}

let audio: AudioContext | undefined
function unlockAudio(): void {
  if (typeof AudioContext === 'undefined') return
  audio ??= new AudioContext()
  if (audio.state === 'suspended') void audio.resume()
}

/** Two falling tones, generated (no audio file to load or cache). */
function beep(): void {
  if (!audio || audio.state !== 'running') return
  const t0 = audio.currentTime
  for (const [i, f] of [880, 660, 880, 660].entries()) {
    const osc = audio.createOscillator()
    const gain = audio.createGain()
    osc.frequency.value = f
    gain.gain.setValueAtTime(0.0001, t0 + i * 0.22)
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + i * 0.22 + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.22 + 0.2)
    osc.connect(gain).connect(audio.destination)
    osc.start(t0 + i * 0.22)
    osc.stop(t0 + i * 0.22 + 0.21)
  }
}

/** Mute or unmute sound and desktop notifications (remembered); unmuting counts as the gesture that unlocks audio. */
export function setMuted(muted: boolean): void {
  try {
    globalThis.localStorage?.setItem(MUTE_KEY, muted ? '1' : '0')
  } catch {
    // Storage unavailable: the choice lasts for this page.
  }
  if (!muted) unlockAudio()
  set({ muted })
}

/** Ask for desktop notification permission; call from a click handler (browsers require a gesture). */
export async function requestNotifyPermission(): Promise<void> {
  unlockAudio()
  if (typeof Notification === 'undefined') return
  const p = await Notification.requestPermission()
  set({ permission: p })
}

/** Remove a toast. */
export function dismissToast(id: string): void {
  set({ toasts: state.toasts.filter((a) => a.id !== id) })
}

/**
 * Start watching the alert store. `describe` words an alert for the notification (title, body);
 * `open` is called when the operator clicks a notification.
 * @example startAlarm(alertStore, (a) => ({ title: '严重告警', body: a.message }), (a) => navigate(...))
 */
export function startAlarm(
  store: AlertStore,
  describe: (a: AlertEvent) => { title: string; body: string },
  open: (a: AlertEvent) => void,
): () => void {
  const watch = new CriticalWatch()
  const gesture = () => unlockAudio()
  window.addEventListener('pointerdown', gesture)
  window.addEventListener('keydown', gesture)
  const unsubscribe = store.subscribe(() => {
    if (!store.loaded) return
    const fresh = watch.take(store.list())
    if (fresh.length === 0) {
      const live = state.toasts.filter((a) => store.get(a.id)?.state === 'open')
      if (live.length !== state.toasts.length) set({ toasts: live })
      return
    }
    set({ toasts: [...fresh, ...state.toasts].slice(0, MAX_TOASTS), rung: state.rung + fresh.length })
    for (const a of fresh) setTimeout(() => dismissToast(a.id), TOAST_MS)
    if (state.muted) return
    beep()
    if (state.permission !== 'granted') return
    for (const a of fresh.slice(0, MAX_TOASTS)) {
      const { title, body } = describe(a)
      const n = new Notification(title, { body, tag: a.id, requireInteraction: true })
      n.onclick = () => {
        window.focus()
        open(a)
        n.close()
      }
    }
  })
  return () => {
    unsubscribe()
    window.removeEventListener('pointerdown', gesture)
    window.removeEventListener('keydown', gesture)
  }
}

const subscribe = (cb: () => void) => {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

/** The alarm state, re-rendering on change. */
export function useAlarm(): AlarmState {
  return useSyncExternalStore(subscribe, () => state)
}
