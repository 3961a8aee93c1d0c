/** Seconds as a clock reading, `h:mm:ss` (the dashboard's elapsed time and ETA, in the renderer and the static fallback). */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${[Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':')}`;
}
