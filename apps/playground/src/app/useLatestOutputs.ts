import type { Prediction } from '@predictkit/core';
import { isTerminal } from '@predictkit/core';
import { predictionQueryOptions, usePredictionList, usePredictKitClient } from '@predictkit/react';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { lacks } from './lacks';

/**
 * Each model's latest succeeded prediction among the recent ones: what a gallery card shows of what
 * the model makes. One list page, then one read per model that has one.
 */
export function useLatestOutputs(): Map<string, Prediction> {
  const client = usePredictKitClient();
  const list = usePredictionList({ pageSize: lacks(client, 'pageSize') ? undefined : 50 });
  const latest = useMemo(() => {
    const byModel = new Map<string, string>();
    for (const row of list.predictions) {
      const model = `${row.model.owner}/${row.model.name}`;
      if (row.status === 'succeeded' && isTerminal(row.status) && !byModel.has(model))
        byModel.set(model, row.id);
    }
    return [...byModel];
  }, [list.predictions]);
  const details = useQueries({
    queries: latest.map(([, id]) => ({
      ...predictionQueryOptions(client, id),
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    })),
  });
  // a few entries, rebuilt each render; the predictions in it are the cache's, the same objects each time
  const byModel = new Map<string, Prediction>();
  latest.forEach(([model], i) => {
    const prediction = details[i]?.data;
    if (prediction) byModel.set(model, prediction);
  });
  return byModel;
}
