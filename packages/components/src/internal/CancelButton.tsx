import type { RefObject } from 'react';

/**
 * Cancel for a running prediction. Not `disabled` while the cancel is on its way (a disabled button
 * drops the keyboard focus that pressed it), and it tells `focused` whether it had the focus when it
 * left, so that its owner can hand the focus on rather than let it fall to the page.
 */
export function CancelButton({
  action,
  canceling,
  onCancel,
  focused,
}: {
  /** Its `data-action`, which tests and styles find it by. */
  action: string;
  canceling: boolean;
  onCancel: () => void;
  focused: RefObject<boolean>;
}) {
  return (
    <button
      type="button"
      data-slot="button"
      data-variant="outline"
      data-action={action}
      aria-disabled={canceling || undefined}
      onClick={() => {
        if (!canceling) onCancel();
      }}
      ref={(node) => () => {
        // Detached (on each render, and when it leaves) while it has the focus.
        focused.current = document.activeElement === node;
      }}
    >
      {canceling && <span data-slot="spinner" aria-hidden="true" />}
      Cancel
    </button>
  );
}
