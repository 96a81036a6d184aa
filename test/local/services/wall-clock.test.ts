import { WallClock } from '../../../lib/local/wall-clock';

describe('WallClock', () => {
  it('keeps a sleep past the timer limit pending', async () => {
    const clock = new WallClock();
    const controller = new AbortController();
    let settled = false;

    const sleep = clock.sleep(99999999 * 1000, controller.signal).then(
      () => (settled = true),
      () => undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error('stopped'));
    await sleep;

    expect(settled).toBe(false);
  });

  it('resolves a short sleep', async () => {
    await expect(new WallClock().sleep(1)).resolves.toBeUndefined();
  });

  it('rejects an aborted sleep with the reason', async () => {
    const controller = new AbortController();
    const sleep = new WallClock().sleep(60_000, controller.signal);
    controller.abort(new Error('Execution stopped.'));

    await expect(sleep).rejects.toThrow('Execution stopped.');
  });
});
