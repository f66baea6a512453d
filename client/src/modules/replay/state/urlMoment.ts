/**
 * The player's side of the URL's `at`: what it wrote, and whether a value the URL now shows is
 * one of its own writes coming back or someone else's (back, forward, a link).
 *
 * A navigation is a transition, so on a busy main thread the URL can still show an earlier
 * write after a later one was made (at 600× a write every 2 s while frames take most of the
 * thread). That earlier value is ours, not a link: taking it for one jumped the clock back and
 * paused the player 32 replayed minutes into a 6 h storm.
 */
export class UrlMoment {
  private written: string | null;
  /** Our writes not yet seen in the URL, oldest first. */
  private readonly pending: string[] = [];

  constructor(initial: string | null) {
    this.written = initial;
  }

  /** The URL says (or is about to say) this already: nothing to write. */
  shows(value: string): boolean {
    return value === this.written;
  }

  /** The player writes `value` to the URL. */
  write(value: string): void {
    this.written = value;
    this.pending.push(value);
  }

  /**
   * The URL now shows `value`: the moment to move the clock to when someone else put it there,
   * else null (one of our writes landing; those before it were passed over or have landed).
   */
  seen(value: string): string | null {
    const ours = this.pending.indexOf(value);
    if (ours >= 0) {
      this.pending.splice(0, ours + 1);
      return null;
    }
    if (value === this.written) return null;
    this.written = value;
    return value;
  }
}
