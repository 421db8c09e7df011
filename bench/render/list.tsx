import { PredictionList } from '@predictkit/components';
import type { PredictionListItem } from '@predictkit/core';
import { type Dispatch, type SetStateAction, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ListApi } from './api';
import { countRowRenders, mountedRows } from './devtoolsHook';
import { nextPaint } from './paint';
import { mount } from './root';

const MODELS = ['text-generator', 'image-generator', 'sentiment', 'echo', 'slow-task'];
const STATUSES = ['succeeded', 'succeeded', 'succeeded', 'failed', 'canceled', 'started', 'pending'];

function makeItems(count: number): PredictionListItem[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const created = new Date(now - i * 37_000).toISOString();
    const status = STATUSES[i % STATUSES.length] as string;
    return {
      id: `${i.toString(16).padStart(8, '0')}-6276-4993-bfeb-53cbbbba6f08`,
      model: { owner: 'predictkit', name: MODELS[i % MODELS.length] as string, version_number: 1 + (i % 3) },
      created_at: created,
      updated_at: created,
      status,
      setup_time: 'PT0.250S',
      execution_time: status === 'succeeded' ? `PT${(1 + (i % 40) / 7).toFixed(3)}S` : null,
      urls: {},
    };
  });
}

let setItems: Dispatch<SetStateAction<PredictionListItem[]>> = () => {};
const select = () => {};

function Harness({ initial }: { initial: PredictionListItem[] }) {
  const [items, set] = useState(initial);
  setItems = set;
  return <PredictionList predictions={items} onSelect={select} height={640} />;
}

export const api: ListApi = {
  async mount(rows) {
    const initial = makeItems(rows);
    const mountMs = await mount(<Harness initial={initial} />);
    return { mountMs, rowsInDom: mountedRows() };
  },
  async changeStatus(index) {
    const list = document.querySelector('[data-slot=list-rows]') as HTMLElement;
    const mutated = new Set<Element>();
    const collect = (records: MutationRecord[]) => {
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement;
        const row = target?.closest('[data-slot=list-row]');
        if (row) mutated.add(row);
      }
    };
    const observer = new MutationObserver(collect);
    observer.observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
    const rendered = countRowRenders();
    const started = performance.now();
    flushSync(() =>
      setItems((items) =>
        items.map((item, i) =>
          i === index ? { ...item, status: item.status === 'started' ? 'succeeded' : 'started' } : item,
        ),
      ),
    );
    const rowsRendered = rendered();
    const updateMs = (await nextPaint()) - started;
    collect(observer.takeRecords());
    observer.disconnect();
    return { rowsRendered, rowsMutated: mutated.size, updateMs };
  },
};
