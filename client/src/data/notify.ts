/**
 * Opt-in browser notifications and a short tone for new alerts. Nothing happens unless the person
 * turned it on (remembered per user on this device) and, for notifications, the browser allows it.
 * The tone is generated with Web Audio: no sound files.
 */
import type { Alert } from '@mashboard/shared';
import { browserStore, userKeyPrefix } from './storage.ts';
import { alertSubject } from './alerts.ts';

const store = browserStore();
const key = (userId: string) => `${userKeyPrefix(userId)}alertNotify`;

export function notifyOptedIn(userId: string): boolean {
  return store.getItem(key(userId)) === '1';
}

export function setNotifyOptIn(userId: string, on: boolean): void {
  if (on) store.setItem(key(userId), '1');
  else store.removeItem(key(userId));
}

export type NotifyPermission = NotificationPermission | 'unsupported';

export function notificationPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Ask the browser (only from a click). */
export async function requestNotificationPermission(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

let audio: AudioContext | null = null;

/** Create (or resume) the audio context; call from a click so the browser lets it play later. */
export function unlockAudio(): void {
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    audio ??= new Ctor();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** Two short beeps (about half a second in all). */
export function playTone(): void {
  if (!audio) unlockAudio();
  const ctx = audio;
  if (!ctx) return;
  try {
    const start = ctx.currentTime + 0.02;
    for (const [i, freq] of [880, 660].entries()) {
      const t = start + i * 0.22;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.2);
    }
  } catch {
    /* no sound is better than a crash */
  }
}

/** Tell the person about a new alert, if they opted in. */
export function announceAlert(userId: string, alert: Alert, onClick: () => void): void {
  if (!notifyOptedIn(userId)) return;
  playTone();
  if (notificationPermission() !== 'granted') return;
  try {
    const n = new Notification(`Mashboard: ${alertSubject(alert).label}`, { body: alert.title, tag: alert.id });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    /* some browsers only allow notifications from a service worker */
  }
}
