import { useEffect, useState } from 'react';
import { Icon } from './Icon';

/** Copies `text`; says "Copied" for a moment, or "Copy failed" when the clipboard refused. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    const write = navigator.clipboard?.writeText(text);
    if (!write) return setState('failed');
    write.then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <button type="button" data-slot="copy-button" data-state={state} onClick={copy}>
      <Icon name={state === 'copied' ? 'check' : 'copy'} />
      <span>{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}</span>
    </button>
  );
}
