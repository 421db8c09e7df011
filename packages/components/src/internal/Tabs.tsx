import { type KeyboardEvent, type ReactNode, useId, useState } from 'react';

export interface Tab {
  id: string;
  label: string;
  content: ReactNode;
}

/**
 * Tabs as the ARIA pattern has them: a tablist of buttons (arrow keys, Home and End move and select),
 * then the selected tab's panel. Only that panel is rendered.
 */
export function Tabs({ label, tabs, slot }: { label: string; tabs: Tab[]; slot: string }) {
  const id = useId();
  const [picked, setPicked] = useState(tabs[0]?.id);
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.id === picked),
  );
  const current = tabs[index];
  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = tabs.length - 1;
    const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    if (!next) return;
    setPicked(next.id);
    e.currentTarget.querySelector<HTMLElement>(`[data-tab="${next.id}"]`)?.focus();
  };
  return (
    <div data-slot={slot}>
      <div role="tablist" aria-label={label} data-slot="tabs" onKeyDown={keyDown}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${id}-${tab.id}`}
            data-tab={tab.id}
            data-slot="button"
            data-variant={i === index ? 'outline' : 'ghost'}
            aria-selected={i === index}
            aria-controls={`${id}-panel`}
            tabIndex={i === index ? 0 : -1}
            onClick={() => setPicked(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current && (
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${current.id}`} data-slot="tab-panel">
          {current.content}
        </div>
      )}
    </div>
  );
}
