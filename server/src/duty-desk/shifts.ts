/** Asia/Shanghai has no DST: local time is always UTC+08:00. */
const OFFSET = '+08:00';
const HOUR = 3_600_000;

/**
 * The rota's shift grid: shifts of `hours` hours starting at `start` (HH:MM, Asia/Shanghai).
 * A shift is named by its start; the duty day D runs from D at `start` to D+1 at `start`.
 */
export class ShiftGrid {
  private readonly anchor: number;
  readonly lengthMs: number;

  constructor(
    readonly start: string,
    readonly hours: number,
  ) {
    this.anchor = Date.parse(`2000-01-01T${start}:00${OFFSET}`);
    this.lengthMs = hours * HOUR;
  }

  /** The start of the shift running at `t`. */
  startOf(t: Date): Date {
    const n = Math.floor((t.getTime() - this.anchor) / this.lengthMs);
    return new Date(this.anchor + n * this.lengthMs);
  }

  isBoundary(t: Date): boolean {
    return this.startOf(t).getTime() === t.getTime();
  }

  endOf(start: Date): Date {
    return new Date(start.getTime() + this.lengthMs);
  }

  /** The shift of duty day `date` (YYYY-MM-DD) starting at `time` (HH:MM, default the grid's start). */
  at(date: string, time = this.start): Date {
    return new Date(`${date}T${time}:00${OFFSET}`);
  }

  /** Every shift start of the duty days `from`..`to` (inclusive). */
  starts(from: string, to: string): Date[] {
    const out: Date[] = [];
    const end = this.at(to).getTime() + 24 * HOUR;
    for (let t = this.at(from).getTime(); t < end; t += this.lengthMs) out.push(new Date(t));
    return out;
  }

  /** Shift starts whose shift overlaps [from, to). */
  overlapping(from: Date, to: Date): Date[] {
    const out: Date[] = [];
    for (let t = this.startOf(from).getTime(); t < to.getTime(); t += this.lengthMs)
      out.push(new Date(t));
    return out;
  }
}

/** Shown in Asia/Shanghai, e.g. 2026-12-07 08:00. */
export function localTime(d: Date): string {
  const s = new Date(d.getTime() + 8 * HOUR).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}
