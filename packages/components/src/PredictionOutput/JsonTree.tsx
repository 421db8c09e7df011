import { useState } from 'react';

const PAGE = 100;

function JsonNode({ name, value, depth }: { name?: string | number; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth < 2);
  const [limit, setLimit] = useState(PAGE);
  const key = name !== undefined && (
    <span data-slot="json-key">{typeof name === 'number' ? name : JSON.stringify(name)}: </span>
  );
  if (value === null || typeof value !== 'object') {
    const type = value === null ? 'null' : typeof value;
    return (
      <>
        {key}
        <span data-slot="json-value" data-type={type}>
          {type === 'string' || type === 'number' || type === 'boolean' || type === 'null'
            ? JSON.stringify(value)
            : String(value)}
        </span>
      </>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string | number, unknown][] = isArray ? value.map((v, i) => [i, v]) : Object.entries(value);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-slot="json-node">
      <summary>
        {key}
        <span data-slot="json-meta">{isArray ? `[${entries.length}]` : `{${entries.length}}`}</span>
      </summary>
      {/* Closed branches render nothing, so a huge output costs only what is opened. */}
      {open && (
        <ul>
          {entries.slice(0, limit).map(([k, v]) => (
            <li key={k}>
              <JsonNode name={k} value={v} depth={depth + 1} />
            </li>
          ))}
          {entries.length > limit && (
            <li>
              <button type="button" data-slot="json-more" onClick={() => setLimit((l) => l + PAGE * 10)}>
                Show {Math.min(PAGE * 10, entries.length - limit)} more of {entries.length - limit}
              </button>
            </li>
          )}
        </ul>
      )}
    </details>
  );
}

/** A collapsible tree of a JSON value; the first two levels start open. */
export function JsonTree({ value }: { value: unknown }) {
  return (
    <div data-slot="json-tree">
      <JsonNode value={value} depth={0} />
    </div>
  );
}
