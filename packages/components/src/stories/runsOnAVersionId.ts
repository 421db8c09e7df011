import { expect } from 'storybook/test';

interface Playable<C> {
  play?: ((context: C) => void | Promise<void>) | undefined;
}

/**
 * A live story again, made on Replicate's terms: its run must name the version by its 64-hex id
 * (the latest version of the model the story picked), as Replicate's predictions do.
 */
export const runsOnAVersionId = <C extends { args: { onCreated?: unknown } }>(
  story: Playable<C>,
): Playable<C> => ({
  play: async (context) => {
    await story.play?.(context);
    await expect(context.args.onCreated).toHaveBeenCalledWith(
      expect.objectContaining({
        model: expect.objectContaining({ version_id: expect.stringMatching(/^[\da-f]{64}$/) }),
      }),
    );
  },
});
